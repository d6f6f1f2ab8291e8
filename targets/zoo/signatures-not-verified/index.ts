import type { PbftMessage } from '../../pbft/messages.js';
import { PbftReplica } from '../../pbft/index.js';
import { zooTarget, type ZooBug } from '../kit.js';

/** The bug: accepts any message whose sender field names a replica, without checking its signature. */
export const bug: ZooBug = { description: 'accepts any message whose sender field names a replica, without checking its signature', expected: 'agreement' };

/** The reference PBFT with exactly this one change. */
class SignaturesNotVerified extends PbftReplica {
  protected override verifyMessage(m: PbftMessage): boolean {
    return m.sender < this.n;
  }
}

/** `zoo/signatures-not-verified`. */
export default zooTarget('signatures-not-verified', bug, (ctx) => new SignaturesNotVerified(ctx));
