import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NodeId } from '../src/adapter/contract.js';
import { canonicalJson, declaredCodec } from '../src/adapter/declared/codec.js';
import { declaredTarget } from '../src/adapter/subprocess/declared-target.js';
import { roleOf } from '../src/strategy-kit.js';
import { symbolicCrypto } from '../src/crypto/symbolic.js';

// A third-party Python PBFT (msgpack-like wire format): kinds are numbers under "k", signatures
// hex of the issued bytes under "s". Before `types`, the codec read no type at all from it (every
// message was role 'other' to every strategy), and before `signatureEncoding` a re-signed lie
// carried a raw signature the replica's hex decoding rejects.
const crypto = symbolicCrypto(1, 5);
const hex = (s: string): string => Buffer.from(s, 'utf8').toString('hex');
const spec = {
  type: 'k', view: 'v', seq: 'n', digest: 'd', sender: 'r', signature: 's', signatureEncoding: 'hex' as const,
  types: { PROPOSE: 1, PREPARE: 2, COMMIT: 3, CHECKPOINT: 4, 'VIEW-CHANGE': 5, 'NEW-VIEW': 6, STATUS: 10 },
};
const prep = (r: NodeId) => {
  const body = { k: 2, v: 0, n: 1, d: 'ab12', r };
  return { ...body, s: hex(crypto.sign(r, canonicalJson(body))) };
};

describe('a declared codec with numeric message kinds', () => {
  const codec = declaredCodec(spec);

  it('names each kind through its types table, so strategies see its protocol role', () => {
    expect(codec.fields(prep(1))).toEqual({ type: 'PREPARE', view: 0, seq: 1, digest: 'ab12', sender: 1 });
    expect(roleOf(codec, prep(1))).toBe('vote');
    expect(roleOf(codec, { k: 1, v: 0, n: 1, d: 'x', r: 0, s: '' })).toBe('proposal');
    expect(roleOf(codec, { k: 6, v: 1, r: 1, s: '' })).toBe('new-view');
    expect(codec.fields({ k: 99 })).toEqual({});
  });

  it('writes a name back as its raw kind, by role when the strategy says PRE-PREPARE for PROPOSE', () => {
    expect(codec.withFields?.(prep(1), { type: 'COMMIT' })).toMatchObject({ k: 3 });
    expect(codec.build?.('PRE-PREPARE', { view: 2, seq: 5 })).toEqual({ k: 1, v: 2, n: 5 });
    expect(codec.build?.('PREPARE', { seq: 5 })).toEqual({ k: 2, n: 5 });
    expect(codec.build?.('REPLY', { seq: 5 })).toBeUndefined();
  });

  it('re-signs in the encoding the replica carries, so its own hex decoding accepts the lie', () => {
    const lie = codec.resign?.(codec.withFields?.(prep(2), { digest: 'ffff' }), (data) => crypto.sign(2, data)) as { s: string; d: string };
    expect(lie.d).toBe('ffff');
    const raw = Buffer.from(lie.s, 'hex').toString('utf8');
    expect(hex(raw)).toBe(lie.s);
    const { s: _s, ...body } = lie;
    expect(crypto.verify(2, canonicalJson(body), raw)).toBe(true);
  });

  it('is accepted in a target.json, and a types table with a shared raw value is refused naming the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'byzcheck-numeric-types-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ command: ['./replica'], codec: spec }));
    const target = declaredTarget(good);
    try {
      expect(target.codec?.fields(prep(3))).toMatchObject({ type: 'PREPARE', sender: 3 });
    } finally {
      target.close();
    }
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ command: ['./replica'], codec: { type: 'k', types: { PREPARE: 2, COMMIT: 2 } } }));
    expect(() => declaredTarget(bad)).toThrow(/codec\.types: two type names share one raw value/);
  });
});
