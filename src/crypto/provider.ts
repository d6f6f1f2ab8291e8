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
  /**
   * Who signed what under `signature`, when this run's provider issued it: the harness performs
   * every signature, so it can tell a strategy which values in a payload are signatures, whose,
   * and over what (signed-item discovery). Undefined for anything it never issued.
   */
  issued?(signature: string): IssuedSignature | undefined;
}

/** A signature the harness issued in this run: its signer and the text it covers. */
export interface IssuedSignature {
  /** The node whose key made it. */
  readonly signer: NodeId;
  /** The signed text. */
  readonly data: string;
}

/** The run's table of issued signatures, as strategies see it. */
export interface SignatureTable {
  /** Who signed what under `signature`; undefined when the harness never issued it in this run. */
  issued(signature: string): IssuedSignature | undefined;
}

/** Makes a fresh provider for one run (fresh tables; keys derived from the scenario seed) for `nodes` replicas and clients. */
export type CryptoProviderFactory = (seed: number, nodes: number) => CryptoProvider;
