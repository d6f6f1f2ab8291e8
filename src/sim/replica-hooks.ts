/**
 * Hooks a replica binding may offer the World beyond the Replica contract (internal to byzcheck).
 *
 * Lookahead: the deliveries a replica will certainly handle next, at the current instant, so that a
 * replica whose handling is slow to reach (a child process behind a pipe) can be sent them in one
 * go. Only a hint: the World still hands every event to the replica one by one, in the same order.
 *
 * Why the hint is exact: the queue is ordered by (time, insertion number), and everything inserted
 * from now on gets a larger number, so no new event can come before those already queued at this
 * instant. Without a choice tape (an exhausted one), the messages due now are delivered in that
 * order. So the replica's next events are the queued deliveries to it at this instant, up to the
 * first timer or (re)start of it (a timer may be cancelled or re-armed meanwhile). Only the end of
 * the run can come between, and a replica's state after its run does not matter.
 *
 * At the start of an instant no handler is running, so every replica is offered its events of the
 * instant at once, and a timer that comes first among them is certain too (only the replica's own
 * handlers cancel its timers, and none runs before it): a child process per replica can then work on
 * its events while the World still hands them over one by one, in order.
 */
import type { NodeId, TimerId } from '../adapter/contract.js';

/** A delivery the replica will handle next: from whom, and what. */
export interface UpcomingDelivery {
  readonly kind: 'deliver';
  readonly from: NodeId;
  readonly payload: unknown;
}

/**
 * An event the replica will certainly handle next: a delivery, its (re)start, or a timer that
 * nothing can cancel before it fires (see lookahead.ts: only offered at the start of an instant).
 */
export type UpcomingEvent = UpcomingDelivery | { readonly kind: 'init' } | { readonly kind: 'timer'; readonly id: TimerId };

/** Replicas that can use a lookahead expose it under this key (internal to byzcheck; not part of the Replica contract). */
export const LOOKAHEAD = Symbol.for('byzcheck.lookahead');

/**
 * The lookahead a replica may offer: told the events it gets next, in order. `idle` is true when
 * none of its handlers is running or was just called (the hint then starts with its very next
 * event); false when the hint follows the event whose handler was just called.
 */
export type Lookahead = (upcoming: readonly UpcomingEvent[], idle: boolean) => void;

/** The replica's lookahead, if it has one. */
export function lookaheadOf(replica: object): Lookahead | undefined {
  const hook = (replica as { [LOOKAHEAD]?: unknown })[LOOKAHEAD];
  return typeof hook === 'function' ? (hook as Lookahead) : undefined;
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
