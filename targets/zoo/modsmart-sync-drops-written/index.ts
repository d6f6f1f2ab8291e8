import { ModSmartReplica, type SyncPlan } from '../../modsmart/index.js';
import type { StopDataMsg } from '../../modsmart/messages.js';
import { selectSyncValue } from '../../modsmart/sync.js';
import { modSmartZooTarget, type ModSmartZooBug } from '../../modsmart/zoo-kit.js';

/** The bug: the synchronization phase ignores what was written and accepted in the open instance. */
export const bug: ModSmartZooBug = {
  description: 'the leader change drops the values written and accepted in the open instance (the new leader proposes freely)',
  expected: 'agreement',
};

/** Mod-SMaRt with exactly this one change (leader and followers compute the same faulty plan). */
class SyncDropsWritten extends ModSmartReplica {
  protected override selectSync(stopData: readonly StopDataMsg[]): SyncPlan {
    return { ...selectSyncValue(stopData), value: null };
  }
}

/** `zoo/modsmart-sync-drops-written`. */
export default modSmartZooTarget('modsmart-sync-drops-written', bug, (ctx) => new SyncDropsWritten(ctx));
