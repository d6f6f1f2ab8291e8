import fc from 'fast-check';
import { z } from 'zod';
import { defineAdversary, type AdversaryEnv } from '../src/adversary.js';
import { fieldsOf, inMask, interceptOutbox, rewrite, rewriteDiscovered } from './kit.js';
import { mutateJson } from './mutate-json.js';

/** Parameters: which peers (bit i of `mask` → replica i) get the altered value, and which alteration. */
export interface EquivocatorParams {
  readonly mask: number;
  readonly variant: number;
}

function alter(env: AdversaryEnv, payload: unknown, variant: number): unknown {
  const digest = fieldsOf(env.codec, payload).digest;
  if (digest !== undefined) return rewrite(env, payload, { digest: `${digest}~${variant}` }, variant);
  // Without a codec, a signed message's digest-like field is found by discovery and the lie signed
  // afresh: mangling its first string (usually the type tag) would only make it garbage, an omission.
  const signed = rewriteDiscovered(env, payload, (f) => (f.digest === undefined ? undefined : { digest: `${f.digest}~${variant}` }));
  return signed ?? mutateJson(payload, variant);
}

/**
 * Equivocator: runs the honest code, but every message it sends to a replica in `mask` carries a
 * different value (the codec's digest; without a codec, a signed message's discovered digest signed
 * afresh, else the first JSON string) than what the other replicas get.
 */
export const equivocator = defineAdversary<EquivocatorParams>({
  name: 'equivocator',
  description: 'runs the honest code but tells the peers in a chosen subset a different value than the rest',
  params: ({ maxN }) =>
    fc.record({ mask: fc.nat({ max: 2 ** Math.min(maxN, 30) - 1 }), variant: fc.integer({ min: 1, max: 3 }) }),
  schema: z.object({ mask: z.number().int().nonnegative(), variant: z.number().int().min(1) }).strict(),
  enact(env, { mask, variant }) {
    return interceptOutbox(env, {
      send: (to, payload, post) => post(to, inMask(mask, to) ? alter(env, payload, variant) : payload),
    });
  },
});
