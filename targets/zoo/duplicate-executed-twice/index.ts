import type { ClientRequest } from '../../../src/adapter/contract.js';
import { PbftReplica } from '../../pbft/index.js';
import { zooTarget, type ZooBug } from '../kit.js';

/** The bug: executes a retransmitted request again instead of re-sending the stored reply. */
export const bug: ZooBug = { description: 'executes a retransmitted request again instead of re-sending the stored reply', expected: 'integrity' };

/** The reference PBFT with exactly this one change. */
class DuplicateExecutedTwice extends PbftReplica {
  protected override isDuplicateRequest(r: ClientRequest): boolean {
    return r.requestId < (this.service.lastReply(r.client)?.requestId ?? 0);
  }
}

/** `zoo/duplicate-executed-twice`. */
export default zooTarget('duplicate-executed-twice', bug, (ctx) => new DuplicateExecutedTwice(ctx));
