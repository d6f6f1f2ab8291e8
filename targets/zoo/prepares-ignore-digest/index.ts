import type { Slot } from '../../pbft/log.js';
import { PbftReplica } from '../../pbft/index.js';
import { zooTarget, type ZooBug } from '../kit.js';

/** The bug: counts every PREPARE for the slot, whatever digest it carries. */
export const bug: ZooBug = { description: 'counts every PREPARE for the slot, whatever digest it carries', expected: 'agreement' };

/** The reference PBFT with exactly this one change. */
class PreparesIgnoreDigest extends PbftReplica {
  protected override countPrepares(slot: Slot): number {
    return slot.prePrepare === null ? 0 : slot.prepares.size;
  }
}

/** `zoo/prepares-ignore-digest`. */
export default zooTarget('prepares-ignore-digest', bug, (ctx) => new PreparesIgnoreDigest(ctx));
