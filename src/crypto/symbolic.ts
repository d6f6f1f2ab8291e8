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
  private readonly issued = new Map<string, string>();
  private readonly meaning = new Map<string, string>();

  sign(signer: NodeId, data: string): string {
    const key = `${signer}\u0000${data}`;
    let token = this.issued.get(key);
    if (token === undefined) {
      token = `sig:${signer}:${this.issued.size}`;
      this.issued.set(key, token);
      this.meaning.set(token, key);
    }
    return token;
  }

  verify(signer: NodeId, data: string, signature: string): boolean {
    return this.meaning.get(signature) === `${signer}\u0000${data}`;
  }
}

/** Factory for the default, symbolic provider. */
export const symbolicCrypto: CryptoProviderFactory = () => new SymbolicCrypto();
