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
}

/**
 * The simulator's queue of pending events, ordered by (time, insertion number), with a pool of spent
 * events. The insertion number is taken when an event is allocated, so the order in which the world
 * allocates events is the order in which equal-time events fire: it is part of every trace hash.
 * It is the heap itself (not a wrapper round one), so a push or pop costs no extra call in the loop.
 */
export class EventQueue extends EventHeap<SimEvent> {
  private readonly pool: SimEvent[] = [];
  private insertions = 0;

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
    this.pool.push(ev);
  }

  /**
   * Of the messages due at `first`'s instant, the one a tape entry `choice` (non-zero) picks:
   * `first` is the earliest of them, the others go back with their insertion numbers, so the
   * queue's order is unchanged but for the chosen one.
   */
  pickReady(first: SimEvent, choice: number): SimEvent {
    const ready = [first];
    const others: SimEvent[] = [];
    for (let top = this.peek(); top !== undefined && top.time === first.time; top = this.peek()) {
      const ev = this.pop() as SimEvent;
      (ev.kind === DELIVER ? ready : others).push(ev);
    }
    const chosen = ready[choice % ready.length] as SimEvent;
    for (const ev of ready) if (ev !== chosen) this.push(ev);
    for (const ev of others) this.push(ev);
    return chosen;
  }
}

/** What a handler was called for, as findings name it; built only for a finding, not per event. */
export function eventName(kind: number, from: NodeId, timerId: string, n: number): string {
  if (kind === DELIVER) return from >= n ? `request from client ${from}` : `message from ${from}`;
  return kind === TIMER ? `timer ${JSON.stringify(timerId)}` : 'init';
}
