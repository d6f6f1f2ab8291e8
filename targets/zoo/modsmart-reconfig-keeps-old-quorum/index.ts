import { ModSmartReplica } from '../../modsmart/index.js';
import { modSmartZooTarget, type ModSmartZooBug } from '../../modsmart/zoo-kit.js';

/** The bug: after a reconfiguration, quorums keep the size of the view before it. */
export const bug: ModSmartZooBug = {
  description: 'a reconfiguration changes the members but quorums keep the previous view\'s size: after a removal, f faulty members can stop every instance (after a join, two quorums may meet only in faulty replicas)',
  expected: 'liveness',
};

/** Mod-SMaRt with exactly this one change. */
class ReconfigKeepsOldQuorum extends ModSmartReplica {
  protected override quorumBase(cid: number = this.currentCid()): number {
    const at = this.views.indexOf(this.viewAt(cid));
    return (this.views[Math.max(0, at - 1)] ?? this.viewAt(cid)).size;
  }
}

/** `zoo/modsmart-reconfig-keeps-old-quorum`. */
export default modSmartZooTarget('modsmart-reconfig-keeps-old-quorum', bug, (ctx) => new ReconfigKeepsOldQuorum(ctx));
