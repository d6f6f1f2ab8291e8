import { describe, expect, it } from 'vitest';
import { removeAt, setAt, valueAt } from '../src/adapter/declared/json-path.js';
import { mutateJson } from '../src/mutate-json.js';
import { mutateNested, PositionBook } from '../src/nested-mutation.js';

// A replica that dispatches on `instanceof` drops a plain-object copy of its message, and one that
// reads `qc.size` or `sig.length` breaks on `{}`: every codec-free rewrite copied with `{ ...v }`.

class Vote {
  constructor(readonly round: bigint, readonly voter: number, readonly sig: Uint8Array) {}
}
class Qc {
  constructor(readonly round: bigint, readonly sigs: Map<number, Uint8Array>) {}
}
const sig = new Uint8Array([1, 2, 3]);
const qc = new Qc(4n, new Map([[0, sig], [2, sig]]));

describe('codec-free mutations keep the payload’s shape', () => {
  it('mutateJson copies a class instance as its class, a Map as a Map, and shifts a bigint as a bigint', () => {
    const out = mutateJson(new Vote(3n, 1, sig), 2) as Vote;
    expect(out).toBeInstanceOf(Vote);
    expect(out.round).toBe(5n);
    expect(out.voter).toBe(1);
    expect(out.sig).toBe(sig);
    const shifted = mutateJson(qc, 1) as Qc;
    expect(shifted).toBeInstanceOf(Qc);
    expect(shifted.round).toBe(5n);
    expect(shifted.sigs).toBeInstanceOf(Map);
    expect([...shifted.sigs.keys()]).toEqual([0, 2]);
  });

  it('plain JSON mutates exactly as before', () => {
    expect(mutateJson({ a: [1, { b: 'x' }], c: 2 }, 3)).toEqual({ a: [1, { b: 'x~3' }], c: 2 });
    expect(mutateJson({ a: [1, { b: 4 }] }, 3)).toEqual({ a: [4, { b: 4 }] });
  });

  it('setAt and removeAt walk into a Map by its keys and copy along the path with classes kept', () => {
    const other = new Uint8Array([9, 9, 9]);
    const set = setAt({ qc }, ['qc', 'sigs', 2], other) as { qc: Qc };
    expect(set.qc).toBeInstanceOf(Qc);
    expect(set.qc.sigs.get(2)).toBe(other);
    expect(qc.sigs.get(2)).toBe(sig);
    expect(valueAt(set, ['qc', 'sigs', '0'])).toBe(sig);
    const removed = removeAt({ qc }, ['qc', 'sigs', 0]) as { qc: Qc };
    expect([...removed.qc.sigs.keys()]).toEqual([2]);
    expect(removed.qc).toBeInstanceOf(Qc);
  });

  it('a nested number+1 on a bigint round gives a bigint, in a copy of the same class', () => {
    const out = mutateNested({ vote: new Vote(7n, 9, sig) }, 'number+1', 0, { n: 4, book: new PositionBook() }) as { vote: Vote };
    expect(out.vote).toBeInstanceOf(Vote);
    expect(out.vote.round).toBe(8n);
  });
});
