import { PbftReplica } from '../../pbft/index.js';
import { zooTarget, type ZooBug } from '../kit.js';

/** The bug: declares a checkpoint stable on f + 1 matching CHECKPOINTs instead of 2f + 1. */
export const bug: ZooBug = { description: 'declares a checkpoint stable on f + 1 matching CHECKPOINTs instead of 2f + 1', expected: 'agreement' };

/** The reference PBFT with exactly this one change. */
class CheckpointStableOnFPlus1 extends PbftReplica {
  protected override checkpointStableQuorum(): number {
    return this.f + 1;
  }
}

/** `zoo/checkpoint-stable-on-f-plus-1`. */
export default zooTarget('checkpoint-stable-on-f-plus-1', bug, (ctx) => new CheckpointStableOnFPlus1(ctx));
