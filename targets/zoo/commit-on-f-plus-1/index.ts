import { PbftReplica } from '../../pbft/index.js';
import { zooTarget, type ZooBug } from '../kit.js';

/** The bug: committed-local after f + 1 COMMITs instead of 2f + 1. */
export const bug: ZooBug = { description: 'committed-local after f + 1 COMMITs instead of 2f + 1', expected: 'agreement' };

/** The reference PBFT with exactly this one change. */
class CommitOnFPlus1 extends PbftReplica {
  protected override commitQuorum(): number {
    return this.f + 1;
  }
}

/** `zoo/commit-on-f-plus-1`. */
export default zooTarget('commit-on-f-plus-1', bug, (ctx) => new CommitOnFPlus1(ctx));
