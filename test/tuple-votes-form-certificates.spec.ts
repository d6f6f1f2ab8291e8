import { describe, expect, it } from 'vitest';
import { discoverCertificates, structureCodec } from '../src/adapter/discovery.js';
import { valueAt } from '../src/adapter/declared/json-path.js';
import { symbolicCrypto } from '../src/crypto/symbolic.js';

// A certificate written as a list of lists — HotStuff-style `["qc", "7", hash, [[0, sig], [2, sig], [3, sig]]]`
// — holds each vote as a tuple. Discovery took every signature string as a bare item inside its
// own tuple, so each tuple was a one-vote "certificate": forged-certificate repeated or dropped a
// signature inside a pair (a malformed vote any receiver drops) and never the votes of the quorum.
const crypto = symbolicCrypto(1, 5);
const table = { issued: (s: string) => crypto.issued?.(s) };
const hash = 'c0ffee00c0ffee00';
const qc = ['qc', '7', hash, [0, 2, 3].map((from) => [from, crypto.sign(from, `V|7|${hash}`)])];
const proposal = { t: 'P', b: { p: hash, h: 4, v: '8', x: [], j: qc }, s: crypto.sign(1, 'P|feed') };

describe('votes written as tuples', () => {
  it('are the votes of one certificate, the list that holds them', () => {
    const certs = discoverCertificates(proposal, table, true);
    expect(certs.map((c) => [c.path.join('.'), c.votes.length])).toEqual([['b.j.3', 3]]);
    expect(certs[0]?.votes.map((v) => [v.path.join('.'), v.signer, v.data, v.fields.sender])).toEqual([
      ['b.j.3.0', 0, `V|7|${hash}`, 0], ['b.j.3.1', 2, `V|7|${hash}`, 2], ['b.j.3.2', 3, `V|7|${hash}`, 3],
    ]);
  });

  it('can be re-attributed: the signer number in the tuple is rewritten, its signature kept', () => {
    const structure = structureCodec(undefined, table);
    const forged = structure.withItemFields?.(proposal, ['b', 'j', 3, 1], { sender: 1 });
    expect(valueAt(forged, ['b', 'j', 3, 1])).toEqual([1, qc[3]?.[1]?.[1]]);
    expect(valueAt(forged, ['b', 'j', 3, 0])).toEqual(qc[3]?.[0]);
  });

  it('a list of bare signatures stays a certificate of bare items, and a list of data is no vote', () => {
    const sigs = { t: 'C', sigs: [crypto.sign(0, 'x'), crypto.sign(1, 'x')] };
    expect(discoverCertificates(sigs, table, true).map((c) => [c.path.join('.'), c.votes.length])).toEqual([['sigs', 2]]);
    expect(discoverCertificates({ t: 'D', rows: [[1, 'a'], [2, 'b']] }, table, true)).toEqual([]);
  });
});
