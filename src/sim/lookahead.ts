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
  if (hook === undefined) return;
  const upcoming: UpcomingEvent[] = [];
  let open = true;
  for (const ev of dueAt(queue, time)) {
    if (!open || ev.to !== node) continue;
    if (ev.kind !== DELIVER) open = false;
    else upcoming.push({ kind: 'deliver', from: ev.from, payload: ev.payload });
  }
  if (upcoming.length > 0) hook(upcoming, false);
}

/**
 * At the start of instant `first.time` (`first` just popped, no handler running), tells every
 * replica of the `hooks` that can use it all the events it handles at this instant, as far as they
 * are certain: its deliveries and (re)starts, and a timer only before any other event of it (a
 * handler may cancel a later one). Stale timers (`stale`) are no events at all and are skipped.
 */
export function offerInstant(queue: EventQueue, first: SimEvent, hooks: readonly (Lookahead | undefined)[], stale: (ev: SimEvent) => boolean): void {
  const upcoming = hooks.map((): UpcomingEvent[] => []);
  const closed = hooks.map(() => false);
  // Hinted in the order of their first event here: the child needed first starts first.
  const order: NodeId[] = [];
  for (const ev of [first, ...dueAt(queue, first.time)]) {
    const mine = upcoming[ev.to];
    if (mine === undefined || closed[ev.to] === true || hooks[ev.to] === undefined) continue;
    if (mine.length === 0) order.push(ev.to);
    if (ev.kind === DELIVER) mine.push({ kind: 'deliver', from: ev.from, payload: ev.payload });
    else if (ev.kind === INIT) mine.push({ kind: 'init' });
    else if (ev.kind === TIMER && !stale(ev)) {
      if (mine.length === 0) mine.push({ kind: 'timer', id: ev.timerId });
      // A timer after another event of the replica may be cancelled by it: the hint ends here.
      else closed[ev.to] = true;
    }
  }
  for (const node of order) {
    const mine = upcoming[node] as UpcomingEvent[];
    if (mine.length > 0) (hooks[node] as Lookahead)(mine, true);
  }
}

/** The events queued at instant `time`, in queue order; they go back with their insertion numbers, so the queue's order is unchanged. */
function dueAt(queue: EventQueue, time: number): SimEvent[] {
  const due: SimEvent[] = [];
  for (let top = queue.peek(); top !== undefined && top.time === time; top = queue.peek()) due.push(queue.pop() as SimEvent);
  for (const ev of due) queue.push(ev);
  return due;
}
