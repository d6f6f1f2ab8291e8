import fc from 'fast-check';
import { z } from 'zod';
import { defineAdversary } from '../src/adversary.js';
import { fieldsOf, interceptOutbox, rewrite, roleOf } from './kit.js';
import { mutateJson } from './mutate-json.js';

/**
 * Seed 002's Byzantine node (`002_9db5b4e68f37fa2c.txt`): as proposer it gives every destination a
 * different digest; as a backup it skips half its PREPAREs, fakes the digest in half of the rest,
 * and never sends a COMMIT. Coin flips come from the run's seeded PRNG, as the seed's `random()`.
 */
export const seed002Faulty = defineAdversary<Record<string, never>>({
  name: 'seed002-faulty',
  description: "seed 002's faulty node: equivocates as proposer, drops half its PREPAREs, fakes digests, never commits",
  params: () => fc.constant({}),
  schema: z.object({}).strict(),
  enact(env) {
    const { ctx, codec } = env;
    return interceptOutbox(env, {
      send: (to, payload, post) => {
        if (codec === undefined) return ctx.random() < 0.5 ? undefined : post(to, mutateJson(payload, to + 1));
        const digest = fieldsOf(codec, payload).digest ?? '';
        switch (roleOf(codec, payload)) {
          case 'proposal': return post(to, rewrite(env, payload, { digest: `${digest}::to=${to}` }, to + 1));
          case 'vote':
            if (ctx.random() < 0.5) return undefined;
            return post(to, ctx.random() < 0.5 ? payload : rewrite(env, payload, { digest: `${digest}::pretend` }, 1));
          case 'commit-vote': return undefined;
          default: return post(to, payload);
        }
      },
    });
  },
});
