import type { NodeId } from '../adapter/contract.js';
import type { CryptoProvider, CryptoProviderFactory } from './provider.js';

const PREFIX = 'sig:';

/** Reads the decimal at `from` in `token` up to `stop` (or the end), or -1 unless it is canonical: digits only, no leading zero. */
function decimalAt(token: string, from: number, stop: number): number {
  if (stop <= from || (stop - from > 1 && token.charCodeAt(from) === 48)) return -1;
  let value = 0;
  for (let i = from; i < stop; i++) {
    const digit = token.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The issue number k of a token that reads exactly `sig:<signer>:<k>`, or -1. Tokens are parsed
 * rather than stored: only the exact text a token was issued as passes, so nothing else does.
 */
function issueNumber(token: string, signer: NodeId): number {
  if (!token.startsWith(PREFIX)) return -1;
  const colon = token.indexOf(':', PREFIX.length);
  if (colon < 0 || decimalAt(token, PREFIX.length, colon) !== signer) return -1;
  return decimalAt(token, colon + 1, token.length);
}

/**
 * Symbolic signatures: a signature is an opaque token issued by a table, so it cannot be forged
 * (a token not in the table, or issued for other data or another signer, fails) and costs a map
 * lookup instead of an elliptic-curve operation. Signing the same data twice gives the same token,
 * as a deterministic signature scheme would.
 */
class SymbolicCrypto implements CryptoProvider {
  readonly name = 'symbolic';
  // What must be remembered for a whole run, and so grows with it, is one map entry per signed
  // (signer, data) pair, its issue number k; the token `sig:<signer>:<k>` is rebuilt or parsed, not
  // stored. A long run's live tables are what young-generation collections copy and promote, so a
  // stored token, a per-token object and a second map made a delivery cost more the longer the run.
  private readonly issued: Map<string, number>[] = [];
  private count = 0;

  sign(signer: NodeId, data: string): string {
    let bySigner = this.issued[signer];
    if (bySigner === undefined) this.issued[signer] = bySigner = new Map();
    let k = bySigner.get(data);
    if (k === undefined) {
      k = this.count++;
      bySigner.set(data, k);
    }
    return `${PREFIX}${signer}:${k}`;
  }

  verify(signer: NodeId, data: string, signature: string): boolean {
    if (typeof signature !== 'string') return false;
    const k = issueNumber(signature, signer);
    return k >= 0 && this.issued[signer]?.get(data) === k;
  }
}

/** Factory for the default, symbolic provider. */
export const symbolicCrypto: CryptoProviderFactory = () => new SymbolicCrypto();
