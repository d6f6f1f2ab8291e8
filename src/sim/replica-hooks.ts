/**
 * Hooks a replica binding may offer the World beyond the Replica contract (internal to byzcheck).
 *
 * Lookahead: the events a replica will certainly handle next, so that a replica whose handling is
 * slow to reach (a child process behind a pipe) can be sent them in one go, and work on them while
 * the World is busy elsewhere. Only a hint: the World still hands every event to the replica one by
 * one, in the same order, and applies its effects in that order, so traces do not change.
 *
 * Why a hint is exact. The queue is ordered by (time, insertion number), and everything inserted
 * from now on gets a larger number. Every message takes at least the scenario's `delayMsMin`, so at
 * instant `now` no new message can arrive before `now + delayMsMin`, and one arriving at that very
 * instant comes after those already queued for it. A replica's own timers are armed only by its own
 * handlers. So, with no handler running (the World's loop between two events), the next events of a
 * replica are its queued events of its next instant `t`, provided:
 * - `t ≤ now + delayMsMin` when the tape is exhausted (events of an instant then come in queue
 *   order; more may join at `t`, but after them);
 * - `t < now + delayMsMin` while the tape still picks among the messages of an instant, and then
 *   only an event that nothing can be reordered with (its only one at `t`, or the event just picked
 *   and a lone one after it);
 * - a timer only as the first of them (a handler may cancel a later one); a cancelled timer is no
 *   event at all.
 * A hint covers one instant: the replica's handlers at `t` may arm timers due before its next one.
 * Only the end of the run can come between, and a replica's state after its run does not matter.
 */
import type { NodeId, TimerId } from '../adapter/contract.js';

/** A delivery the replica will handle next: at what instant, from whom, and what. */
export interface UpcomingDelivery {
  readonly kind: 'deliver';
  readonly time: number;
  readonly from: NodeId;
  readonly payload: unknown;
}

/** An event the replica will certainly handle next: a delivery, its (re)start, or a timer nothing can cancel before it fires. */
export type UpcomingEvent = UpcomingDelivery | { readonly kind: 'init'; readonly time: number } | { readonly kind: 'timer'; readonly time: number; readonly id: TimerId };

/** Replicas that can use a lookahead expose it under this key (internal to byzcheck; not part of the Replica contract). */
export const LOOKAHEAD = Symbol.for('byzcheck.lookahead');

/** The lookahead a replica may offer. */
export interface Lookahead {
  /** True when the replica has no hinted event left to handle: only then is it worth telling more. */
  hungry(): boolean;
  /**
   * Tells the replica the events it gets next, in order. `idle` is true when none of its handlers is
   * running or was just called (the hint then starts with its very next event); false when the hint
   * follows the event whose handler was just called.
   */
  offer(upcoming: readonly UpcomingEvent[], idle: boolean): void;
}

/** The replica's lookahead, if it has one. */
export function lookaheadOf(replica: object): Lookahead | undefined {
  const hook = (replica as { [LOOKAHEAD]?: Partial<Lookahead> })[LOOKAHEAD];
  return typeof hook?.offer === 'function' ? (hook as Lookahead) : undefined;
}

/**
 * Marks a replica whose handlers' promises are plain I/O (a child process' answer) that start no
 * work of their own: the World then applies their effects without draining pending work after
 * each event (a macrotask turn per event), as it must for async in-process replicas.
 */
export const PLAIN_IO = Symbol.for('byzcheck.plainIo');

/** True when `replica` carries the {@link PLAIN_IO} mark. */
export function isPlainIo(replica: object): boolean {
  return (replica as { [PLAIN_IO]?: unknown })[PLAIN_IO] === true;
}
