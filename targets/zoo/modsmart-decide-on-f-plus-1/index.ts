import { ModSmartReplica } from '../../modsmart/index.js';
import { modSmartZooTarget, type ModSmartZooBug } from '../../modsmart/zoo-kit.js';

/** The bug: an instance is decided on f + 1 matching ACCEPTs instead of a Byzantine quorum. */
export const bug: ModSmartZooBug = { description: 'decides an instance on f + 1 ACCEPTs instead of ⌈(n+f+1)/2⌉', expected: 'agreement' };

/** Mod-SMaRt with exactly this one change. */
class DecideOnFPlus1 extends ModSmartReplica {
  protected override acceptQuorum(): number {
    return this.f + 1;
  }
}

/** `zoo/modsmart-decide-on-f-plus-1`. */
export default modSmartZooTarget('modsmart-decide-on-f-plus-1', bug, (ctx) => new DecideOnFPlus1(ctx));
