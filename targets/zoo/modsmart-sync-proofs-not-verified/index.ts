import type { StopDataMsg } from '../../modsmart/messages.js';
import { ModSmartReplica } from '../../modsmart/index.js';
import { modSmartZooTarget, type ModSmartZooBug } from '../../modsmart/zoo-kit.js';

/** The bug: a SYNC's collected STOPDATAs are checked for regency, sender and proofs, but their signatures never are. */
export const bug: ModSmartZooBug = {
  description: 'checks the STOPDATAs a SYNC collects for regency, sender and proofs but never verifies their signatures',
  expected: 'agreement',
};

/** Mod-SMaRt with exactly this one change: a collected STOPDATA's signature is taken as valid. */
class SyncProofsNotVerified extends ModSmartReplica {
  protected override stopDataSigned(_sd: StopDataMsg): boolean {
    return true;
  }
}

/** `zoo/modsmart-sync-proofs-not-verified`. */
export default modSmartZooTarget('modsmart-sync-proofs-not-verified', bug, (ctx) => new SyncProofsNotVerified(ctx));
