import fc from 'fast-check';
import { z } from 'zod';
import type { ClientRequest, ReplicaContext } from '../src/adapter/contract.js';
import { defineAdversary, interpose } from '../src/adversary.js';
import { forwarding, inSequence, ownTimer, TimerBook } from './kit.js';

/** Parameters: how often the storm fires the honest code's timers early. */
export interface ViewChangeStormParams {
  readonly periodMs: number;
}

const STORM = ownTimer('storm');

/** Finds client requests (the contract's shape, with a client signature) anywhere inside a payload. */
function collectRequests(value: unknown, into: Map<number, ClientRequest>, depth = 0): boolean {
  if (depth > 6 || typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) {
    let found = false;
    for (const item of value) found = collectRequests(item, into, depth + 1) || found;
    return found;
  }
  const v = value as Record<string, unknown>;
  if (typeof v['client'] === 'number' && typeof v['requestId'] === 'number' && typeof v['operation'] === 'string' && typeof v['signature'] === 'string') {
    const known = into.get(v['client']);
    if (known !== undefined && known.requestId >= v['requestId']) return false;
    into.set(v['client'], v as unknown as ClientRequest);
    return true;
  }
  let found = false;
  for (const field of Object.values(v)) found = collectRequests(field, into, depth + 1) || found;
  return found;
}

/**
 * View-change storm: whenever the faulty node sees a new client request inside any message (and
 * again every `periodMs`) it makes its honest code believe clients are waiting — handing it the
 * genuine signed requests — and fires all of that code's pending timers at once, the view-change
 * timer included. So it keeps
 * demanding new views, each properly signed. Protocol-agnostic: no codec, only the contract's
 * request shape and the timers the honest code arms.
 */
export const viewChangeStorm = defineAdversary<ViewChangeStormParams>({
  name: 'view-change-storm',
  description: "keeps firing its own timers early, so it demands view change after view change",
  params: () => fc.record({ periodMs: fc.integer({ min: 1, max: 200 }).map((p) => 201 - p) }),
  schema: z.object({ periodMs: z.number().int().positive() }).strict(),
  enact({ ctx, createHonest }, { periodMs }) {
    const timers = new TimerBook();
    const doctored: ReplicaContext<unknown> = interpose(ctx, {
      setTimer: (id, afterMs) => (timers.arm(id), ctx.setTimer(id, afterMs)),
      cancelTimer: (id) => (timers.cancel(id), ctx.cancelTimer(id)),
    });
    const inner = forwarding(createHonest(doctored), doctored);
    const requests = new Map<number, ClientRequest>();
    // Hand the honest code every known request (it then believes clients wait and arms its
    // view-change timer), and fire all its timers now.
    // One replica: each call starts once the one before settled (a subprocess child takes one step at a time).
    const strike = () =>
      inSequence([
        ...[...requests.values()].map((request) => () => inner.onRequest(request)),
        // Read once the requests are handled: a request arms the view-change timer fired here.
        () => inSequence(timers.pending().map((pending) => () => (timers.fire(pending) ? inner.onTimer(pending) : undefined))),
      ]);
    return {
      ...inner,
      onMessage: (from, payload) => {
        const fresh = collectRequests(payload, requests);
        const handled = inner.onMessage(from, payload);
        return fresh ? inSequence([() => handled, strike]) : handled;
      },
      init: () => {
        ctx.setTimer(STORM, periodMs);
        return inner.init();
      },
      onTimer: (id) => {
        if (id !== STORM) return timers.fire(id) ? inner.onTimer(id) : undefined;
        ctx.setTimer(STORM, periodMs);
        return strike();
      },
    };
  },
});
