import fc from 'fast-check';
import { z } from 'zod';
import { defineAdversary } from '../src/adversary.js';
import { twinReplica } from './twin-engine.js';

/** Parameters: bit i of `sideMask` set → honest replica i talks with the second copy. */
export interface TwinsParams {
  readonly sideMask: number;
}

/** Twins: two honest copies sharing one identity and key, each talking to a different part of the cluster. */
export const twins = defineAdversary<TwinsParams>({
  name: 'twins',
  description: 'two honest copies with one identity and key, each talking to a different part of the cluster',
  params: ({ maxN }) => fc.record({ sideMask: fc.nat({ max: 2 ** Math.min(maxN, 30) - 1 }) }),
  schema: z.object({ sideMask: z.number().int().nonnegative() }).strict(),
  enact: (env, { sideMask }) => twinReplica(env, { sideMask, clientMask: 0, shareClients: true }),
});
