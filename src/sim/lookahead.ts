import type { NodeId, Replica } from '../adapter/contract.js';
import { DELIVER, INIT, TIMER, type EventQueue, type SimEvent } from './event-queue.js';
import { lookaheadOf, type Lookahead, type UpcomingEvent } from './replica-hooks.js';

/**
 * Tells a replica that can use it (a protocol-2 child process) which deliveries it handles next at
 * instant `time`, after the event whose handler was just called: the queued deliveries to `node`
 * due then, up to its first timer or init (why that is exact is in replica-hooks.ts). Called only
 * for replicas whose handler returned a promise, with the tape exhausted, so the synchronous fast
 * path never pays for the arrays it builds.
 */
export function offerLookahead(queue: EventQueue, replica: Replica<unknown>, node: NodeId, time: number): void {
  const hook = lookaheadOf(replica);
  if (hook === undefined || !hook.hungry()) return;
  const upcoming: UpcomingEvent[] = [];
  let open = true;
  for (const ev of dueUntil(queue, time)) {
    if (!open || ev.to !== node) continue;
    if (ev.kind !== DELIVER) open = false;
    else upcoming.push({ kind: 'deliver', time, from: ev.from, payload: ev.payload });
  }
  if (upcoming.length > 0) hook.offer(upcoming, false);
}

/** What {@link offerNext} needs to know about the run besides the queue. */
export interface Horizon {
  /** The last instant all of whose events are queued already (see replica-hooks.ts). */
  readonly until: number;
  /** True when the tape is exhausted: the events of an instant then come in queue order. */
  readonly ordered: boolean;
  /** Tells a cancelled timer, which is no event at all. */
  stale(ev: SimEvent): boolean;
}

/**
 * With `first` just popped (and picked) and no handler running, tells each hungry replica of the
 * `hooks` the events it certainly handles next: those of its next instant, if that instant is within
 * the horizon; in queue order when the tape is exhausted, else only one it cannot be reordered with;
 * a timer only first (a handler may cancel a later one). Why that is exact is in replica-hooks.ts.
 */
export function offerNext(queue: EventQueue, first: SimEvent, hooks: readonly (Lookahead | undefined)[], horizon: Horizon): void {
  const hungry = hooks.map((hook) => hook !== undefined && hook.hungry());
  if (!hungry.includes(true)) return;
  /** Per replica: the instant of its next event, and its events then, in queue order. */
  const next: { time: number; events: SimEvent[] }[] = [];
  // Hinted in the order of their first event: the child needed first starts first.
  const order: NodeId[] = [];
  for (const ev of [first, ...dueUntil(queue, horizon.until)]) {
    if (hungry[ev.to] !== true || (ev.kind === TIMER && horizon.stale(ev))) continue;
    const mine = next[ev.to];
    if (mine === undefined) {
      next[ev.to] = { time: ev.time, events: [ev] };
      order.push(ev.to);
    } else if (mine.time === ev.time) mine.events.push(ev);
  }
  for (const node of order) {
    const { events } = next[node] as { events: SimEvent[] };
    // With the tape still choosing, events of one instant may come in any order: `first` is
    // already chosen, and a lone event after it has nothing to be reordered with.
    const lone = events[0] === first ? events.length <= 2 : events.length === 1;
    const certain = horizon.ordered || lone ? events : events[0] === first ? [first] : [];
    const upcoming = asUpcoming(certain);
    if (upcoming.length > 0) (hooks[node] as Lookahead).offer(upcoming, true);
  }
}

/** `events` as hints, cut before a timer that follows another event (that event's handler may cancel it). */
function asUpcoming(events: readonly SimEvent[]): UpcomingEvent[] {
  const upcoming: UpcomingEvent[] = [];
  for (const ev of events) {
    if (ev.kind === DELIVER) upcoming.push({ kind: 'deliver', time: ev.time, from: ev.from, payload: ev.payload });
    else if (ev.kind === INIT) upcoming.push({ kind: 'init', time: ev.time });
    else if (upcoming.length === 0) upcoming.push({ kind: 'timer', time: ev.time, id: ev.timerId });
    else break;
  }
  return upcoming;
}

/** The events queued until instant `time` (inclusive), in queue order; they go back with their insertion numbers, so the queue's order is unchanged. */
function dueUntil(queue: EventQueue, time: number): SimEvent[] {
  const due: SimEvent[] = [];
  for (let top = queue.peek(); top !== undefined && top.time <= time; top = queue.peek()) due.push(queue.pop() as SimEvent);
  for (const ev of due) queue.push(ev);
  return due;
}
