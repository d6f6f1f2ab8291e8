import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { EventHeap, type Timed } from '../src/sim/heap.js';

interface Item extends Timed {
  readonly label: string;
}

function drain(heap: EventHeap<Item>): Item[] {
  const out: Item[] = [];
  for (let item = heap.pop(); item !== undefined; item = heap.pop()) out.push(item);
  return out;
}

describe('EventHeap', () => {
  it('pops events in time order whatever the push order', () => {
    const heap = new EventHeap<Item>();
    const times = [50, 10, 40, 0, 30, 20, 60, 5];
    times.forEach((time, seq) => heap.push({ time, seq, label: `t${time}` }));
    expect(heap.size).toBe(times.length);
    expect(drain(heap).map((i) => i.time)).toEqual([0, 5, 10, 20, 30, 40, 50, 60]);
    expect(heap.size).toBe(0);
  });

  it('pops equal-time events in insertion (seq) order, and never by label or push position', () => {
    const heap = new EventHeap<Item>();
    // Pushed out of seq order on purpose: seq, not push position, breaks ties.
    heap.push({ time: 7, seq: 3, label: 'd' });
    heap.push({ time: 7, seq: 0, label: 'a' });
    heap.push({ time: 3, seq: 9, label: 'early' });
    heap.push({ time: 7, seq: 2, label: 'c' });
    heap.push({ time: 7, seq: 1, label: 'b' });
    expect(drain(heap).map((i) => i.label)).toEqual(['early', 'a', 'b', 'c', 'd']);
  });

  it('peek returns the next pop without removing it; an empty heap peeks and pops undefined', () => {
    const heap = new EventHeap<Item>();
    expect(heap.peek()).toBeUndefined();
    expect(heap.pop()).toBeUndefined();
    heap.push({ time: 2, seq: 0, label: 'x' });
    heap.push({ time: 1, seq: 1, label: 'y' });
    expect(heap.peek()?.label).toBe('y');
    expect(heap.size).toBe(2);
    expect(heap.pop()?.label).toBe('y');
    expect(heap.pop()?.label).toBe('x');
    expect(heap.pop()).toBeUndefined();
  });

  it('clear empties the heap', () => {
    const heap = new EventHeap<Item>();
    for (let i = 0; i < 10; i++) heap.push({ time: i, seq: i, label: String(i) });
    heap.clear();
    expect(heap.size).toBe(0);
    expect(heap.pop()).toBeUndefined();
  });

  // A push carries a (small, so ties are common) time; a pop is `null`.
  const operations = fc.array(fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constant(null)), { maxLength: 300 });

  test.prop([operations])('matches a sorted reference for any sequence of pushes and pops', (ops) => {
    const heap = new EventHeap<Item>();
    const reference: Item[] = [];
    let seq = 0;
    for (const op of ops) {
      if (op === null) {
        reference.sort((a, b) => a.time - b.time || a.seq - b.seq);
        const expected = reference.shift();
        expect(heap.peek()).toBe(expected);
        expect(heap.pop()).toBe(expected);
      } else {
        const item = { time: op, seq: seq++, label: '' };
        heap.push(item);
        reference.push(item);
      }
      expect(heap.size).toBe(reference.length);
    }
    reference.sort((a, b) => a.time - b.time || a.seq - b.seq);
    expect(drain(heap)).toEqual(reference);
  });
});
