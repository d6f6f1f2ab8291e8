import type { NodeId } from '../adapter/contract.js';
import type { CryptoProvider, CryptoProviderFactory, IssuedSignature } from './provider.js';

/**
 * Symbolic signatures: a signature is an opaque token issued by a table, so it cannot be forged
 * (a token not in the table, or issued for other data or another signer, fails) and costs a map
 * lookup instead of an elliptic-curve operation. Signing the same data twice gives the same token,
 * as a deterministic signature scheme would.
 */
class SymbolicCrypto implements CryptoProvider {
  readonly name = 'symbolic';
  // What a run must remember, and so what grows with it, is one map entry per signed (signer,
  // data) pair, holding its issue number k, and the token `sig:<signer>:<k>` issued under k. A long
  // run's live tables are what young-generation collections copy and promote: a second map from
  // token to an object per token made a delivery cost more the longer the run. Verifying looks the
  // pair up and compares tokens, so it builds no string and parses none.
  private readonly bySigner: Map<string, number>[] = [];
  private readonly tokens: string[] = [];
  // The signed texts by issue number, for discovery: references to strings the maps hold anyway.
  private readonly texts: string[] = [];
  private readonly signers: NodeId[] = [];

  sign(signer: NodeId, data: string): string {
    let bySigner = this.bySigner[signer];
    if (bySigner === undefined) this.bySigner[signer] = bySigner = new Map();
    const k = bySigner.get(data);
    if (k !== undefined) return this.tokens[k] as string;
    const token = `sig:${signer}:${this.tokens.length}`;
    bySigner.set(data, this.tokens.length);
    this.tokens.push(token);
    this.texts.push(data);
    this.signers.push(signer);
    return token;
  }

  verify(signer: NodeId, data: string, signature: string): boolean {
    // A signer that is not a number (a Byzantine message's '0') is no one's key, as it never was.
    const k = typeof signer === 'number' ? this.bySigner[signer]?.get(data) : undefined;
    return k !== undefined && this.tokens[k] === signature;
  }

  issued(signature: string): IssuedSignature | undefined {
    if (typeof signature !== 'string' || !signature.startsWith('sig:')) return undefined;
    const k = Number(signature.slice(signature.lastIndexOf(':') + 1));
    if (!Number.isInteger(k) || this.tokens[k] !== signature) return undefined;
    return { signer: this.signers[k] as NodeId, data: this.texts[k] as string };
  }
}

/** Factory for the default, symbolic provider. */
export const symbolicCrypto: CryptoProviderFactory = () => new SymbolicCrypto();
