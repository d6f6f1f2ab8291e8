import type { PrePrepareMsg } from '../../pbft/messages.js';
import { PbftReplica } from '../../pbft/index.js';
import { zooTarget, type ZooBug } from '../kit.js';

/** The bug: accepts a second, different PRE-PREPARE for a (view, seq) it already has. */
export const bug: ZooBug = { description: 'accepts a second, different PRE-PREPARE for a (view, seq) it already has', expected: 'agreement' };

/** The reference PBFT with exactly this one change. */
class SecondPrePrepareAccepted extends PbftReplica {
  protected override acceptPrePrepare(pp: PrePrepareMsg): boolean {
    const slot = this.log.find(pp.seq);
    if (slot !== undefined && slot.view === pp.view && slot.prePrepare !== null && slot.prePrepare.digest !== pp.digest) {
      slot.prePrepare = null;
      slot.prepared = false;
    }
    return super.acceptPrePrepare(pp);
  }
}

/** `zoo/second-pre-prepare-accepted`. */
export default zooTarget('second-pre-prepare-accepted', bug, (ctx) => new SecondPrePrepareAccepted(ctx));
