import fc from 'fast-check';
import { z } from 'zod';
import { defineAdversary } from '../src/adversary.js';
import { inMask, interceptOutbox } from './kit.js';

/** Parameters: bit i of `mask` set → replica i still hears from this node. */
export interface SelectiveSenderParams {
  readonly mask: number;
}

/** Selective sender: runs the honest code but talks only to a chosen subset of replicas. */
export const selectiveSender = defineAdversary<SelectiveSenderParams>({
  name: 'selective-sender',
  description: 'runs the honest code but sends only to a chosen subset of replicas',
  params: ({ maxN }) => fc.record({ mask: fc.nat({ max: 2 ** Math.min(maxN, 30) - 1 }) }).map(({ mask }) => ({ mask: (2 ** Math.min(maxN, 30) - 1) ^ mask })),
  schema: z.object({ mask: z.number().int().nonnegative() }).strict(),
  enact: (env, { mask }) => interceptOutbox(env, { send: (to, payload, post) => (inMask(mask, to) ? post(to, payload) : undefined) }),
});
