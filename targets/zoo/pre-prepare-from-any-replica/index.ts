import type { PrePrepareMsg } from '../../pbft/messages.js';
import { PbftReplica } from '../../pbft/index.js';
import { zooTarget, type ZooBug } from '../kit.js';

/** The bug: accepts a PRE-PREPARE from any replica, not only the view's primary. */
export const bug: ZooBug = { description: "accepts a PRE-PREPARE from any replica, not only the view's primary", expected: 'agreement' };

/** The reference PBFT with exactly this one change. */
class PrePrepareFromAnyReplica extends PbftReplica {
  protected override acceptPrePrepare(pp: PrePrepareMsg): boolean {
    return super.acceptPrePrepare({ ...pp, sender: this.primaryOf(pp.view) });
  }
}

/** `zoo/pre-prepare-from-any-replica`. */
export default zooTarget('pre-prepare-from-any-replica', bug, (ctx) => new PrePrepareFromAnyReplica(ctx));
