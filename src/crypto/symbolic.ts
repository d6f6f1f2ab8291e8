import type { NodeId } from '../adapter/contract.js';
import type { CryptoProvider, CryptoProviderFactory } from './provider.js';

/**
 * Symbolic signatures: a signature is an opaque token issued by a table, so it cannot be forged
 * (a token not in the table, or issued for other data or another signer, fails) and costs a map
 * lookup instead of an elliptic-curve operation. Signing the same data twice gives the same token,
 * as a deterministic signature scheme would.
 */
class SymbolicCrypto implements CryptoProvider {
  readonly name = 'symbolic';
  // Per-signer tables and a stored (signer, data) pair per token: no string is built per call,
  // which matters because signing and verifying is on every message's path.
  private readonly issued: Map<string, string>[] = [];
  private readonly meaning = new Map<string, { readonly signer: NodeId; readonly data: string }>();

  sign(signer: NodeId, data: string): string {
    let bySigner = this.issued[signer];
    if (bySigner === undefined) this.issued[signer] = bySigner = new Map();
    let token = bySigner.get(data);
    if (token === undefined) {
      token = `sig:${signer}:${this.meaning.size}`;
      bySigner.set(data, token);
      this.meaning.set(token, { signer, data });
    }
    return token;
  }

  verify(signer: NodeId, data: string, signature: string): boolean {
    const signed = this.meaning.get(signature);
    return signed !== undefined && signed.signer === signer && signed.data === data;
  }
}

/** Factory for the default, symbolic provider. */
export const symbolicCrypto: CryptoProviderFactory = () => new SymbolicCrypto();
