import { describe, expect, it } from 'vitest';
import { discoverCertificates, discoverSignedItems, structureCodec } from '../src/adapter/discovery.js';
import { inferFieldKeys } from '../src/adapter/field-inference.js';
import { symbolicCrypto } from '../src/crypto/symbolic.js';
import { forge } from '../adversaries/forged-certificate.js';

// A Tendermint-style vocabulary nobody taught byzcheck: single-letter height and round, `id` for
// the block, `by` for the voter, and a signed text that leaves the voter implicit.
const crypto = symbolicCrypto(1, 5);
const table = { issued: (s: string) => crypto.issued?.(s) };
type Ballot = { kind: string; step: string; h: number; r: number; id: string | null; by: number; sig: string };
const ballot = (by: number, h: number, r: number, id: string | null): Ballot => {
  const b = { kind: 'ballot', step: 'pc', h, r, id, by, sig: '' };
  return { ...b, sig: crypto.sign(by, `ballot|pc|${h}|${r}|${id ?? 'nil'}`) };
};
const proof = { kind: 'proof', h: 1, blk: { h: 1, txs: [], id: 'a1b2c3d4' }, votes: [ballot(1, 1, 0, 'a1b2c3d4'), ballot(2, 1, 0, 'a1b2c3d4'), ballot(3, 1, 0, 'a1b2c3d4')] };
const forger = (self = 0) => ({ structure: structureCodec(undefined, table), pool: new (class { of() { return []; } add() {} })() as never, self, n: 4, sign: (d: string) => crypto.sign(self, d) });

describe('field inference from what a signature covers', () => {
  it('tells the voter from the height when both hold the signer\'s id, and reads height, round and block id from the signed text', () => {
    const b = ballot(1, 1, 0, 'a1b2c3d4');
    expect(inferFieldKeys(b, { signer: 1, data: 'ballot|pc|1|0|a1b2c3d4', signatureKey: 'sig' })).toEqual({ sender: 'by', seq: 'h', view: 'r', digest: 'id' });
    expect(inferFieldKeys({ ...b, by: 2, h: 2 }, { signer: 2, data: 'ballot|pc|2|0|a1b2c3d4', signatureKey: 'sig' }).sender).toBe('by');
  });

  it('gives discovered votes of an unknown format their sender, seq, view and digest when the target has no codec', () => {
    const items = discoverSignedItems(proof, table, true);
    expect(items.map((i) => i.fields)).toEqual([1, 2, 3].map((by) => ({ type: 'ballot', sender: by, seq: 1, view: 0, digest: 'a1b2c3d4' })));
    expect(discoverCertificates(proof, table, true)[0]?.claim).toEqual({ type: 'ballot', seq: 1, view: 0, digest: 'a1b2c3d4' });
    // With a codec, discovery keeps the name-based guesses only, as before.
    expect(discoverSignedItems(proof, table, false)[0]?.fields).toEqual({ type: 'ballot' });
  });

  it('lets forged-certificate re-attribute and alter such votes under their signatures', () => {
    const claimed = forge(forger(), proof, 'claim', 0) as typeof proof;
    expect(claimed.votes[0]?.by).not.toBe(1);
    expect(claimed.votes[0]?.sig).toBe(proof.votes[0]?.sig);
    const altered = forge(forger(), proof, 'alter', 0) as typeof proof;
    expect(altered.votes[0]?.id).toBe('a1b2c3d4~');
    expect(proof.votes[0]?.id).toBe('a1b2c3d4');
  });
});
