import fc from 'fast-check';
import { z } from 'zod';
import { protocolRound } from '../src/adapter/contract.js';
import { defineAdversary, type AdversaryEnv } from '../src/adversary.js';
import { fieldsOf, interceptOutbox, rewrite } from './kit.js';

/** Parameters: the protocol rounds attacked, and a cyclic plan of mutations (0 = leave the message alone). */
export interface SmallScopeParams {
  readonly rounds: readonly number[];
  readonly plan: readonly number[];
}

/** Mutation kinds, indexed by plan entries. */
const KINDS = ['none', 'view+1', 'view-1', 'seq+1', 'seq-1', 'omit', 'digest-swap'] as const;

/**
 * ByzzFuzz small-scope mutation: on a few chosen protocol rounds, the faulty node's outgoing
 * messages get small, plausible changes — view ±1, sequence number ±1, omission, or the digest
 * replaced by another digest it has seen — signed with its own key.
 */
export const smallScopeMutation = defineAdversary<SmallScopeParams>({
  name: 'small-scope-mutation',
  description: 'on chosen rounds, shifts view or seq by one, omits messages, or swaps in another seen digest (ByzzFuzz)',
  params: () =>
    fc.record({
      rounds: fc.uniqueArray(fc.nat(12), { minLength: 1, maxLength: 3 }),
      plan: fc.array(fc.nat(KINDS.length - 1), { minLength: 1, maxLength: 8 }),
    }),
  schema: z.object({ rounds: z.array(z.number().int().nonnegative()), plan: z.array(z.number().int().min(0).max(KINDS.length - 1)).min(1) }).strict(),
  enact(env, { rounds, plan }) {
    const digests: string[] = [];
    const remember = (payload: unknown): void => {
      const d = fieldsOf(env.codec, payload).digest;
      if (d !== undefined && digests[digests.length - 1] !== d) digests.push(d);
    };
    let counter = 0;
    return interceptOutbox(env, {
      observe: (_from, payload) => remember(payload),
      send: (to, payload, post) => {
        remember(payload);
        const fields = fieldsOf(env.codec, payload);
        const round = protocolRound(fields);
        if (env.codec !== undefined && (round === undefined || !rounds.includes(round))) return post(to, payload);
        const kind = KINDS[plan[counter++ % plan.length] ?? 0] ?? 'none';
        if (kind === 'omit') return undefined;
        return post(to, kind === 'none' ? payload : mutate(env, payload, kind, digests));
      },
    });
  },
});

function mutate(env: AdversaryEnv, payload: unknown, kind: (typeof KINDS)[number], digests: readonly string[]): unknown {
  const f = fieldsOf(env.codec, payload);
  switch (kind) {
    case 'view+1': return f.view === undefined ? payload : rewrite(env, payload, { view: f.view + 1 }, 1);
    case 'view-1': return f.view === undefined ? payload : rewrite(env, payload, { view: Math.max(0, f.view - 1) }, 2);
    case 'seq+1': return f.seq === undefined ? payload : rewrite(env, payload, { seq: f.seq + 1 }, 3);
    case 'seq-1': return f.seq === undefined ? payload : rewrite(env, payload, { seq: Math.max(0, f.seq - 1) }, 4);
    default: {
      const other = [...digests].reverse().find((d) => d !== f.digest);
      return other === undefined ? payload : rewrite(env, payload, { digest: other }, 6);
    }
  }
}
