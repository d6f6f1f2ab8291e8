/**
 * A user's Byzantine strategy, loaded by path like a user's target:
 *
 *   npx byzcheck run --target examples/my-replica.ts --adversary ./examples/my-strategy.ts --properties agreement
 *
 * It runs the honest code but tells one replica a different value than the rest: through the
 * target's codec when it has one (the proposal's digest, re-signed with this replica's own key),
 * else by altering the payload's first string. Colluding faulty replicas lie to the same victim,
 * agreed on the coalition's blackboard.
 */
import { coalitionShared, defineAdversary, fc, fieldsOf, interceptOutbox, mutateJson, rewrite, z, type AdversaryEnv } from 'byzcheck';

/** Parameters: which replica hears the lie, and which lie. */
interface TwoFacedParams {
  readonly victim: number;
  readonly variant: number;
}

/** The lie: the codec's digest changed where the target has a codec, else the first string of the payload. */
function lie(env: AdversaryEnv, payload: unknown, variant: number): unknown {
  const digest = fieldsOf(env.codec, payload).digest;
  return digest === undefined ? mutateJson(payload, variant) : rewrite(env, payload, { digest: `${digest}~lie${variant}` }, variant);
}

/** The strategy: a module may export one as default, or several as named exports. */
export default defineAdversary<TwoFacedParams>({
  name: 'two-faced',
  description: 'runs the honest code but tells one chosen replica a different value than the rest',
  // Shrinking moves towards the first replica and the first variant.
  params: ({ maxN }) => fc.record({ victim: fc.nat(maxN - 1), variant: fc.integer({ min: 1, max: 3 }) }),
  // Validates the parameters when a counterexample file is replayed.
  schema: z.object({ victim: z.number().int().min(0), variant: z.number().int().min(1) }).strict(),
  enact(env, params) {
    // The first faulty replica to start picks the victim for the whole coalition.
    const { victim, variant } = coalitionShared(env, 'two-faced', () => params);
    return interceptOutbox(env, {
      send: (to, payload, post) => post(to, to === victim ? lie(env, payload, variant) : payload),
    });
  },
});
