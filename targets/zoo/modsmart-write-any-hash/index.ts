import { ModSmartReplica } from '../../modsmart/index.js';
import type { Instance } from '../../modsmart/log.js';
import { modSmartZooTarget, type ModSmartZooBug } from '../../modsmart/zoo-kit.js';

/** The bug: WRITEs are counted whatever hash they carry; the certificate then kept holds too few matching WRITEs, peers reject the STOPDATA carrying it, and the leader change stalls. */
export const bug: ModSmartZooBug = { description: 'counts every WRITE of the instance whatever its hash, then reports a write certificate that peers reject, so leader changes stall', expected: 'liveness' };

/** Mod-SMaRt with exactly this one change. */
class WriteAnyHash extends ModSmartReplica {
  protected override countWrites(inst: Instance): number {
    return inst.writes.size;
  }
}

/** `zoo/modsmart-write-any-hash`. */
export default modSmartZooTarget('modsmart-write-any-hash', bug, (ctx) => new WriteAnyHash(ctx));
