import fc from 'fast-check';
import { z } from 'zod';
import type { ReplicaContext } from '../src/adapter/contract.js';
import { defineAdversary, interpose } from '../src/adversary.js';
import { all, forwarding, ownTimer, TimerBook } from './kit.js';

/** Parameters: how often the storm fires the honest code's timers early. */
export interface ViewChangeStormParams {
  readonly periodMs: number;
}

const STORM = ownTimer('storm');

/**
 * View-change storm: every `periodMs` the faulty node fires all of its honest code's pending timers
 * at once — the view-change timer included — so it keeps demanding new views (each properly signed).
 * Protocol-agnostic: it needs no codec, only the timers the honest code arms.
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
    return {
      ...inner,
      init: () => {
        ctx.setTimer(STORM, periodMs);
        return inner.init();
      },
      onTimer: (id) => {
        if (id !== STORM) return timers.fire(id) ? inner.onTimer(id) : undefined;
        ctx.setTimer(STORM, periodMs);
        return all(timers.pending().map((pending) => (timers.fire(pending) ? inner.onTimer(pending) : undefined)));
      },
    };
  },
});
