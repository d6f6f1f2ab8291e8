import type { PrePrepareMsg } from '../../pbft/messages.js';
import { PbftReplica } from '../../pbft/index.js';
import { zooTarget, type ZooBug } from '../kit.js';

// Expected to break liveness, not agreement: every honest replica still keeps one PRE-PREPARE per
// (view, seq) and sends one COMMIT per slot and view, so a second proposer is just another
// equivocator. What it breaks is progress: a faulty backup's PRE-PREPAREs take slots from the
// primary, and a replica that prepared one carries a certificate its peers reject (its PRE-PREPARE
// is not the view's primary's) into its VIEW-CHANGE, so the view change cannot gather 2f + 1 valid ones.
/** The bug: accepts a PRE-PREPARE from any replica, not only the view's primary. */
export const bug: ZooBug = { description: "accepts a PRE-PREPARE from any replica, not only the view's primary", expected: 'liveness' };

/** The reference PBFT with exactly this one change. */
class PrePrepareFromAnyReplica extends PbftReplica {
  protected override acceptPrePrepare(pp: PrePrepareMsg): boolean {
    return super.acceptPrePrepare({ ...pp, sender: this.primaryOf(pp.view) });
  }
}

/** `zoo/pre-prepare-from-any-replica`. */
export default zooTarget('pre-prepare-from-any-replica', bug, (ctx) => new PrePrepareFromAnyReplica(ctx));
