import type { NewViewMsg } from '../../pbft/messages.js';
import type { NewViewPlan } from '../../pbft/view-change.js';
import { PbftReplica } from '../../pbft/index.js';
import { zooTarget, type ZooBug } from '../kit.js';

/** The bug: enters a new view on any NEW-VIEW from its primary without checking V or recomputing O. */
export const bug: ZooBug = { description: 'enters a new view on any NEW-VIEW from its primary without checking V or recomputing O', expected: 'agreement' };

/** The reference PBFT with exactly this one change. */
class NewViewWithoutProofs extends PbftReplica {
  protected override validateNewView(nv: NewViewMsg): NewViewPlan | null {
    return this.computeNewViewO(nv.viewChanges);
  }
}

/** `zoo/new-view-without-proofs`. */
export default zooTarget('new-view-without-proofs', bug, (ctx) => new NewViewWithoutProofs(ctx));
