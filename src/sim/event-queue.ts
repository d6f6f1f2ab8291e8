import type { NodeId } from '../adapter/contract.js';
import { EventHeap, type Timed } from './heap.js';

/** Event kind: a message (or client request, or reply) arrives at `to`. */
export const DELIVER = 0;
/** Event kind: timer `timerId` of node `to` fires. */
export const TIMER = 1;
/** Event kind: replica `to` starts (its `init`). */
export const INIT = 2;

/**
 * A queued event; pooled and reused, so a delivery allocates nothing beyond its payload. Kinds are
 * small integers rather than strings or subclasses, so every event has one shape and the loop's
 * checks stay monomorphic.
 */
export class SimEvent implements Timed {
  /** Virtual time in ms at which it fires. */
  time = 0;
  /** Insertion number: ties at one instant fire in this order (a delivery's is its message number in the trace). */
  seq = 0;
  /** {@link DELIVER}, {@link TIMER} or {@link INIT}. */
  kind = DELIVER;
  /** The node it happens at. */
  to = 0;
  /** The sender of a delivery (the node itself for a timer or init). */
  from = 0;
  /** The message of a delivery. */
  payload: unknown = undefined;
  /** The payload as JSON, made once at send when tracing (a delivery reuses it). */
  text = '';
  /** The timer of a timer event. */
  timerId = '';
  /** The timer's generation when armed: stale once the timer is re-armed or cancelled. */
  gen = 0;
  /** Sender, receiver and payload text of a delivery, made at send while a SettleWatch counts deliveries; else ''. */
  key = '';
}

/** Slots of the queue's ring of instants, less one: a power of two above any delay or timeout in ms. */
const RING_MASK = 1023;

/**
 * The events due at one instant, in insertion order from `head` to `tail` (those before are
 * handled; those after are left over from the instant's earlier use: a reused instant keeps its
 * array's storage rather than truncating it and growing it again). Instants never tie (one per
 * time), so their heap orders them by time alone.
 */
class Instant implements Timed {
  time = 0;
  readonly seq = 0;
  readonly events: SimEvent[] = [];
  head = 0;
  tail = 0;
}

/**
 * The simulator's queue of pending events, ordered by (time, insertion number), with a pool of spent
 * events. The insertion number is taken when an event is allocated, so the order in which the world
 * allocates events is the order in which equal-time events fire: it is part of every trace hash.
 *
 * Events are grouped by instant: a heap orders the distinct times, and each instant keeps its
 * events in insertion order. A run has about ten events per instant, so most pops take the next
 * event of the current instant without touching the heap; a heap of every event cost a sift-down
 * through a few hundred scattered events per pop, a large share of the event loop.
 */
export class EventQueue {
  private readonly instants = new EventHeap<Instant>();
  /**
   * The queued instants by time: in the ring at `time & RING_MASK` when that slot is free (pending
   * times rarely lie a ring apart, so nearly all are), else in `far`. A map of every instant
   * allocated for its table at each instant's set and delete; the ring allocates nothing.
   */
  private readonly ring: (Instant | undefined)[] = new Array<Instant | undefined>(RING_MASK + 1).fill(undefined);
  private readonly far = new Map<number, Instant>();
  private readonly spareInstants: Instant[] = [];
  private readonly pool: SimEvent[] = [];
  private insertions = 0;
  private count = 0;

  /** Number of queued events. */
  get size(): number {
    return this.count;
  }

  /** A fresh (or recycled) event, numbered next in insertion order; the caller pushes it. */
  allocate(time: number, kind: number, to: NodeId, from: NodeId, payload: unknown): SimEvent {
    const ev = this.pool.pop() ?? new SimEvent();
    ev.time = time;
    ev.seq = this.insertions++;
    ev.kind = kind;
    ev.to = to;
    ev.from = from;
    ev.payload = payload;
    return ev;
  }

  /** Returns a handled event to the pool; its payload is let go so the pool holds no message alive. */
  release(ev: SimEvent): void {
    ev.payload = undefined;
    ev.text = '';
    ev.key = '';
    this.pool.push(ev);
  }

  /** Queues an event (a new one, or one taken out and put back, which finds its place by insertion number). */
  push(ev: SimEvent): void {
    let at = this.instantAt(ev.time);
    if (at === undefined) {
      at = this.spareInstants.pop() ?? new Instant();
      at.time = ev.time;
      const slot = ev.time & RING_MASK;
      if (this.ring[slot] === undefined) this.ring[slot] = at;
      else this.far.set(ev.time, at);
      this.instants.push(at);
    }
    this.count++;
    const events = at.events;
    let i = at.tail;
    while (i > at.head && (events[i - 1] as SimEvent).seq > ev.seq) i--;
    if (i === at.tail) events[at.tail++] = ev;
    else if (i === at.head && i > 0) events[--at.head] = ev;
    else {
      events.splice(i, 0, ev);
      at.tail++;
    }
  }

  /** The queued instant at `time`, if any. */
  private instantAt(time: number): Instant | undefined {
    const near = this.ring[time & RING_MASK];
    return near !== undefined && near.time === time ? near : this.far.get(time);
  }

  /** Calls `visit` with every queued event of kind `kind`, in no particular order. */
  forEachOfKind(kind: number, visit: (ev: SimEvent) => void): void {
    this.instants.forEach((at) => {
      for (let i = at.head; i < at.tail; i++) {
        const ev = at.events[i] as SimEvent;
        if (ev.kind === kind) visit(ev);
      }
    });
  }

  /** The earliest event, without removing it. */
  peek(): SimEvent | undefined {
    const at = this.instants.peek();
    return at === undefined ? undefined : at.events[at.head];
  }

  /** Removes and returns the earliest event. */
  pop(): SimEvent | undefined {
    const at = this.instants.peek();
    if (at === undefined) return undefined;
    const ev = at.events[at.head++] as SimEvent;
    this.count--;
    if (at.head === at.tail) this.retire(at);
    return ev;
  }

  /** Drops an instant whose events are all taken, keeping it for reuse. */
  private retire(at: Instant): void {
    this.instants.pop();
    const slot = at.time & RING_MASK;
    if (this.ring[slot] === at) this.ring[slot] = undefined;
    else this.far.delete(at.time);
    at.head = 0;
    at.tail = 0;
    this.spareInstants.push(at);
  }

  /**
   * Of the messages due at `first`'s instant, the one a tape entry `choice` (non-zero) picks:
   * `first` (just popped) is the earliest of them and goes back, so the queue's order is unchanged
   * but for the chosen one, which is taken out.
   */
  pickReady(first: SimEvent, choice: number): SimEvent {
    const at = this.instantAt(first.time);
    if (at === undefined) return first;
    const events = at.events;
    let ready = 1;
    for (let i = at.head; i < at.tail; i++) if ((events[i] as SimEvent).kind === DELIVER) ready++;
    let pick = choice % ready;
    if (pick === 0) return first;
    for (let i = at.head; ; i++) {
      const ev = events[i] as SimEvent;
      if (ev.kind !== DELIVER || --pick > 0) continue;
      events.splice(i, 1);
      at.tail--;
      // `first` was taken from the slot just before the head, and nothing has been queued since.
      events[--at.head] = first;
      return ev;
    }
  }
}

/** What a handler was called for, as findings name it; built only for a finding, not per event. */
export function eventName(kind: number, from: NodeId, timerId: string, n: number): string {
  if (kind === DELIVER) return from >= n ? `request from client ${from}` : `message from ${from}`;
  return kind === TIMER ? `timer ${JSON.stringify(timerId)}` : 'init';
}
