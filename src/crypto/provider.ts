import type { NodeId } from '../adapter/contract.js';

/**
 * Signing and verification for one run. The world hands each replica `sign` bound to its own id
 * only, so a Byzantine replica can sign with its own key and nobody else's.
 */
export interface CryptoProvider {
  /** Provider name as shown in reports (`symbolic`, `ed25519`). */
  readonly name: string;
  /** Signs `data` as `signer`. */
  sign(signer: NodeId, data: string): string;
  /** True when `signature` is `signer`'s signature of `data`. */
  verify(signer: NodeId, data: string, signature: string): boolean;
}

/** Makes a fresh provider for one run (fresh tables; keys derived from the scenario seed) for `nodes` replicas and clients. */
export type CryptoProviderFactory = (seed: number, nodes: number) => CryptoProvider;
