import fc from 'fast-check';
import { z } from 'zod';
import { defineAdversary, type AdversaryEnv } from '../src/adversary.js';
import { TAPE_MAX } from '../src/sim/tape.js';
import { fieldsOf, interceptOutbox, mutateNestedSigned, NESTED_KINDS, positionBook, rewrite } from './kit.js';
import { mutateJson } from './mutate-json.js';

/**
 * Parameters: a cyclic plan, one entry per outgoing message (0 = leave it alone). With a codec an
 * entry is a value and the field it goes in; without one, the nested mutation (entry − 1 modulo
 * their number) and the site it hits (the rest of the entry), so smaller entries mutate less.
 */
export interface AnyScopeParams {
  readonly plan: readonly number[];
}

function mutate(env: AdversaryEnv, payload: unknown, v: number): unknown {
  const f = fieldsOf(env.codec, payload);
  switch (v % 4) {
    case 0: return f.view === undefined ? mutateJson(payload, v) : rewrite(env, payload, { view: v }, v);
    case 1: return f.seq === undefined ? mutateJson(payload, v) : rewrite(env, payload, { seq: v }, v);
    case 2: return rewrite(env, payload, { digest: `forged-${v}` }, v);
    default: return rewrite(env, payload, { type: ['PRE-PREPARE', 'PREPARE', 'COMMIT', 'CHECKPOINT', 'VIEW-CHANGE'][v % 5] as string }, v);
  }
}

/**
 * Without a codec: one nested mutation at any depth (number ±1 or set, replica id or seen string
 * swapped, list item dropped or repeated); a payload with no site for it gets the structure-blind
 * JSON mutation instead, as before nested mutation existed.
 */
function mutateNestedEntry(env: AdversaryEnv, payload: unknown, v: number): unknown {
  const kind = NESTED_KINDS[(v - 1) % NESTED_KINDS.length] ?? 'number+1';
  return mutateNestedSigned(env, payload, kind, Math.floor((v - 1) / NESTED_KINDS.length)) ?? mutateJson(payload, v);
}

/** ByzzFuzz any-scope mutation: arbitrary values in any field of any outgoing message, signed with its own key. */
export const anyScopeMutation = defineAdversary<AnyScopeParams>({
  name: 'any-scope-mutation',
  description: 'puts arbitrary values (view, seq, digest, message type) into outgoing messages (ByzzFuzz); without a codec, mutates one nested field, id, string or list at any depth',
  params: () => fc.record({ plan: fc.array(fc.nat(TAPE_MAX), { minLength: 1, maxLength: 16 }) }),
  schema: z.object({ plan: z.array(z.number().int().min(0).max(TAPE_MAX)).min(1) }).strict(),
  enact(env, { plan }) {
    let counter = 0;
    if (env.codec !== undefined) {
      return interceptOutbox(env, {
        send: (to, payload, post) => {
          const v = plan[counter++ % plan.length] ?? 0;
          post(to, v === 0 ? payload : mutate(env, payload, v));
        },
      });
    }
    const book = positionBook(env);
    return interceptOutbox(env, {
      observe: (_from, payload) => book.learn(payload),
      send: (to, payload, post) => {
        book.learn(payload);
        const v = plan[counter++ % plan.length] ?? 0;
        post(to, v === 0 ? payload : mutateNestedEntry(env, payload, v));
      },
    });
  },
});
