import { describe, expect, it } from 'vitest';
import type { NodeId } from '../src/adapter/contract.js';
import { canonicalJson, declaredCodec } from '../src/adapter/declared/codec.js';
import { structureCodec } from '../src/adapter/discovery.js';
import { encodedTable } from '../src/crypto/encoding.js';
import { symbolicCrypto } from '../src/crypto/symbolic.js';

// A third-party PBFT's VIEW-CHANGE: its prepared certificate holds votes as [sender, hexsig]
// tuples whose signed text ({k,v,n,d,r}) is rebuilt from the claim, which a target.json cannot
// declare (a vote's `signed` is a path inside the vote). The docs promise discovery where the
// codec has no certificates; the declared codec answered "no certificates" instead, so declaring
// any codec hid every certificate from forged-certificate and lying-proofs.
const crypto = symbolicCrypto(1, 5);
const issued = (s: string) => crypto.issued?.(s);
const table = encodedTable((s) => issued(s));
const hex = (s: string): string => Buffer.from(s, 'utf8').toString('hex');
const sign = <B extends Record<string, unknown>>(r: NodeId, body: B): B & { s: string } => ({ ...body, s: hex(crypto.sign(r, canonicalJson(body))) });
const pp = sign(0, { k: 1, v: 0, n: 1, d: 'ab12', r: 0, q: null });
const vote = (r: NodeId): [NodeId, string] => [r, hex(crypto.sign(r, canonicalJson({ k: 2, v: 0, n: 1, d: 'ab12', r })))];
const viewChange = sign(3, { k: 5, v: 1, r: 3, h: 0, P: [{ pp, ps: [vote(1), vote(2)] }] });

describe('a declared codec that declares no certificates', () => {
  it('leaves certificates and their votes to discovery', () => {
    for (const spec of [{ type: 'k', seq: 'n', signature: 's' }, { type: 'k', signature: 's', signedItems: [{ path: 'P.*.pp', signature: 's' }] }]) {
      const structure = structureCodec(declaredCodec(spec), table);
      const certificates = structure.certificates?.(viewChange) ?? [];
      expect(certificates.map((c) => c.path.join('.'))).toContain('P.0.ps');
      const votes = certificates.find((c) => c.path.join('.') === 'P.0.ps')?.votes ?? [];
      expect(votes.map((v) => v.signer)).toEqual([1, 2]);
      const items = (structure.signedItems?.(viewChange) ?? []).map((i) => i.path.join('.'));
      expect(items).toEqual(expect.arrayContaining(['P.0.pp', 'P.0.ps.0', 'P.0.ps.1']));
    }
  });

  it('lets a strategy re-attribute a tuple vote discovery found', () => {
    const structure = structureCodec(declaredCodec({ type: 'k', signature: 's', signedItems: [{ path: 'P.*.pp', signature: 's' }] }), table);
    const lied = structure.withItemFields?.(viewChange, ['P', 0, 'ps', 1], { sender: 1 }) as typeof viewChange;
    expect(lied.P[0]?.ps[1]?.[0]).toBe(1);
    expect(viewChange.P[0]?.ps[1]?.[0]).toBe(2);
  });

  it('still answers with its own certificates when it declares them', () => {
    const structure = structureCodec(declaredCodec({ type: 'k', signature: 's', certificates: [{ path: 'P.*', claim: 'PREPARED', votes: 'nothing.*' }] }), table);
    expect(structure.certificates?.(viewChange)).toEqual([{ path: ['P', 0], claim: { type: 'PREPARED' }, votes: [] }]);
  });
});
