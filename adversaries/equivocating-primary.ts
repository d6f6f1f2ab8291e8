import fc from 'fast-check';
import { z } from 'zod';
import { defineAdversary } from '../src/adversary.js';
import { twinReplica } from './twin-engine.js';

/** Parameters: which backups hear the second proposal stream, and which clients feed it. */
export interface EquivocatingPrimaryParams {
  readonly sideMask: number;
  readonly clientMask: number;
}

/**
 * Equivocating primary: two copies of the node, each fed a different set of clients' requests and
 * each proposing to a different set of backups — so while it leads, backups receive different,
 * validly signed proposals for the same (view, sequence number).
 */
export const equivocatingPrimary = defineAdversary<EquivocatingPrimaryParams>({
  name: 'equivocating-primary',
  description: 'sends different validly signed proposals for the same slot to different backups',
  params: ({ maxN }) =>
    fc.record({ sideMask: fc.nat({ max: 2 ** Math.min(maxN, 30) - 1 }), clientMask: fc.integer({ min: 1, max: 7 }) }),
  schema: z.object({ sideMask: z.number().int().nonnegative(), clientMask: z.number().int().nonnegative() }).strict(),
  enact: (env, { sideMask, clientMask }) => twinReplica(env, { sideMask, clientMask, shareClients: false }),
});
