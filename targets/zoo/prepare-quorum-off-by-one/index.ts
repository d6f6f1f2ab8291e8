import { PbftReplica } from '../../pbft/index.js';
import { zooTarget, type ZooBug } from '../kit.js';

/** The bug: prepared after 2f − 1 PREPAREs instead of 2f. */
export const bug: ZooBug = { description: 'prepared after 2f − 1 PREPAREs instead of 2f', expected: 'agreement' };

/** The reference PBFT with exactly this one change. */
class PrepareQuorumOffByOne extends PbftReplica {
  protected override prepareQuorum(): number {
    return 2 * this.f - 1;
  }
}

/** `zoo/prepare-quorum-off-by-one`. */
export default zooTarget('prepare-quorum-off-by-one', bug, (ctx) => new PrepareQuorumOffByOne(ctx));
