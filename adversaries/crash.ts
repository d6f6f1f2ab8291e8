import fc from 'fast-check';
import { z } from 'zod';
import type { NodeId } from '../src/adapter/contract.js';
import { defineAdversary, interpose } from '../src/adversary.js';
import { forwarding, interposeSends, ownTimer } from './kit.js';

/**
 * Parameters: when the replica stops — at a virtual time (`atMs`), or right after the honest code
 * has put `afterSends` messages to replicas on the wire (`afterSends`; a broadcast counts one per
 * recipient, in id order, so the crash can cut a broadcast short).
 */
export type CrashParams = { readonly atMs: number } | { readonly afterSends: number };

/** Largest send budget drawn: a few rounds of normal-case traffic and a view change at n = 7 (6 sends per broadcast). */
const MAX_SENDS = 63;

const CRASH = ownTimer('crash');

/**
 * Half the crashes are timed, half follow the protocol's own progress: a timed crash rarely lands
 * inside a round (requests flow for a few hundred ms, crashes are drawn over 3 s), while a crash
 * after k sends fails a primary after some backups got its proposal, or some replicas its commit
 * vote, or some its NEW-VIEW — the view changes with certificates in flight that timed crashes
 * almost never produce. One draw mapped, so shrinking reaches the timed crash.
 */
function crashParams(): fc.Arbitrary<CrashParams> {
  return fc.record({ atMs: fc.nat(3_000), sends: fc.nat(2 * MAX_SENDS + 1) })
    .map(({ atMs, sends }): CrashParams => (sends <= MAX_SENDS ? { atMs } : { afterSends: sends - MAX_SENDS - 1 }));
}

/** Crash: runs the honest code until `atMs` (or its `afterSends`-th send), then stops for good (no more events in, nothing out). */
export const crash = defineAdversary<CrashParams>({
  name: 'crash',
  description: 'runs the honest code, then stops for good at a chosen time or mid-send after a chosen number of messages',
  params: crashParams,
  schema: z.union([
    z.object({ atMs: z.number().int().nonnegative() }).strict(),
    z.object({ afterSends: z.number().int().nonnegative() }).strict(),
  ]),
  // A send-triggered crash may come at any time: the replica may deviate from the start.
  honestUntilMs: (params) => ('atMs' in params ? params.atMs : 0),
  enact({ ctx, createHonest }, params) {
    let up = true;
    const alive = <T>(call: () => T): T | undefined => (up ? call() : undefined);
    if ('afterSends' in params) {
      let budget = params.afterSends;
      const send = (to: NodeId, payload: unknown): void => {
        if (!up) return;
        if (to >= ctx.config.n) return ctx.send(to, payload);
        if (budget === 0) {
          up = false;
          return;
        }
        budget--;
        ctx.send(to, payload);
      };
      // Replies to clients cost no budget but stop with the replica, within the very event it crashed in too.
      const doctored = interpose(interposeSends(ctx, send), { reply: (client, requestId, result) => (up ? ctx.reply(client, requestId, result) : undefined) });
      const inner = forwarding(createHonest(doctored), doctored);
      return {
        init: () => alive(() => inner.init?.()),
        onMessage: (from, payload) => alive(() => inner.onMessage(from, payload)),
        onRequest: (request) => alive(() => inner.onRequest(request)),
        onTimer: (id) => alive(() => inner.onTimer?.(id)),
      };
    }
    const inner = forwarding(createHonest(ctx), ctx);
    return {
      init: () => {
        ctx.setTimer(CRASH, params.atMs);
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
