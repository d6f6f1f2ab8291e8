import type { NewViewMsg, ViewChangeMsg } from '../../pbft/messages.js';
import { PbftReplica } from '../../pbft/index.js';
import { zooTarget, type ZooBug } from '../kit.js';

/** The bug: a NEW-VIEW's V may hold VIEW-CHANGEs for older views than the NEW-VIEW's own. */
export const bug: ZooBug = { description: 'accepts in a NEW-VIEW VIEW-CHANGEs for any view up to its own, not only for its own view', expected: 'agreement' };

/** The reference PBFT with exactly this one change: `vc.view === nv.view` became `vc.view <= nv.view`. */
class NewViewAcceptsOldViewChanges extends PbftReplica {
  protected override acceptsNewViewVote(nv: NewViewMsg, vc: ViewChangeMsg): boolean {
    return vc.view <= nv.view && this.verifyMessage(vc) && this.isValidViewChange(vc);
  }
}

/** `zoo/new-view-accepts-old-view-changes`. */
export default zooTarget('new-view-accepts-old-view-changes', bug, (ctx) => new NewViewAcceptsOldViewChanges(ctx));
