import * as ed from '@noble/ed25519';
import { describe, expect, it } from 'vitest';
import { deriveSecretKey, ed25519CacheStats, ed25519Crypto, ed25519PublicKey } from '../src/crypto/ed25519.js';

const encoder = new TextEncoder();

describe('the ed25519 crypto provider', () => {
  it('verifies what it signed, as a real Ed25519 signature under the derived public key', () => {
    const crypto = ed25519Crypto(11, 4);
    const sig = crypto.sign(2, 'P|0|1|abc|2');
    expect(sig).toMatch(/^[0-9a-f]{128}$/);
    expect(crypto.verify(2, 'P|0|1|abc|2', sig)).toBe(true);
    const independent = ed.verify(ed.etc.hexToBytes(sig), encoder.encode('P|0|1|abc|2'), ed.etc.hexToBytes(ed25519PublicKey(11, 2)));
    expect(independent).toBe(true);
  });

  it('rejects another signer’s signature, altered data, an altered signature and garbage, without throwing', () => {
    const crypto = ed25519Crypto(11, 4);
    const sig = crypto.sign(1, 'hello');
    expect(crypto.verify(2, 'hello', sig)).toBe(false);
    expect(crypto.verify(1, 'hellO', sig)).toBe(false);
    const flipped = (sig[0] === '0' ? '1' : '0') + sig.slice(1);
    expect(crypto.verify(1, 'hello', flipped)).toBe(false);
    for (const junk of ['', 'sig:1:0', 'zz'.repeat(64), sig.toUpperCase(), sig + '00']) expect(crypto.verify(1, 'hello', junk)).toBe(false);
  });

  it('knows no keys outside 0..n-1', () => {
    const crypto = ed25519Crypto(11, 4);
    const sig = crypto.sign(3, 'x');
    expect(crypto.verify(4, 'x', sig)).toBe(false);
    expect(crypto.verify(-1, 'x', sig)).toBe(false);
    expect(crypto.verify(1.5, 'x', sig)).toBe(false);
  });

  it('derives keys deterministically from (seed, node): same inputs, same keys and signatures; other inputs, other keys', () => {
    expect(deriveSecretKey(5, 1)).toEqual(deriveSecretKey(5, 1));
    expect(deriveSecretKey(5, 1)).not.toEqual(deriveSecretKey(6, 1));
    expect(deriveSecretKey(5, 1)).not.toEqual(deriveSecretKey(5, 2));
    expect(ed25519Crypto(5, 4).sign(0, 'data')).toBe(ed25519Crypto(5, 4).sign(0, 'data'));
    const a = ed25519Crypto(5, 4).sign(0, 'data');
    const b = ed25519Crypto(6, 4).sign(0, 'data');
    expect(a).not.toBe(b);
    expect(ed25519Crypto(6, 4).verify(0, 'data', a)).toBe(false);
  });

  it('caches signing per (signer, data) and verification per (key, signature, data), across runs of one seed', () => {
    const first = ed25519Crypto(77, 4);
    const sig = first.sign(0, 'cached');
    const before = ed25519CacheStats();
    const second = ed25519Crypto(77, 4);
    expect(second.sign(0, 'cached')).toBe(sig);
    expect(first.verify(0, 'cached', sig)).toBe(true);
    expect(second.verify(0, 'cached', sig)).toBe(true);
    const after = ed25519CacheStats();
    expect(after.signHits - before.signHits).toBe(1);
    expect(after.signs - before.signs).toBe(0);
    expect(after.verifies - before.verifies).toBe(1);
    expect(after.verifyHits - before.verifyHits).toBe(1);
    expect(after.keygens - before.keygens).toBe(0);
  });
});
