import { PbftReplica } from '../../pbft/index.js';
import { zooTarget, type ZooBug } from '../kit.js';

/** The bug: orders client requests without checking the client's signature. */
export const bug: ZooBug = { description: "orders client requests without checking the client's signature", expected: 'validity' };

/** The reference PBFT with exactly this one change. */
class ClientSignatureNotVerified extends PbftReplica {
  protected override verifyClientRequest(): boolean {
    return true;
  }
}

/** `zoo/client-signature-not-verified`. */
export default zooTarget('client-signature-not-verified', bug, (ctx) => new ClientSignatureNotVerified(ctx));
