import type { PrePrepareMsg } from '../../pbft/messages.js';
import { PbftReplica } from '../../pbft/index.js';
import { zooTarget, type ZooBug } from '../kit.js';

/** The bug: a second, different PRE-PREPARE for a (view, seq) replaces the slot, as `slots[seq] = new Slot(pp)` code does. */
export const bug: ZooBug = { description: 'accepts a second, different PRE-PREPARE for a (view, seq) it already has, starting the slot afresh', expected: 'agreement' };

/**
 * The reference PBFT with exactly this one change. (Replacing only the PRE-PREPARE and keeping the
 * votes is masked: each sender's first vote stays counted, so no within-f run can tell it apart.)
 */
class SecondPrePrepareAccepted extends PbftReplica {
  protected override acceptPrePrepare(pp: PrePrepareMsg): boolean {
    const slot = this.log.find(pp.seq);
    if (slot !== undefined && slot.view === pp.view && slot.prePrepare !== null && slot.prePrepare.digest !== pp.digest && !slot.committed) {
      slot.prePrepare = null;
      slot.prepared = false;
      slot.prepares.clear();
      slot.commits.clear();
    }
    return super.acceptPrePrepare(pp);
  }
}

/** `zoo/second-pre-prepare-accepted`. */
export default zooTarget('second-pre-prepare-accepted', bug, (ctx) => new SecondPrePrepareAccepted(ctx));
