import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BankKvService } from '../targets/pbft/index.js';
import { INITIAL_BALANCE, snapshotDigest, UNKNOWN_OP } from '../targets/pbft/service.js';

describe('the replicated bank / key-value service', () => {
  it('executes the harness operations and seed 001’s transfer form', () => {
    const s = new BankKvService();
    expect(s.execute('put a 7')).toBe('ok');
    expect(s.execute('get a')).toBe('7');
    expect(s.execute('get b')).toBe('nil');
    expect(s.execute('transfer 10 alice bob')).toBe(`ok:${INITIAL_BALANCE - 10}:${INITIAL_BALANCE + 10}`);
    expect(s.execute('transfer 100 from Alice to Bob')).toBe(`ok:${INITIAL_BALANCE - 100}:${INITIAL_BALANCE + 100}`);
    expect(s.execute('balance bob')).toBe(String(INITIAL_BALANCE + 10));
    expect(s.execute(`transfer ${INITIAL_BALANCE + 1} carol bob`)).toBe('err:insufficient-funds');
    expect(s.execute('transfer -5 carol bob')).toBe('err:bad-amount');
  });

  it('answers anything else deterministically instead of throwing', () => {
    const s = new BankKvService();
    for (const op of ['', 'frobnicate', 'put', 'get a b', 'transfer', '\u0000']) expect(typeof s.execute(op)).toBe('string');
    expect(s.execute('frobnicate')).toBe(UNKNOWN_OP);
  });

  it('gives equal digests to equal states reached in different orders, and restores from a snapshot', () => {
    const a = new BankKvService();
    const b = new BankKvService();
    a.execute('put x 1');
    a.execute('put y 2');
    b.execute('put y 2');
    b.execute('put x 1');
    expect(a.digest()).toBe(b.digest());
    a.recordReply(5, 3, 'ok');
    const copy = new BankKvService();
    expect(copy.restore(a.snapshot())).toBe(true);
    expect(copy.digest()).toBe(a.digest());
    expect(copy.lastReply(5)).toEqual({ requestId: 3, result: 'ok' });
    expect(snapshotDigest(a.snapshot())).toBe(a.digest());
  });

  it('rejects malformed snapshots and keeps its state', () => {
    const s = new BankKvService();
    s.execute('put a 1');
    const before = s.digest();
    const good = s.snapshot();
    for (const bad of ['', 'null', good.slice(0, -1), good + 'x', good.replace('kv1', 'kv2'), 'kv0|bal1|1:a-5;rep0|']) expect(s.restore(bad)).toBe(false);
    expect(s.digest()).toBe(before);
  });

  it('is a deterministic function of the operation sequence', () => {
    fc.assert(fc.property(fc.array(fc.string(), { maxLength: 20 }), (ops) => {
      const a = new BankKvService();
      const b = new BankKvService();
      expect(ops.map((o) => a.execute(o))).toEqual(ops.map((o) => b.execute(o)));
      expect(a.digest()).toBe(b.digest());
    }));
  });
});
