import { PbftReplica } from '../../pbft/index.js';
import { zooTarget, type ZooBug } from '../kit.js';

/** The bug: executes a committed batch as soon as it commits, not in sequence order. */
export const bug: ZooBug = { description: 'executes a committed batch as soon as it commits, not in sequence order', expected: 'total-order' };

/** The reference PBFT with exactly this one change. */
class ExecuteOutOfOrder extends PbftReplica {
  protected override executeReady(): void {
    for (const [seq, pp] of [...this.committed]) {
      this.committed.delete(seq);
      this.executeBatch(pp);
    }
  }
}

/** `zoo/execute-out-of-order`. */
export default zooTarget('execute-out-of-order', bug, (ctx) => new ExecuteOutOfOrder(ctx));
