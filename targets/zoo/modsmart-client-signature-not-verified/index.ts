import type { ClientRequest } from '../../../src/adapter/contract.js';
import { ModSmartReplica } from '../../modsmart/index.js';
import { modSmartZooTarget, type ModSmartZooBug } from '../../modsmart/zoo-kit.js';

/** The bug: client signatures on requests are not checked, so a Byzantine leader can order invented requests. */
export const bug: ModSmartZooBug = { description: 'orders client requests without checking the client signature', expected: 'validity' };

/** Mod-SMaRt with exactly this one change. */
class ClientSignatureNotVerified extends ModSmartReplica {
  protected override verifyClientRequest(_r: ClientRequest): boolean {
    return true;
  }
}

/** `zoo/modsmart-client-signature-not-verified`. */
export default modSmartZooTarget('modsmart-client-signature-not-verified', bug, (ctx) => new ClientSignatureNotVerified(ctx));
