import { describe, expect, it } from 'vitest';
import { guessFields, guessWithFields, resignLikeOriginal, structureCodec } from '../src/adapter/discovery.js';
import { inferFieldKeys } from '../src/adapter/field-inference.js';
import { encodedTable } from '../src/crypto/encoding.js';
import { symbolicCrypto } from '../src/crypto/symbolic.js';

// Many replicas write views, heights and ids as decimal strings ("view": "3"): protobuf's JSON
// mapping does so for every 64-bit integer (Tendermint/Cosmos heights), and Go replicas holding
// uint64 views often do too. Codec-free discovery read only JSON numbers, so such a replica's view
// was invisible to every strategy that lies about views, and a rewritten view was dropped because
// its type differed.
const crypto = symbolicCrypto(1, 5);
const table = encodedTable((s) => crypto.issued?.(s));
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const d = '7644902113edaab2';
const propose = { t: 'propose', view: '2', seq: 5, digest: d, sig: b64(crypto.sign(2, `propose|2|5|${d}`)) };

describe('integers written as decimal strings', () => {
  it('are read as the fields their key names say', () => {
    expect(guessFields({ type: 'PREPARE', view: '3', height: '12', digest: 'abc', sender: '2' })).toEqual({ type: 'PREPARE', view: 3, seq: 12, digest: 'abc', sender: 2 });
  });

  it('are written back as decimal strings, so the payload keeps its own encoding', () => {
    expect(guessWithFields({ view: '3', seq: 4 }, { view: 9, seq: 5 })).toEqual({ view: '9', seq: 5 });
  });

  it('are not taken from hashes, padded ids or signed numbers', () => {
    expect(guessFields({ view: '007', seq: '-1', sender: '1e3' })).toEqual({});
  });

  it('are inferred by value when the signed text covers them', () => {
    const vote = { h: '7', r: '2', id: 'c0ffee00c0ffee00', by: 1, sig: 'x' };
    expect(inferFieldKeys(vote, { signer: 1, data: 'V|7|2|c0ffee00c0ffee00', signatureKey: 'sig' })).toEqual({ sender: 'by', seq: 'h', view: 'r', digest: 'id' });
  });

  it('let a codec-free strategy move a proposal to another view and re-sign it as its replica signs', () => {
    const codec = structureCodec(undefined, table);
    expect(codec.fields(propose)).toMatchObject({ view: 2, seq: 5, digest: d });
    const moved = codec.withFields?.(propose, { view: 3 }) as typeof propose;
    expect(moved.view).toBe('3');
    const signed = resignLikeOriginal(propose, moved, table, (data) => crypto.sign(2, data)) as typeof propose;
    expect(table.issued(signed.sig)?.data).toBe(`propose|3|5|${d}`);
  });
});
