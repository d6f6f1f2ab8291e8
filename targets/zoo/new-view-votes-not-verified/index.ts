import type { NodeId } from '../../../src/adapter/contract.js';
import type { NewViewMsg } from '../../pbft/messages.js';
import { matchesPlan, type NewViewPlan } from '../../pbft/view-change.js';
import { PbftReplica } from '../../pbft/index.js';
import { zooTarget, type ZooBug } from '../kit.js';

/** The bug: checks the NEW-VIEW's own signature but never the signatures of the VIEW-CHANGEs nested in it. */
export const bug: ZooBug = { description: 'checks a NEW-VIEW\'s VIEW-CHANGEs for view, sender and proofs but never verifies their signatures', expected: 'agreement' };

/** The reference PBFT with exactly this one change: `verifyMessage(vc)` left out of V's check. */
class NewViewVotesNotVerified extends PbftReplica {
  protected override validateNewView(nv: NewViewMsg): NewViewPlan | null {
    const senders = new Set<NodeId>();
    for (const vc of nv.viewChanges) {
      if (vc.view !== nv.view || senders.has(vc.sender) || !this.isValidViewChange(vc)) return null;
      senders.add(vc.sender);
    }
    if (senders.size < this.viewChangeQuorum()) return null;
    const plan = this.computeNewViewO(nv.viewChanges);
    if (!matchesPlan(nv.prePrepares, plan)) return null;
    for (const pp of nv.prePrepares) {
      if (pp.view !== nv.view || pp.sender !== nv.sender || !this.batchIsValid(pp) || !this.verifyMessage(pp)) return null;
    }
    return plan;
  }
}

/** `zoo/new-view-votes-not-verified`. */
export default zooTarget('new-view-votes-not-verified', bug, (ctx) => new NewViewVotesNotVerified(ctx));
