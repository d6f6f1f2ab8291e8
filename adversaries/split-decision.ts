import fc from 'fast-check';
import { z } from 'zod';
import type { NodeId, ReplicaContext } from '../src/adapter/contract.js';
import { defineAdversary, interpose, type AdversaryEnv } from '../src/adversary.js';
import type { PartitionPlan } from '../src/scenario/types.js';
import { certificatesOf, fieldsOf, forwarding, roleOf, roleOfType, rewrite, withoutCertificates } from './kit.js';

/**
 * A two-phase plan; each part is off at its shrunk value. Replicas are named by offset from the
 * coalition's first member, the anchor (offset k is replica `anchor + 1 + k mod (n − 1)`, mod n),
 * so the plan means the same to every member and at every cluster size.
 */
export interface SplitDecisionParams {
  /** Offset of the victim: the honest replica meant to decide what the next view never sees. */
  readonly victim: number;
  /** Honest replicas that get none of its view-0 proposals and votes, so they cannot prepare: none, the f after the victim, or all but the victim. */
  readonly withhold: 'none' | 'f' | 'all';
  /** For each view-0 proposal it makes or receives it sends the victim its own COMMIT at once, prepared or not. */
  readonly commitEarly: boolean;
  /** How long from the start the network loses the victim's outgoing messages (0: never). */
  readonly isolateMs: number;
  /** It forgets what was prepared: its own code never sees a vote, and builds any NEW-VIEW from VIEW-CHANGEs stripped of their certificates. */
  readonly amnesia: boolean;
  /** Its view-0 proposal for seq s + 1 is held back and shown, relabelled as seq s, to each replica but the victim that commit-votes seq s (then to the withheld), with its own COMMIT; its other view-0 COMMITs reach only the victim. */
  readonly equivocate: boolean;
}

/** The replica at `offset` from `anchor` in a cluster of n (never the anchor itself). */
export function planned(anchor: NodeId, offset: number, n: number): NodeId {
  return (anchor + 1 + (offset % (n - 1))) % n;
}

/** The partition the plan asks of the network: the victim's outgoing messages lost for `isolateMs`. */
function isolation(p: SplitDecisionParams, at: { node: NodeId; n: number; coalition: readonly NodeId[] }): PartitionPlan[] {
  if (p.isolateMs <= 0 || at.n < 2) return [];
  return [{ startMs: 0, endMs: p.isolateMs, side: [planned(at.coalition[0] ?? at.node, p.victim, at.n)], direction: 'out' }];
}

/** The first `count` honest replicas after the victim, in ring order. */
function withheldFrom(victim: NodeId, coalition: readonly NodeId[], n: number, count: number): Set<NodeId> {
  const out = new Set<NodeId>();
  for (let k = 1; k < n && out.size < count; k++) {
    const node = (victim + k) % n;
    if (!coalition.includes(node)) out.add(node);
  }
  return out;
}

/**
 * A VIEW-CHANGE as if its sender had prepared nothing: its certificates but the checkpoint proof
 * are removed when the codec exposes them, else every list it carries but its checkpoint proof is
 * emptied (PBFT's P, BFT-SMaRt's written values). Its signature no longer matches, which
 * only the faulty node's own code, told to trust everything, overlooks.
 */
function forget(env: AdversaryEnv, payload: unknown): unknown {
  // Through codec v2 it strips exactly the certificates, at any depth, but checkpoint proofs.
  const certificates = certificatesOf(env.codec, payload);
  if (certificates !== undefined) return withoutCertificates(payload, certificates.filter((c) => roleOfType(c.claim.type) !== 'checkpoint'));
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return payload;
  const copy: Record<string, unknown> = { ...(payload as Record<string, unknown>) };
  for (const [key, value] of Object.entries(copy)) if (Array.isArray(value) && !/checkpoint|proof/i.test(key)) copy[key] = [];
  return copy;
}

/**
 * The second proposal of an equivocating leader: its proposal for seq s + 1, held back, becomes a
 * rival for seq s (relabelled and signed afresh), shown once every honest replica but the victim
 * (and the withheld) has commit-voted for the first — when a replica that restarts the slot on a
 * second proposal has the most to lose — and to the withheld, each with the leader's own COMMIT.
 */
class RivalProposals {
  private readonly firsts = new Set<number>();
  private readonly rivals = new Map<number, { readonly source: unknown; readonly rival: unknown }>();
  private readonly voters = new Map<number, NodeId[]>();
  private readonly shown = new Set<string>();

  /** Commit-votes to wait for: every honest replica but the victim and the withheld. */
  private readonly expected: number;

  constructor(private readonly env: AdversaryEnv, private readonly victim: NodeId, private readonly withheld: ReadonlySet<NodeId>) {
    const { n } = env.ctx.config;
    this.expected = Math.max(1, n - env.coalition.length - 1 - withheld.size);
  }

  /** True when the proposal is held back as a rival (then it must not be sent as it is). */
  holds(payload: unknown): boolean {
    const seq = fieldsOf(this.env.codec, payload).seq;
    if (seq === undefined) return false;
    const earlier = this.rivals.get(seq - 1);
    if (earlier !== undefined) return earlier.source === payload;
    if (!this.firsts.has(seq - 1) || this.rivals.has(seq)) {
      this.firsts.add(seq);
      return false;
    }
    this.rivals.set(seq - 1, { source: payload, rival: rewrite(this.env, payload, { seq: seq - 1 }, 0) });
    this.reveal(seq - 1);
    return true;
  }

  /** An honest replica commit-voted for `seq`: it is shown the rival, if there is one. */
  commitVoted(from: NodeId, seq: number): void {
    const voters = this.voters.get(seq) ?? [];
    if (!voters.includes(from)) this.voters.set(seq, [...voters, from]);
    this.reveal(seq);
  }

  private reveal(seq: number): void {
    const rival = this.rivals.get(seq)?.rival;
    const voters = (this.voters.get(seq) ?? []).filter((r) => r !== this.victim && !this.withheld.has(r));
    // Shown to all of them at once: a rival PREPARE reaching a replica before its own copy of the
    // rival would be wiped when that replica starts the slot afresh.
    if (rival === undefined || voters.length < this.expected) return;
    for (const to of [...voters, ...this.withheld]) {
      if (this.shown.has(`${seq}:${to}`)) continue;
      this.shown.add(`${seq}:${to}`);
      this.env.ctx.send(to, rival);
      this.env.ctx.send(to, rewrite(this.env, rival, { type: 'COMMIT', sender: this.env.ctx.config.id }, 0));
    }
  }
}

/** A part of the plan: on in 3 draws of 4, shrinking to off. */
const leaningOn = fc.nat(3).map((k) => k > 0);

/** True for messages of view 0, the plan's first phase (messages without a view count as view 0). */
const isPhaseOne = (env: AdversaryEnv, payload: unknown): boolean => (fieldsOf(env.codec, payload).view ?? 0) === 0;

/**
 * Split decision: a coalition mounts the two-phase attack that hides a decision from the rest.
 * In view 0 it keeps its proposals and votes from some honest replicas (they cannot prepare),
 * sends a victim its own COMMIT for every proposal at once, and the scenario cuts the victim's
 * outgoing messages for a while (the generator adds that partition from the plan): the victim may
 * decide a request that no quorum of the next view saw prepared. An amnesiac member then forgets
 * what was prepared: it never counts a vote, and as a new primary builds its NEW-VIEW from
 * VIEW-CHANGEs stripped of their certificates. An equivocating leader instead shows the others a
 * rival proposal for the victim's slot once they have voted to commit the first. Against a correct
 * replica every part is harmless: a quorum that recovers the decision still forms, a forged NEW-VIEW
 * is refused, and a second proposal for a slot is ignored.
 */
export const splitDecision = defineAdversary<SplitDecisionParams>({
  name: 'split-decision',
  description: 'hides a decision from the rest: withholds view-0 proposals and votes, commits early to a victim whose messages the network loses, may forget prepared certificates in its NEW-VIEW or show a rival proposal after a commit-vote',
  params: ({ maxN }) =>
    fc.record({
      victim: fc.nat(Math.max(0, maxN - 2)),
      withhold: fc.constantFrom('none' as const, 'f' as const, 'all' as const),
      // A plan works only with most of its parts together, so each part leans on (3 in 4) and
      // still shrinks to off.
      commitEarly: leaningOn,
      isolateMs: fc.option(fc.integer({ min: 8, max: 30 }), { nil: 0 }).map((k) => k * 100),
      amnesia: leaningOn,
      equivocate: leaningOn,
    }),
  schema: z.object({
    victim: z.number().int().nonnegative(), withhold: z.enum(['none', 'f', 'all']), commitEarly: z.boolean(),
    isolateMs: z.number().int().nonnegative(), amnesia: z.boolean(), equivocate: z.boolean(),
  }).strict(),
  partitions: isolation,
  enact(env, p) {
    const { ctx, coalition } = env;
    const self = ctx.config.id;
    const n = ctx.config.n;
    const victim = planned(coalition[0] ?? self, p.victim, n);
    const withheld = withheldFrom(victim, coalition, n, p.withhold === 'none' ? 0 : p.withhold === 'f' ? ctx.config.f : n);
    const commitTo = (proposal: unknown): void => {
      if (p.commitEarly && victim !== self && isPhaseOne(env, proposal)) ctx.send(victim, rewrite(env, proposal, { type: 'COMMIT', sender: self }, 0));
    };
    const rivals = p.equivocate ? new RivalProposals(env, victim, withheld) : undefined;
    const send = (to: NodeId, payload: unknown): void => {
      const role = to < n ? roleOf(env.codec, payload, env.roles) : 'other';
      const agreement = role === 'proposal' || role === 'vote' || role === 'commit-vote';
      if (agreement && withheld.has(to) && isPhaseOne(env, payload)) return;
      if (rivals !== undefined && isPhaseOne(env, payload)) {
        // Equivocating, its own honest COMMITs (and commit certificates, which help laggards catch
        // up) would settle the first proposal: only the victim gets them.
        const settles = role === 'commit-vote' || (role === 'other' && fieldsOf(env.codec, payload).digest !== undefined);
        if (settles && to !== victim) return;
        if (role === 'proposal' && rivals.holds(payload)) return;
      }
      ctx.send(to, payload);
      if (role === 'proposal' && to === victim && fieldsOf(env.codec, payload).sender === self) commitTo(payload);
    };
    const doctored: ReplicaContext<unknown> = interpose(ctx, {
      send,
      broadcast: (payload) => {
        for (let to = 0; to < n; to++) if (to !== self) send(to, payload);
      },
      // Its own code must take the stripped VIEW-CHANGEs it is handed (their signatures broke).
      ...(p.amnesia ? { verify: () => true } : {}),
    });
    const inner = forwarding(env.createHonest(doctored), doctored);
    return {
      ...inner,
      onMessage: (from, payload) => {
        const role = roleOf(env.codec, payload, env.roles);
        // Someone else's proposal (a fellow member's, or an honest primary's): commit to the victim too.
        if (role === 'proposal' && from !== self && from < n) commitTo(payload);
        const seq = fieldsOf(env.codec, payload).seq;
        if (role === 'commit-vote' && rivals !== undefined && seq !== undefined && from < n && !coalition.includes(from) && isPhaseOne(env, payload)) rivals.commitVoted(from, seq);
        if (!p.amnesia) return inner.onMessage(from, payload);
        // Deaf to votes, its own code never prepares, so its own VIEW-CHANGE carries no certificate either.
        if (role === 'vote' || role === 'commit-vote') return undefined;
        return inner.onMessage(from, role === 'view-change' ? forget(env, payload) : payload);
      },
    };
  },
});
