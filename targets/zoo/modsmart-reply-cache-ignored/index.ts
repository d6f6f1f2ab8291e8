import type { ClientRequest } from '../../../src/adapter/contract.js';
import { ModSmartReplica } from '../../modsmart/index.js';
import { modSmartZooTarget, type ModSmartZooBug } from '../../modsmart/zoo-kit.js';

/** The bug: the reply cache is never consulted, so a retransmitted request is ordered and executed again. */
export const bug: ModSmartZooBug = { description: 'ignores the reply cache: a retransmitted request is ordered and executed again', expected: 'integrity' };

/** Mod-SMaRt with exactly this one change. */
class ReplyCacheIgnored extends ModSmartReplica {
  protected override isDuplicateRequest(_r: ClientRequest): boolean {
    return false;
  }
}

/** `zoo/modsmart-reply-cache-ignored`. */
export default modSmartZooTarget('modsmart-reply-cache-ignored', bug, (ctx) => new ReplyCacheIgnored(ctx));
