import fc from 'fast-check';
import { z } from 'zod';
import type { Codec, NodeId, ReplicaContext } from '../src/adapter/contract.js';
import { defineAdversary, interpose } from '../src/adversary.js';
import { mutateJson } from './mutate-json.js';

/** Parameters: which peers (bit i of `mask` → replica i) get the altered value, and which alteration. */
export interface EquivocatorParams {
  readonly mask: number;
  readonly variant: number;
}

function alter(payload: unknown, variant: number, codec: Codec<unknown> | undefined): unknown {
  if (codec?.withFields !== undefined) {
    const fields = codec.fields(payload);
    if (fields.digest !== undefined) return codec.withFields(payload, { digest: `${fields.digest}~${variant}` });
  }
  return mutateJson(payload, variant);
}

/**
 * Equivocator: runs the honest code, but every message it sends to a replica in `mask` carries a
 * different value (the codec's digest, or the first JSON string) than what the other replicas get.
 */
export const equivocator = defineAdversary<EquivocatorParams>({
  name: 'equivocator',
  description: 'runs the honest code but tells the peers in a chosen subset a different value than the rest',
  params: ({ maxN }) =>
    fc.record({ mask: fc.nat({ max: 2 ** Math.min(maxN, 30) - 1 }), variant: fc.integer({ min: 1, max: 3 }) }),
  schema: z.object({ mask: z.number().int().nonnegative(), variant: z.number().int().min(1) }).strict(),
  enact({ ctx, createHonest, codec }, { mask, variant }) {
    const n = ctx.config.n;
    const lyingTo = (to: NodeId): boolean => to < n && to < 31 && ((mask >>> to) & 1) === 1;
    const doctored: ReplicaContext<unknown> = interpose(ctx, {
      send: (to, payload) => ctx.send(to, lyingTo(to) ? alter(payload, variant, codec) : payload),
      broadcast: (payload) => {
        for (let to = 0; to < n; to++) if (to !== ctx.config.id) doctored.send(to, payload);
      },
    });
    return createHonest(doctored);
  },
});
