import fc from 'fast-check';
import { z } from 'zod';
import { protocolRound, type Replica } from '../src/adapter/contract.js';
import { defineAdversary, type AdversaryEnv } from '../src/adversary.js';
import { fieldsOf, interceptOutbox, mutateNestedSigned, positionBook, rewrite, type NestedKind } from './kit.js';

/**
 * Parameters: the protocol rounds attacked, and a cyclic plan of mutations (0 = leave the message
 * alone). Without a codec there are no rounds to read: every message is planned, and `rounds`
 * (cycled) instead picks the nested site each mutation hits.
 */
export interface SmallScopeParams {
  readonly rounds: readonly number[];
  readonly plan: readonly number[];
}

/** Mutation kinds, indexed by plan entries. */
const KINDS = ['none', 'view+1', 'view-1', 'seq+1', 'seq-1', 'omit', 'digest-swap'] as const;

/**
 * The same plan entries without a codec: the nested mutation in the place of each codec one (no
 * view or seq to name, so any number ±1; a digest swap becomes a swap for a string seen at the same
 * position; `list` drops (even site selector) or repeats (odd) a list item). Same arbitrary, so
 * campaigns against targets with a codec draw exactly what they drew before.
 */
const NESTED = ['none', 'number+1', 'number-1', 'id-swap', 'list', 'omit', 'string-swap'] as const;

/**
 * ByzzFuzz small-scope mutation: on a few chosen protocol rounds, the faulty node's outgoing
 * messages get small, plausible changes — view ±1, sequence number ±1, omission, or the digest
 * replaced by another digest it has seen — signed with its own key.
 */
export const smallScopeMutation = defineAdversary<SmallScopeParams>({
  name: 'small-scope-mutation',
  description: 'on chosen rounds, shifts view or seq by one, omits messages, or swaps in another seen digest (ByzzFuzz); without a codec, shifts a nested number, swaps a replica id or a string seen there, or drops or repeats a list item',
  params: () =>
    fc.record({
      rounds: fc.uniqueArray(fc.nat(12), { minLength: 1, maxLength: 3 }),
      plan: fc.array(fc.nat(KINDS.length - 1), { minLength: 1, maxLength: 8 }),
    }),
  schema: z.object({ rounds: z.array(z.number().int().nonnegative()), plan: z.array(z.number().int().min(0).max(KINDS.length - 1)).min(1) }).strict(),
  enact(env, params) {
    return env.codec === undefined ? enactNested(env, params) : enactWithCodec(env, params);
  },
});

/** With a codec: on the chosen rounds only, the plan's view, seq, omission or digest lies, re-signed through the codec. */
function enactWithCodec(env: AdversaryEnv, { rounds, plan }: SmallScopeParams): Replica<unknown> {
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
      if (round === undefined || !rounds.includes(round)) return post(to, payload);
      const kind = KINDS[plan[counter++ % plan.length] ?? 0] ?? 'none';
      if (kind === 'omit') return undefined;
      return post(to, kind === 'none' ? payload : mutate(env, payload, kind, digests));
    },
  });
}

/** Without a codec: every message is planned, mutated at the nested site `rounds` picks (strings learnt from every message seen). */
function enactNested(env: AdversaryEnv, { rounds, plan }: SmallScopeParams): Replica<unknown> {
  const book = positionBook(env);
  let counter = 0;
  return interceptOutbox(env, {
    observe: (_from, payload) => book.learn(payload),
    send: (to, payload, post) => {
      book.learn(payload);
      const step = counter++;
      const kind = NESTED[plan[step % plan.length] ?? 0] ?? 'none';
      if (kind === 'omit') return undefined;
      if (kind === 'none') return post(to, payload);
      const selector = rounds[step % rounds.length] ?? 0;
      const nested: NestedKind = kind === 'list' ? (selector % 2 === 0 ? 'drop-item' : 'dup-item') : kind;
      return post(to, mutateNestedSigned(env, payload, nested, kind === 'list' ? Math.floor(selector / 2) : selector) ?? payload);
    },
  });
}

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
