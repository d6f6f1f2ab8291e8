import type { NodeId } from '../../../src/adapter/contract.js';
import type { NewViewMsg } from '../../pbft/messages.js';
import { matchesPlan, type NewViewPlan } from '../../pbft/view-change.js';
import { PbftReplica } from '../../pbft/index.js';
import { zooTarget, type ZooBug } from '../kit.js';

/** The bug: a NEW-VIEW's V may hold VIEW-CHANGEs for older views than the NEW-VIEW's own. */
export const bug: ZooBug = { description: 'accepts in a NEW-VIEW VIEW-CHANGEs for any view up to its own, not only for its own view', expected: 'agreement' };

/** The reference PBFT with exactly this one change: `vc.view !== nv.view` became `vc.view > nv.view`. */
class NewViewAcceptsOldViewChanges extends PbftReplica {
  protected override validateNewView(nv: NewViewMsg): NewViewPlan | null {
    const senders = new Set<NodeId>();
    for (const vc of nv.viewChanges) {
      if (vc.view > nv.view || senders.has(vc.sender) || !this.verifyMessage(vc) || !this.isValidViewChange(vc)) return null;
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

/** `zoo/new-view-accepts-old-view-changes`. */
export default zooTarget('new-view-accepts-old-view-changes', bug, (ctx) => new NewViewAcceptsOldViewChanges(ctx));
