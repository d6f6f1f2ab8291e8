import type { NodeId, Replica } from '../adapter/contract.js';
import { DELIVER, type EventQueue, type SimEvent } from './event-queue.js';
import { lookaheadOf, type UpcomingDelivery } from './replica-hooks.js';

/**
 * Tells a replica that can use it (a protocol-2 child process) which deliveries it handles next at
 * instant `time`: the queued deliveries to `node` due then, up to its first timer or init (why that
 * is exact is in replica-hooks.ts). Called only for replicas whose handler returned a promise, with
 * the tape exhausted, so the synchronous fast path never pays for the arrays it builds.
 */
export function offerLookahead(queue: EventQueue, replica: Replica<unknown>, node: NodeId, time: number): void {
  const hook = lookaheadOf(replica);
  if (hook === undefined) return;
  // Taken out and put back with their insertion numbers: the queue's order is unchanged.
  const due: SimEvent[] = [];
  for (let top = queue.peek(); top !== undefined && top.time === time; top = queue.peek()) due.push(queue.pop() as SimEvent);
  const upcoming: UpcomingDelivery[] = [];
  let open = true;
  for (const ev of due) {
    queue.push(ev);
    if (!open || ev.to !== node) continue;
    if (ev.kind !== DELIVER) open = false;
    else upcoming.push({ from: ev.from, payload: ev.payload });
  }
  if (upcoming.length > 0) hook(upcoming);
}
