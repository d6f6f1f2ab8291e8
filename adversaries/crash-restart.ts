import fc from 'fast-check';
import { z } from 'zod';
import type { Replica, ReplicaContext } from '../src/adapter/contract.js';
import { defineAdversary, interpose } from '../src/adversary.js';
import { forwarding, ownTimer, TimerBook } from './kit.js';

/** Parameters: when the replica crashes, how long it stays down, and whether it keeps its state. */
export interface CrashRestartParams {
  readonly crashAtMs: number;
  readonly downMs: number;
  readonly keepState: boolean;
}

const CRASH = ownTimer('crash');
const RESTART = ownTimer('restart');

/**
 * Crash-restart: the honest code crashes at `crashAtMs` (its pending timers and in-flight work are
 * lost) and comes back `downMs` later — with its state (the same instance, re-initialised, as a
 * replica that persists would) or without (a fresh instance that must catch up by state transfer).
 */
export const crashRestart = defineAdversary<CrashRestartParams>({
  name: 'crash-restart',
  description: 'crashes at a chosen time and restarts later, with or without its state',
  params: () => fc.record({ crashAtMs: fc.nat(3_000), downMs: fc.integer({ min: 1, max: 3_000 }), keepState: fc.boolean() }),
  schema: z.object({ crashAtMs: z.number().int().nonnegative(), downMs: z.number().int().positive(), keepState: z.boolean() }).strict(),
  honestUntilMs: ({ crashAtMs }) => crashAtMs,
  enact({ ctx, createHonest }, { crashAtMs, downMs, keepState }) {
    const timers = new TimerBook();
    const doctored: ReplicaContext<unknown> = interpose(ctx, {
      setTimer: (id, afterMs) => (timers.arm(id), ctx.setTimer(id, afterMs)),
      cancelTimer: (id) => (timers.cancel(id), ctx.cancelTimer(id)),
    });
    let up = true;
    let inner: Replica<unknown> = forwarding(createHonest(doctored), doctored);
    return {
      init: () => {
        ctx.setTimer(CRASH, crashAtMs);
        return inner.init?.();
      },
      onMessage: (from, payload) => (up ? inner.onMessage(from, payload) : undefined),
      onRequest: (request) => (up ? inner.onRequest(request) : undefined),
      onTimer: (id) => {
        if (id === CRASH) {
          up = false;
          timers.crash();
          ctx.setTimer(RESTART, downMs);
          return undefined;
        }
        if (id === RESTART) {
          up = true;
          if (!keepState) inner = forwarding(createHonest(doctored), doctored);
          return inner.init?.();
        }
        return up && timers.fire(id) ? inner.onTimer?.(id) : undefined;
      },
    };
  },
});
