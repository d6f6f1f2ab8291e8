import { PbftReplica } from '../../pbft/index.js';
import { zooTarget, type ZooBug } from '../kit.js';

/** The bug: never joins a view change on f + 1 VIEW-CHANGEs for higher views; only its own timer moves it. */
export const bug: ZooBug = { description: 'never joins a view change on f + 1 VIEW-CHANGEs for higher views; only its own timer moves it', expected: 'liveness' };

/** The reference PBFT with exactly this one change. */
class NoJoinOnFPlus1 extends PbftReplica {
  protected override joinViewChangeThreshold(): number {
    return Number.POSITIVE_INFINITY;
  }
}

/** `zoo/no-join-on-f-plus-1`. */
export default zooTarget('no-join-on-f-plus-1', bug, (ctx) => new NoJoinOnFPlus1(ctx));
