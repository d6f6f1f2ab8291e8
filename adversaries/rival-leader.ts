import fc from 'fast-check';
import { z } from 'zod';
import type { NodeId } from '../src/adapter/contract.js';
import { structureCodec } from '../src/adapter/discovery.js';
import { defineAdversary, interpose } from '../src/adversary.js';
import type { PartitionPlan } from '../src/scenario/types.js';
import { all, forwarding, roleOfType } from './kit.js';
import { SlotSplit, type Side } from './rival-leader/slot-split.js';
import { Twin } from './rival-leader/twin.js';

/** Parameters of the rival leader; each shrinks towards less fault. */
export interface RivalLeaderParams {
  /** Which of the slots it leads is split first (0: the first it proposes in). */
  readonly lead: number;
  /** Every slot it leads after that one is split too. */
  readonly every: boolean;
  /**
   * How many replicas right after it (mod n), 0 or 1, hear neither copy at a split slot: with leaders
   * rotating, the next leader among them — the one that then proposes afresh, knowing no lock.
   */
  readonly dark: number;
  /** How many replicas after the dark ones hear its twin's messages at a split slot (the rest hear its code's). */
  readonly rivals: number;
  /** 0: its twin hears every client request; k: it misses every (k + 1)-th, the first included (its batches then differ). */
  readonly drop: number;
  /** Its twin hears no other replica's proposal: it knows no lock, no valid value, no newer certificate than votes bring. */
  readonly deaf: boolean;
  /** At a split slot each copy's later messages (after a proposal and a first vote) reach only its side's first replica. */
  readonly narrow: boolean;
  /** From this time on (0: never) the rival side's first replica's messages are lost for `cutLengthMs`: a replica that decided alone keeps it to itself. */
  readonly cutMs: number;
  /** How long the cut lasts. */
  readonly cutLengthMs: number;
}

/** The side of replica `node` as seen from the faulty replica `self`. */
function sideAt(p: RivalLeaderParams, self: NodeId, n: number, node: NodeId): Side {
  const k = (node - self - 1 + n) % n;
  return k < p.dark ? 'dark' : k < p.dark + p.rivals ? 'rival' : 'real';
}

/** A side's first replica after the faulty one (its victim), if any. */
function victimAt(p: RivalLeaderParams, self: NodeId, n: number, side: Side): NodeId | undefined {
  for (let k = 1; k < n; k++) if (sideAt(p, self, n, (self + k) % n) === side) return (self + k) % n;
  return undefined;
}

/** The cut the plan asks of the network: the victim of the side that decides alone (the rival's, else the real's). */
function cut(p: RivalLeaderParams, at: { node: NodeId; n: number; coalition: readonly NodeId[] }): PartitionPlan[] {
  if (p.cutMs <= 0 || p.cutLengthMs <= 0 || at.n < 2) return [];
  const victim = victimAt(p, at.node, at.n, 'rival') ?? victimAt(p, at.node, at.n, 'real');
  return victim === undefined ? [] : [{ startMs: p.cutMs, endMs: p.cutMs + p.cutLengthMs, side: [victim], direction: 'out' }];
}

/**
 * The rival leader (Twins with its own code as the twin): where it leads a slot — any view, round
 * or height, not only its first — two valid proposals for that slot go out, its code's and its
 * twin's (a copy of its code that missed some requests, or every other replica's proposal, and so
 * proposes another batch or a block on an older certificate), each to its own side of the cluster
 * and each followed by that copy's own votes; a third side may hear neither, and its later votes
 * may reach one replica alone, whose messages the network may then lose for a while. Nothing is
 * forged: every message is one its code or its twin signed, so a correct replica must keep agreement
 * on locks and quorum intersection alone. Codec-free: slots and proposals come from signed-item
 * discovery (a message its own key signs that carries client-signed requests is a proposal).
 */
export const rivalLeader = defineAdversary<RivalLeaderParams>({
  name: 'rival-leader',
  description: 'where it leads any slot, sends two valid proposals (its code\'s, and a twin\'s that missed requests or others\' proposals) to different sides, each with that copy\'s votes',
  params: ({ maxN }) =>
    fc.record({
      // Its first slot most often: later ones may come when the requests are all decided, and two empty batches are one value.
      lead: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
      every: fc.boolean(),
      dark: fc.nat(1),
      rivals: fc.nat(Math.max(1, maxN - 1)),
      drop: fc.nat(2),
      deaf: fc.boolean(),
      narrow: fc.nat(3).map((k) => k > 0),
      // 20–600 ms in steps of 20: slots a fast network decides come early, and a victim that decided
      // alone in the first exchanges must be cut before the others' next timeout sends it their ballots.
      cutMs: fc.option(fc.integer({ min: 1, max: 30 }), { nil: 0, freq: 4 }).map((k) => k * 20),
      cutLengthMs: fc.integer({ min: 1, max: 8 }).map((k) => k * 500),
    }),
  schema: z.object({
    lead: z.number().int().nonnegative(), every: z.boolean(), dark: z.number().int().nonnegative(), rivals: z.number().int().nonnegative(),
    drop: z.number().int().nonnegative(), deaf: z.boolean(), narrow: z.boolean(),
    cutMs: z.number().int().nonnegative(), cutLengthMs: z.number().int().nonnegative(),
  }).strict(),
  partitions: cut,
  enact(env, p) {
    const { ctx } = env;
    const { n, id: self } = ctx.config;
    const structure = structureCodec(env.codec, env.signatures);
    // A proposal: of a proposal type, or (a vocabulary it does not know) signed by its sender and carrying client-signed requests.
    const isProposalBy = (sender: NodeId, payload: unknown): boolean => {
      const f = structure.fields(payload);
      const role = roleOfType(f.type);
      if (role === 'proposal') return true;
      if (role !== 'other' || f.sender !== sender) return false;
      return (structure.signedItems?.(payload) ?? []).some((i) => i.signer !== undefined && i.signer >= n);
    };
    const split = new SlotSplit(structure, self, env.coalition, n, {
      lead: p.lead,
      every: p.every,
      sideOf: (node) => sideAt(p, self, n, node),
      narrow: p.narrow,
      victimOf: (side) => victimAt(p, self, n, side),
    }, (payload) => isProposalBy(self, payload), (to, payload) => ctx.send(to, payload));
    const doctored = interpose(ctx, {
      send: (to, payload) => split.real(to, payload),
      broadcast: (payload) => {
        for (let to = 0; to < n; to++) if (to !== self) split.real(to, payload);
      },
    });
    const inner = forwarding(env.createHonest(doctored), doctored);
    const twin = new Twin(env, { drop: p.drop, deaf: p.deaf }, (from, payload) => from !== self && from < n && isProposalBy(from, payload), (to, payload) => split.twin(to, payload));
    return {
      init: () => all([inner.init(), twin.init()]),
      onMessage: (from, payload) => all([inner.onMessage(from, payload), twin.onMessage(from, payload)]),
      onRequest: (request) => all([inner.onRequest(request), twin.onRequest(request)]),
      onTimer: (id) => (twin.owns(id) ? twin.onTimer(id) : inner.onTimer(id)),
    };
  },
});
