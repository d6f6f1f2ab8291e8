import type { Slot } from '../../pbft/log.js';
import { PbftReplica } from '../../pbft/index.js';
import { zooTarget, type ZooBug } from '../kit.js';

// Expected to break liveness, not agreement: each honest replica sends one COMMIT per slot and view,
// so two decisions in one view would need 2f + 2 honest COMMITs; and a replica prepared on
// mismatched PREPAREs puts a certificate in its VIEW-CHANGE that every peer rejects, so it cannot
// mislead the next view either. What it does break is the view change itself: with such replicas,
// no NEW-VIEW can gather 2f + 1 valid VIEW-CHANGEs (as zoo/modsmart-write-any-hash stalls leader changes).
/** The bug: counts every PREPARE for the slot, whatever digest it carries. */
export const bug: ZooBug = {
  description: 'counts every PREPARE for the slot, whatever digest it carries, then reports a prepared certificate that peers reject, so view changes stall',
  expected: 'liveness',
};

/** The reference PBFT with exactly this one change. */
class PreparesIgnoreDigest extends PbftReplica {
  protected override countPrepares(slot: Slot): number {
    return slot.prePrepare === null ? 0 : slot.prepares.size;
  }
}

/** `zoo/prepares-ignore-digest`. */
export default zooTarget('prepares-ignore-digest', bug, (ctx) => new PreparesIgnoreDigest(ctx));
