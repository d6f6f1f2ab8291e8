import fc from 'fast-check';
import { z } from 'zod';
import type { NodeId, ReplicaContext } from '../src/adapter/contract.js';
import { defineAdversary, interpose, type AdversaryEnv } from '../src/adversary.js';
import { fieldsOf, inMask, roleOf } from './kit.js';
import { twinReplica } from './twin-engine.js';

/** Parameters: the equivocation split, and which extra tricks are on (all shrink towards off). */
export interface DoubleDealerParams {
  /** Bit i set → honest replica i talks with the second copy (as in equivocating-primary). */
  readonly sideMask: number;
  /** Bit c set → client c's requests feed the second copy only. */
  readonly clientMask: number;
  /** Bit i set → replica i also hears the *other* copy (its proposals and votes): two proposals for one slot. */
  readonly overlapMask: number;
  /** How many times each vote heard from an honest replica is echoed to every replica (its author included). */
  readonly echo: number;
  /** With each of its proposals it sends the recipient PREPAREs and COMMITs for it claiming every other replica as author, under signatures it cannot make. */
  readonly forge: boolean;
  /** Client replies carry a made-up result. */
  readonly lie: boolean;
  /** Overlap replicas get the other copy's proposal for a slot only after they commit-vote on it. */
  readonly late: boolean;
}

const mask = (maxN: number) => fc.nat({ max: 2 ** Math.min(maxN, 30) - 1 });

function echoVote(env: AdversaryEnv, from: NodeId, payload: unknown, p: DoubleDealerParams): void {
  const { ctx, codec } = env;
  if (from >= ctx.config.n || env.coalition.includes(from)) return;
  const role = roleOf(codec, payload, env.roles);
  if (role !== 'vote' && role !== 'commit-vote') return;
  const sends = (m: unknown): void => {
    for (let k = 0; k < p.echo; k++) for (let to = 0; to < ctx.config.n; to++) if (to !== ctx.config.id) ctx.send(to, m);
  };
  sends(payload);
}

/** Votes for `proposal` that `to` will believe come from every other replica (a faulty node cannot sign them). */
function forgeVotes(env: AdversaryEnv, to: NodeId, proposal: unknown): void {
  const { ctx, codec } = env;
  if (codec?.withFields === undefined) return;
  for (const type of ['PREPARE', 'COMMIT']) {
    for (let as = 0; as < ctx.config.n; as++) if (as !== to && as !== ctx.config.id) ctx.send(to, codec.withFields(proposal, { type, sender: as }));
  }
}

/**
 * Double dealer: an equivocating primary (two honest copies, split clients, split backups) that
 * also deals in votes — it echoes every PREPARE and COMMIT it hears back to every replica (the
 * author too) `echo` times, may send with each proposal votes for it forged in other replicas' names,
 * lets some replicas hear both copies (both proposals for a slot, at once or just after they vote to
 * commit the first), and may lie in its replies to clients.
 * Honest replicas must count each sender once, check every signature, keep the first proposal,
 * and clients must wait for f + 1 matching replies.
 */
export const doubleDealer = defineAdversary<DoubleDealerParams>({
  name: 'double-dealer',
  description: 'equivocates as primary, echoes the votes it hears, forges votes for its proposals, shows some replicas both proposals, lies to clients',
  params: ({ maxN }) =>
    fc.record({
      sideMask: mask(maxN), clientMask: fc.integer({ min: 1, max: 7 }), overlapMask: mask(maxN),
      echo: fc.nat(3), forge: fc.boolean(), lie: fc.boolean(), late: fc.boolean(),
    }),
  schema: z.object({
    sideMask: z.number().int().nonnegative(), clientMask: z.number().int().nonnegative(), overlapMask: z.number().int().nonnegative(),
    echo: z.number().int().min(0).max(8), forge: z.boolean(), lie: z.boolean(), late: z.boolean(),
  }).strict(),
  enact(env, p) {
    const { ctx } = env;
    const self = ctx.config.id;
    const held = new Map<string, unknown[]>();
    const slotKey = (node: NodeId, payload: unknown): string | undefined => {
      const f = fieldsOf(env.codec, payload);
      return f.seq === undefined ? undefined : `${node}:${f.view ?? 0}:${f.seq}`;
    };
    // An overlap replica talks with both copies: it also hears what the split withholds from it —
    // with `late`, the other copy's proposal only once it has voted to commit the first (when a
    // second proposal does the most damage to a replica that accepts it).
    const onWithheld = (to: NodeId, payload: unknown): void => {
      if (!inMask(p.overlapMask, to)) return;
      const key = p.late && roleOf(env.codec, payload, env.roles) === 'proposal' ? slotKey(to, payload) : undefined;
      if (key === undefined) ctx.send(to, payload);
      else held.set(key, [...(held.get(key) ?? []), payload]);
    };
    const dealt: ReplicaContext<unknown> = interpose(ctx, {
      send: (to, payload) => {
        ctx.send(to, payload);
        if (p.forge && to < ctx.config.n && roleOf(env.codec, payload, env.roles) === 'proposal' && fieldsOf(env.codec, payload).sender === self) forgeVotes(env, to, payload);
      },
      reply: (client, requestId, result) => ctx.reply(client, requestId, p.lie ? `${result}~forged` : result),
    });
    const release = (from: NodeId, payload: unknown): void => {
      if (!p.late || roleOf(env.codec, payload, env.roles) !== 'commit-vote') return;
      const key = slotKey(from, payload);
      const waiting = key === undefined ? undefined : held.get(key);
      if (key === undefined || waiting === undefined) return;
      held.delete(key);
      for (const proposal of waiting) ctx.send(from, proposal);
    };
    const inner = twinReplica({ ...env, ctx: dealt }, { sideMask: p.sideMask, clientMask: p.clientMask, shareClients: false, onWithheld, hearsBoth: (node) => inMask(p.overlapMask, node) });
    return { ...inner, onMessage: (from, payload) => (release(from, payload), echoVote(env, from, payload, p), inner.onMessage(from, payload)) };
  },
});
