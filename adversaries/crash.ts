import fc from 'fast-check';
import { z } from 'zod';
import { defineAdversary } from '../src/adversary.js';
import { forwarding, ownTimer } from './kit.js';

/** Parameters: when the replica stops, in virtual ms. */
export interface CrashParams {
  readonly atMs: number;
}

const CRASH = ownTimer('crash');

/** Crash: runs the honest code until `atMs`, then stops for good (no more events in, nothing out). */
export const crash = defineAdversary<CrashParams>({
  name: 'crash',
  description: 'runs the honest code, then stops for good at a chosen time',
  params: () => fc.record({ atMs: fc.nat(3_000) }),
  schema: z.object({ atMs: z.number().int().nonnegative() }).strict(),
  honestUntilMs: ({ atMs }) => atMs,
  enact({ ctx, createHonest }, { atMs }) {
    let up = true;
    const inner = forwarding(createHonest(ctx), ctx);
    const alive = <T>(call: () => T): T | undefined => (up ? call() : undefined);
    return {
      init: () => {
        ctx.setTimer(CRASH, atMs);
        return inner.init?.();
      },
      onMessage: (from, payload) => alive(() => inner.onMessage(from, payload)),
      onRequest: (request) => alive(() => inner.onRequest(request)),
      onTimer: (id) => {
        if (id === CRASH) up = false;
        return alive(() => inner.onTimer?.(id));
      },
    };
  },
});
