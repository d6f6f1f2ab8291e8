import { NULL_DIGEST, type ViewChangeMsg } from '../../pbft/messages.js';
import type { NewViewPlan } from '../../pbft/view-change.js';
import { PbftReplica } from '../../pbft/index.js';
import { zooTarget, type ZooBug } from '../kit.js';

/** The bug: the new primary fills every slot of the new view with a null request, dropping prepared certificates. */
export const bug: ZooBug = { description: 'the new primary fills every slot of the new view with a null request, dropping prepared certificates', expected: 'agreement' };

/** The reference PBFT with exactly this one change. */
class NewPrimaryIgnoresPrepared extends PbftReplica {
  protected override computeNewViewO(viewChanges: readonly ViewChangeMsg[]): NewViewPlan {
    const plan = super.computeNewViewO(viewChanges);
    return { ...plan, entries: plan.entries.map((e) => ({ ...e, digest: NULL_DIGEST, requests: [] })) };
  }
}

/** `zoo/new-primary-ignores-prepared`. */
export default zooTarget('new-primary-ignores-prepared', bug, (ctx) => new NewPrimaryIgnoresPrepared(ctx));
