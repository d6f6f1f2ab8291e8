import { describe, expect, it } from 'vitest';
import { discoverCertificates, discoverSignedItems, resignLikeOriginal } from '../src/adapter/discovery.js';
import { encodedTable } from '../src/crypto/encoding.js';
import { symbolicCrypto } from '../src/crypto/symbolic.js';

// Replicas from elsewhere often put signatures on the wire hex- or base64-encoded (as they would
// real signature bytes) and decode them before `verify`. Discovery matched only the strings the
// provider issued, so such a replica's votes and certificates were invisible to every codec-free
// strategy, and a forgery re-signed by discovery carried a raw signature its receiver cannot decode.
const crypto = symbolicCrypto(1, 5);
const table = encodedTable((s) => crypto.issued?.(s));
const hex = (s: string): string => Buffer.from(s, 'utf8').toString('hex');
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const vote = (from: number, encode: (s: string) => string) => ({ t: 'V', v: '3', bh: 'c0ffee00c0ffee00', by: from, s: encode(crypto.sign(from, `V|3|c0ffee00c0ffee00|${from}`)) });

describe('signatures carried hex- or base64-encoded', () => {
  it('are found as signed items, with the signer and text the harness signed, and grouped into certificates', () => {
    const payload = { t: 'P', votes: [vote(0, hex), vote(1, hex), vote(2, b64)] };
    const items = discoverSignedItems(payload, table, true);
    expect(items.map((i) => [i.path.join('.'), i.signer, i.data])).toEqual([
      ['votes.0', 0, 'V|3|c0ffee00c0ffee00|0'], ['votes.1', 1, 'V|3|c0ffee00c0ffee00|1'], ['votes.2', 2, 'V|3|c0ffee00c0ffee00|2'],
    ]);
    expect(discoverCertificates(payload, table, true).map((c) => [c.path.join('.'), c.votes.length])).toEqual([['votes', 3]]);
  });

  it('a message re-signed by discovery carries its new signature in the encoding of the original', () => {
    for (const encode of [hex, b64]) {
      const original = vote(1, encode);
      const changed = { ...original, v: '4' };
      const renewed = resignLikeOriginal(original, changed, table, (data) => crypto.sign(3, data)) as { s: string };
      const found = table.issued(renewed.s);
      expect(found?.encoding).toBe(encode === hex ? 'hex' : 'base64');
      expect([found?.signer, found?.data]).toEqual([3, 'V|4|c0ffee00c0ffee00|1']);
      expect(crypto.verify(3, 'V|4|c0ffee00c0ffee00|1', found?.raw ?? '')).toBe(true);
    }
  });

  it('takes no digest or word for an encoded signature', () => {
    for (const s of ['c0ffee00c0ffee00', 'deadbeef', 'aGVsbG8gd29ybGQ=', 'PREPARE']) expect(table.issued(s)).toBeUndefined();
  });
});
