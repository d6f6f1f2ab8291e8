import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import type { NodeId } from '../adapter/contract.js';
import type { CryptoProvider, CryptoProviderFactory, IssuedSignature } from './provider.js';

// noble's synchronous sign/verify need a synchronous SHA-512.
ed.hashes.sha512 = sha512;

const encoder = new TextEncoder();
const SIGNATURE_HEX = /^[0-9a-f]{128}$/;

/** Seeds whose key rings (and signing caches) are kept; the oldest is dropped beyond this. */
const MAX_SEEDS = 256;
/** Entries of the verification cache before it is cleared (memory bound for long campaigns). */
const MAX_VERIFY_ENTRIES = 1_000_000;
/** Entries of one seed's signing cache before it is cleared. */
const MAX_SIGN_ENTRIES = 200_000;

interface KeyPair {
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly publicHex: string;
}

/** Counters of the shared caches, for tests and benchmarks. */
export interface Ed25519CacheStats {
  keygens: number;
  signs: number;
  signHits: number;
  verifies: number;
  verifyHits: number;
}

const stats: Ed25519CacheStats = { keygens: 0, signs: 0, signHits: 0, verifies: 0, verifyHits: 0 };

/** The 32-byte secret key of `node` for runs with `seed`: the first half of SHA-512 of a fixed label. */
export function deriveSecretKey(seed: number, node: NodeId): Uint8Array {
  return sha512(encoder.encode(`byzcheck/ed25519/v1|seed=${seed}|node=${node}`)).slice(0, 32);
}

/** Keys and signatures of one seed, shared by every run with that seed (keygen is the costly part). */
class KeyRing {
  private readonly keys: KeyPair[] = [];
  readonly signatures = new Map<string, string>();

  constructor(private readonly seed: number) {}

  /** The key pair of `node`, derived on first use. */
  key(node: NodeId): KeyPair {
    let pair = this.keys[node];
    if (pair === undefined) {
      const secretKey = deriveSecretKey(this.seed, node);
      const publicKey = ed.getPublicKey(secretKey);
      pair = { secretKey, publicKey, publicHex: ed.etc.bytesToHex(publicKey) };
      this.keys[node] = pair;
      stats.keygens++;
    }
    return pair;
  }
}

const rings = new Map<number, KeyRing>();
const verified = new Map<string, boolean>();

function ringFor(seed: number): KeyRing {
  let ring = rings.get(seed);
  if (ring === undefined) {
    if (rings.size >= MAX_SEEDS) rings.delete(rings.keys().next().value as number);
    ring = new KeyRing(seed);
    rings.set(seed, ring);
  }
  return ring;
}

/**
 * Real Ed25519 signatures (@noble/ed25519) with keys derived from the scenario seed, as hex.
 * Deterministic signatures make caching sound: signing is cached per (signer, data) and
 * verification per (public key, signature, data), both shared across runs of the same seed.
 */
class Ed25519Crypto implements CryptoProvider {
  readonly name = 'ed25519';

  /** What this run signed (the ring's cache is shared across runs, so it cannot say). */
  private readonly issuedHere = new Map<string, IssuedSignature>();

  constructor(private readonly ring: KeyRing, private readonly n: number) {}

  sign(signer: NodeId, data: string): string {
    const signature = this.signThroughRing(signer, data);
    if (!this.issuedHere.has(signature)) this.issuedHere.set(signature, { signer, data });
    return signature;
  }

  issued(signature: string): IssuedSignature | undefined {
    return typeof signature === 'string' ? this.issuedHere.get(signature) : undefined;
  }

  private signThroughRing(signer: NodeId, data: string): string {
    const cacheKey = `${signer}\u0000${data}`;
    const cached = this.ring.signatures.get(cacheKey);
    if (cached !== undefined) {
      stats.signHits++;
      return cached;
    }
    stats.signs++;
    const signature = ed.etc.bytesToHex(ed.sign(encoder.encode(data), this.ring.key(signer).secretKey));
    if (this.ring.signatures.size >= MAX_SIGN_ENTRIES) this.ring.signatures.clear();
    this.ring.signatures.set(cacheKey, signature);
    return signature;
  }

  verify(signer: NodeId, data: string, signature: string): boolean {
    if (!Number.isInteger(signer) || signer < 0 || signer >= this.n) return false;
    if (typeof signature !== 'string' || typeof data !== 'string' || !SIGNATURE_HEX.test(signature)) return false;
    const key = this.ring.key(signer);
    const cacheKey = `${key.publicHex}\u0000${signature}\u0000${data}`;
    const cached = verified.get(cacheKey);
    if (cached !== undefined) {
      stats.verifyHits++;
      return cached;
    }
    stats.verifies++;
    let ok: boolean;
    try {
      ok = ed.verify(ed.etc.hexToBytes(signature), encoder.encode(data), key.publicKey);
    } catch {
      ok = false;
    }
    if (verified.size >= MAX_VERIFY_ENTRIES) verified.clear();
    verified.set(cacheKey, ok);
    return ok;
  }
}

/** Factory for the ed25519 provider: keys for replicas 0..n-1 derived from the scenario seed. */
export const ed25519Crypto: CryptoProviderFactory = (seed, n) => new Ed25519Crypto(ringFor(seed), n);

/** The hex public key of `node` for runs with `seed` (what a subprocess replica would be given). */
export function ed25519PublicKey(seed: number, node: NodeId): string {
  return ringFor(seed).key(node).publicHex;
}

/** A snapshot of the shared caches' counters. */
export function ed25519CacheStats(): Readonly<Ed25519CacheStats> {
  return { ...stats };
}
