import fc from 'fast-check';
import { z } from 'zod';
import { defineAdversary } from '../src/adversary.js';
import { interceptOutbox } from './kit.js';

/** Parameters: replay after every `everyK`-th outgoing message, a message `lag` receptions old. */
export interface ReplayOldParams {
  readonly everyK: number;
  readonly lag: number;
}

const KEPT = 64;

/**
 * Replay: runs the honest code and, every k-th message it sends, also re-sends to the same
 * recipient an old message it received earlier — validly signed by its original author.
 */
export const replayOld = defineAdversary<ReplayOldParams>({
  name: 'replay-old',
  description: 're-sends old, validly signed messages it received earlier, alongside its own',
  params: () => fc.record({ everyK: fc.integer({ min: 1, max: 8 }).map((k) => 9 - k), lag: fc.integer({ min: 1, max: 16 }) }),
  schema: z.object({ everyK: z.number().int().positive(), lag: z.number().int().positive() }).strict(),
  enact(env, { everyK, lag }) {
    const heard: unknown[] = [];
    let sent = 0;
    return interceptOutbox(env, {
      observe: (_from, payload) => {
        heard.push(payload);
        if (heard.length > KEPT) heard.shift();
      },
      send: (to, payload, post) => {
        post(to, payload);
        sent++;
        const old = heard[heard.length - lag];
        if (sent % everyK === 0 && old !== undefined) post(to, old);
      },
    });
  },
});
