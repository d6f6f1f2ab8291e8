import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { DELIVER, EventQueue, TIMER, type SimEvent } from '../src/sim/event-queue.js';

/** One step of a simulated run against the queue: queue an event, pop one, or pop one and let the tape pick among the ready messages. */
type Op = { readonly op: 'push'; readonly delay: number; readonly deliver: boolean } | { readonly op: 'pop' } | { readonly op: 'pick'; readonly choice: number };

// Pushes outweigh pops and delays are mostly short, so instants hold several messages when a pick
// comes; a few lie whole rings (1,024 ms) ahead, so instants share a slot of the queue's ring.
const delayArb = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 2 }), weight: 4 }, { arbitrary: fc.constantFrom(1024, 1025, 2048), weight: 1 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('push' as const), delay: delayArb, deliver: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('pop' as const) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('pick' as const), choice: fc.integer({ min: 1, max: 7 }) }), weight: 2 },
);

/** The reference: every queued event in a list, the earliest by (time, seq) taken; a pick as the world's loop once did it with a plain heap. */
class ReferenceQueue {
  readonly items: SimEvent[] = [];
  private earliestIndex(): number {
    let best = -1;
    this.items.forEach((ev, i) => {
      const b = this.items[best];
      if (b === undefined || ev.time < b.time || (ev.time === b.time && ev.seq < b.seq)) best = i;
    });
    return best;
  }
  pop(): SimEvent | undefined {
    const i = this.earliestIndex();
    return i < 0 ? undefined : this.items.splice(i, 1)[0];
  }
  pick(first: SimEvent, choice: number): SimEvent {
    const ready = [first, ...this.items.filter((ev) => ev.time === first.time && ev.kind === DELIVER).sort((a, b) => a.seq - b.seq)];
    const chosen = ready[choice % ready.length] as SimEvent;
    if (chosen !== first) {
      this.items.splice(this.items.indexOf(chosen), 1);
      this.items.push(first);
    }
    return chosen;
  }
}

describe('EventQueue', () => {
  test.prop([fc.array(opArb, { maxLength: 200 })])('pops, and picks among ready messages, exactly as a list ordered by (time, insertion number)', (ops) => {
    const queue = new EventQueue();
    const reference = new ReferenceQueue();
    let now = 0;
    for (const step of ops) {
      if (step.op === 'push') {
        const ev = queue.allocate(now + step.delay, step.deliver ? DELIVER : TIMER, 0, 0, undefined);
        queue.push(ev);
        reference.items.push(ev);
        continue;
      }
      let got = queue.pop();
      let want = reference.pop();
      expect(got).toBe(want);
      if (got === undefined || want === undefined) continue;
      if (step.op === 'pick' && got.kind === DELIVER) {
        got = queue.pickReady(got, step.choice);
        want = reference.pick(want, step.choice);
        expect(got).toBe(want);
      }
      now = got.time;
      expect(queue.size).toBe(reference.items.length);
    }
    for (let want = reference.pop(); want !== undefined; want = reference.pop()) expect(queue.pop()).toBe(want);
    expect(queue.pop()).toBeUndefined();
  });

  it('takes the picked message out and leaves the others of its instant in insertion order, the popped one first', () => {
    const queue = new EventQueue();
    const [a, t, b, c] = [DELIVER, TIMER, DELIVER, DELIVER].map((kind) => queue.allocate(5, kind, 0, 0, undefined)) as [SimEvent, SimEvent, SimEvent, SimEvent];
    const later = queue.allocate(6, DELIVER, 0, 0, undefined);
    for (const ev of [later, c, t, a, b]) queue.push(ev);
    // Ready messages at 5: a, b, c (the timer is no message); choice 2 picks c.
    expect(queue.pickReady(queue.pop() as SimEvent, 2)).toBe(c);
    expect([queue.pop(), queue.pop(), queue.pop(), queue.pop(), queue.pop()]).toEqual([a, t, b, later, undefined]);
  });

  it('puts events taken out and back (as lookahead does) in their insertion order, before later ones at the same time', () => {
    const queue = new EventQueue();
    const [a, b, c] = [0, 1, 2].map(() => queue.allocate(5, DELIVER, 0, 0, undefined)) as [SimEvent, SimEvent, SimEvent];
    queue.push(a);
    queue.push(b);
    expect(queue.pop()).toBe(a);
    expect(queue.pop()).toBe(b);
    queue.push(c);
    queue.push(b);
    queue.push(a);
    expect([queue.pop(), queue.pop(), queue.pop(), queue.pop()]).toEqual([a, b, c, undefined]);
  });
});
