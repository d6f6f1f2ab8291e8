import type { NewViewMsg, ViewChangeMsg } from '../../pbft/messages.js';
import { PbftReplica } from '../../pbft/index.js';
import { zooTarget, type ZooBug } from '../kit.js';

/** The bug: checks the NEW-VIEW's own signature but never the signatures of the VIEW-CHANGEs nested in it. */
export const bug: ZooBug = { description: 'checks a NEW-VIEW\'s VIEW-CHANGEs for view, sender and proofs but never verifies their signatures', expected: 'agreement' };

/** The reference PBFT with exactly this one change: `verifyMessage(vc)` left out of V's check. */
class NewViewVotesNotVerified extends PbftReplica {
  protected override acceptsNewViewVote(nv: NewViewMsg, vc: ViewChangeMsg): boolean {
    return vc.view === nv.view && this.isValidViewChange(vc);
  }
}

/** `zoo/new-view-votes-not-verified`. */
export default zooTarget('new-view-votes-not-verified', bug, (ctx) => new NewViewVotesNotVerified(ctx));
