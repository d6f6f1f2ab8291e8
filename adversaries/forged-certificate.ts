import fc from 'fast-check';
import { z } from 'zod';
import type { NodeId } from '../src/adapter/contract.js';
import { structureCodec } from '../src/adapter/discovery.js';
import { Amnesia } from './forged-certificate/amnesia.js';
import { checkpointLiar } from './forged-certificate/liar.js';
import { Equivocation, votersAfter, type Backing } from './forged-certificate/equivocation.js';
import { ClaimBook } from './forged-certificate/graft.js';
import { FirstSplit, firstSplitCuts, firstVictim, firstVictimOffset } from './forged-certificate/first-split.js';
import { certificates, ItemPool, remember, resigned, type Forger } from './forged-certificate/forger.js';
import { OlderViews } from './forged-certificate/older-views.js';
import { Outbound } from './forged-certificate/outbound.js';
import { forgeOwnList, ownLists, type Renew } from '../src/own-lists.js';
import { OwnSigning } from './forged-certificate/own-signing.js';
import { Rivals } from './forged-certificate/rivals.js';

export type { Forger } from './forged-certificate/forger.js';
export { FORGERIES, forge, type Forgery } from './forged-certificate/forge.js';
import { FORGERIES, forge, type Forgery } from './forged-certificate/forge.js';
import { defineAdversary, interpose } from '../src/adversary.js';
import type { PartitionPlan } from '../src/scenario/types.js';
import { all, coalitionShared, forwarding, inSequence, roleOfType } from './kit.js';
import { planned } from './split-decision.js';

/** Parameters of the forger; each shrinks towards less forgery. */
export interface ForgedCertificateParams {
  /**
   * What it does to a certificate: drop one vote (`short`); repeat one signer's vote (`repeat`);
   * make a vote claim another signer (`claim`); alter a vote's content under its signature
   * (`alter`); empty the certificates nested in signed items, so they claim nothing prepared
   * (`erase`); swap a vote for one of the same type from another view or digest (`stale`); pad its
   * own vote in (`pad`).
   */
  readonly forgery: Forgery;
  /** Which certificate and vote of a message it picks (modulo their counts). */
  readonly pick: number;
  /** It doctors every `everyK`-th message holding a certificate (8 is the least forgery). */
  readonly everyK: number;
  /** Doctors what its own code receives (accepting it unchecked), so what its code signs and sends — a NEW-VIEW, a rival proposal and its votes — rests on forged certificates. */
  readonly inbound: boolean;
  /** Doctors the certificates in what it sends (renewing the outer signature where it can). */
  readonly outbound: boolean;
  /**
   * As leader re-proposing a slot proposed in an earlier view, it proposes a rival value instead (a
   * proposal it has seen for another slot, relabelled and signed afresh) and votes for it.
   */
  readonly rival: boolean;
  /**
   * Offset of a victim (from the coalition's first member, as in split-decision) whose outgoing
   * messages the network loses for `isolateMs` from the start (0: never), while its view-0 votes
   * reach only the victim and the view's primary: the victim may decide alone what a forged
   * certificate then hides from the next view.
   */
  readonly victim: number;
  /** How long the victim's outgoing messages are lost (0: never). */
  readonly isolateMs: number;
  /**
   * As a view's leader it withholds its first proposal, splits the next (a rival to the f replicas
   * after the victim, the real one to the rest), lets only the victim decide the real one, and
   * backs the rival in its VIEW-CHANGE with the voters' votes repeated (see {@link Equivocation}); the
   * victim's isolation is then off.
   */
  readonly equivocate: boolean;
  /**
   * When equivocating, the victim's outgoing messages are lost from `cutMs` on (0: never): after
   * it has voted and decided, before the view change, so the next view is built without it.
   */
  readonly cutMs: number;
  /**
   * Its own code is deaf (to others' proposals and votes) and every certificate it receives is
   * erased, whatever `forgery` and `everyK` say (as `inbound` with `erase` also makes it): so what
   * its code builds as the next leader claims nothing prepared or written. Off when equivocating.
   */
  readonly amnesiac: boolean;
  /**
   * From this time on (0: never) the victim-alone plan plays in a later view, and the faulty
   * replica, as a later view's leader, builds its NEW-VIEW from the same signers' older VIEW-CHANGEs
   * (see {@link OlderViews}): the first view's leader, the victim (`victim` and `isolateMs` then
   * unused), is cut off from here on, so that view may decide something first and then stalls; the
   * faulty replica is amnesiac and proposes rivals, and its votes reach only the victim and the
   * current view's leader while the victim is cut off. Off when equivocating. On draws that forge
   * its own aggregate (`outbound`, an even `pick`, not `erase`) it builds that NEW-VIEW from the
   * genuine VIEW-CHANGEs instead and lies in its PRE-PREPAREs alone, neither amnesiac nor proposing
   * rivals unless asked: O re-proposes the victim's lone decision, so a receiver that does not
   * recompute O may be led to decide another value there.
   */
  readonly olderViewsMs: number;
  /**
   * When equivocating, it splits its very first proposal instead (the rival proposed by a shadow of
   * its own code for another request, see {@link FirstSplit}), as the first view's or height's
   * leader — for protocols that run one slot at a time, where no second proposal follows a
   * withheld first. The victim's messages are then lost from the start for `isolateMs` (0: never),
   * and from `cutMs` on as when equivocating.
   */
  readonly splitFirst: boolean;
}

/**
 * Equivocation needs the coalition's first member to lead the first view, which is replica 0 in
 * every protocol byzcheck drives (the victim-alone plan assumes it too); elsewhere the flag is
 * ignored, so it costs the other plans nothing.
 */
function equivocating(p: ForgedCertificateParams, anchor: NodeId): boolean {
  return p.equivocate && !p.splitFirst && anchor === 0;
}

/**
 * The first-proposal split plays where the coalition's first member leads the first view or height:
 * replica 0 where leaders rotate by view from 0 (PBFT, Mod-SMaRt), replica 1 where they rotate by
 * height and round from height 1 (Tendermint's (h + r) mod n). A member that never proposes just
 * runs its code.
 */
function splittingFirst(p: ForgedCertificateParams, anchor: NodeId): boolean {
  return p.equivocate && p.splitFirst && anchor <= 1;
}

/**
 * How an equivocating leader pads its rival's certificate, named by the forgery it resembles: other
 * signers' votes of another digest or slot (`stale`), its own vote (`pad`), a vote claiming other
 * signers under the original signature (`claim`), else the rival's votes repeated — so shrinking
 * (towards `short`) ends at the plain repeat.
 */
function backingOf(forgery: Forgery): Backing {
  return forgery === 'stale' ? 'mismatch' : forgery === 'pad' ? 'proposer' : forgery === 'claim' ? 'unsigned' : 'repeat';
}

/** How long the equivocation's cut of the victim lasts. */
export const CUT_LENGTH_MS = 4_000;

/** How long the older-views plan cuts its victim: through the first view change, the victim's decision alone and the next view change. */
const OLDER_VIEWS_CUT_MS = 2_500;

/**
 * The older-views plan's cut, when it plays: the victim is replica 0, the first view's leader in
 * every protocol byzcheck drives (leaders rotate from replica 0 in view order, as equivocation
 * assumes), so the first view stalls from `fromMs` on and the victim may decide alone in the next.
 * Off when the coalition's first member leads the first or second view (0 or 1): older views come
 * only by the third, and those anchors are the other plans' (equivocation, a forgetful next leader).
 * Off too unless n = 3f + 1: there the cut victim, the view's leader and f faulty replicas make
 * exactly a quorum the others lack; at n = 5 or 8 a quorum needs one honest replica more, and
 * there the victim-alone plan keeps its draws (it reaches a third leader through cut leaders).
 */
function olderViewsCut(p: ForgedCertificateParams, anchor: NodeId, n: number): { victim: NodeId; fromMs: number; untilMs: number } | undefined {
  if (p.olderViewsMs <= 0 || anchor < 2 || n % 3 !== 1) return undefined;
  return { victim: 0, fromMs: p.olderViewsMs, untilMs: p.olderViewsMs + OLDER_VIEWS_CUT_MS };
}

/** The partition the plan asks of the network: the victim's outgoing messages lost for `isolateMs`. */
function isolation(p: ForgedCertificateParams, at: { node: NodeId; n: number; coalition: readonly NodeId[] }): PartitionPlan[] {
  if (at.n < 2) return [];
  const anchor = at.coalition[0] ?? at.node;
  const side = [planned(anchor, p.victim, at.n)];
  // Equivocating, f replicas are cut (the victim and f − 1 voters): the next view's 2f + 1 must then take its VIEW-CHANGE.
  if (equivocating(p, anchor)) return p.cutMs <= 0 ? [] : [{ startMs: p.cutMs, endMs: p.cutMs + CUT_LENGTH_MS, side: [...side, ...[...votersAfter(anchor, p.victim, at.n, at.coalition)].slice(1)], direction: 'out' }];
  if (splittingFirst(p, anchor)) return firstSplitCuts(p, anchor, at, CUT_LENGTH_MS);
  const cut = olderViewsCut(p, anchor, at.n);
  if (cut !== undefined) return [{ startMs: cut.fromMs, endMs: cut.untilMs, side: [cut.victim], direction: 'out' }];
  return p.isolateMs <= 0 ? [] : [{ startMs: 0, endMs: p.isolateMs, side, direction: 'out' }];
}

/**
 * How far past its slot a leader's `alter`ed proposal goes: beyond any log window a target is
 * likely to have (PBFT's L is tens of seqs), so a receiver that checks no high watermark prepares
 * a slot that honest VIEW-CHANGEs then cannot certify.
 */
const FAR_SEQS = 1_000;

/** Whether the draw forges its own aggregate (see {@link forgeOwn}) rather than leaving its lists to {@link forge}. */
function forgesOwnAggregate(p: ForgedCertificateParams): boolean {
  return p.outbound && p.forgery !== 'erase' && p.pick % 2 === 0;
}

/**
 * Its own aggregate doctored (see own-lists.ts): on even picks, a message holding a list of items
 * only it signed (a leader's NEW-VIEW PRE-PREPAREs) gets that list forged, items re-signed; odd
 * picks, `erase`, or a forgery the list offers nothing for leave the message to `lie` (its stable
 * checkpoint lied about, see checkpoint-lie.ts), else to {@link forge}.
 * A proposal of its own (which holds no certificate, so {@link forge} never touches it) goes, on
 * `alter`, far outside the log window, the same for every recipient.
 */
function forgeOwn(forger: Forger, renew: Renew, payload: unknown, forgery: Forgery, pick: number, lie: (payload: unknown, forgery: Forgery) => unknown): unknown {
  if (forgery === 'erase' || pick % 2 !== 0) return undefined;
  const top = forger.structure.fields(payload);
  if (forgery === 'alter' && top.sender === forger.self && top.seq !== undefined && roleOfType(top.type) === 'proposal') {
    return forger.structure.withFields?.(payload, { seq: top.seq + FAR_SEQS });
  }
  const lists = ownLists(forger, payload);
  const list = lists[(pick >> 1) % Math.max(1, lists.length)];
  // Where its own list offers nothing (a VIEW-CHANGE has none), it lies about its stable checkpoint.
  return (list === undefined ? undefined : forgeOwnList(forger, renew, payload, list, forgery, pick >> 1)) ?? lie(payload, forgery);
}

/**
 * Forged certificates: the faulty replica runs the honest code but doctors the certificates it
 * handles — votes dropped, repeated, re-attributed, altered under their signatures, emptied,
 * swapped for stale ones, or its own padded in — built from the signed items the coalition has seen
 * (shared on the blackboard). Certificates are found by the target's codec v2 or, without one, by
 * discovery through the run's issued-signature table, at any depth. Doctoring what its own code
 * receives makes that code sign and send forgery-backed messages itself: as the next leader it
 * builds a NEW-VIEW from VIEW-CHANGEs claiming nothing prepared and proposes (and votes for) a rival
 * value. As the first view's leader it may instead equivocate and back its rival with a certificate
 * of too few distinct voters (see {@link Equivocation}). A correct replica verifies every vote of
 * every certificate and refuses all of it.
 */
export const forgedCertificate = defineAdversary<ForgedCertificateParams>({
  name: 'forged-certificate',
  description: 'doctors the certificates it receives and sends (votes dropped, repeated, re-attributed, altered, emptied, stale, padded), found by codec or signature discovery at any depth; as leader, equivocates behind a thin certificate',
  params: ({ maxN }) =>
    fc.record({
      forgery: fc.constantFrom(...FORGERIES),
      pick: fc.nat(7),
      everyK: fc.integer({ min: 1, max: 8 }).map((k) => 9 - k),
      inbound: fc.nat(3).map((k) => k > 0),
      outbound: fc.nat(3).map((k) => k > 0),
      rival: fc.nat(3).map((k) => k > 0),
      victim: fc.nat(Math.max(0, maxN - 2)),
      isolateMs: fc.option(fc.integer({ min: 8, max: 30 }), { nil: 0 }).map((k) => k * 100),
      equivocate: fc.nat(3).map((k) => k > 0),
      cutMs: fc.option(fc.integer({ min: 2, max: 8 }), { nil: 0 }).map((k) => k * 100),
      amnesiac: fc.boolean(),
      // 80–160 ms: measured best at n = 4, after the first requests are decided and before the last arrive.
      olderViewsMs: fc.option(fc.integer({ min: 8, max: 16 }), { nil: 0, freq: 2 }).map((k) => k * 10),
      // Half the equivocating draws each: one-slot protocols (Mod-SMaRt) meet only this split, pipelined ones (PBFT) only the other.
      splitFirst: fc.boolean(),
    }),
  schema: z.object({
    forgery: z.enum(FORGERIES), pick: z.number().int().nonnegative(), everyK: z.number().int().positive(),
    inbound: z.boolean(), outbound: z.boolean(), rival: z.boolean(),
    victim: z.number().int().nonnegative(), isolateMs: z.number().int().nonnegative(), equivocate: z.boolean(),
    cutMs: z.number().int().nonnegative(), amnesiac: z.boolean(), olderViewsMs: z.number().int().nonnegative(),
    // Scenarios written before the first-proposal split keep their meaning.
    splitFirst: z.boolean().default(false),
  }).strict(),
  partitions: isolation,
  enact(env, p) {
    const { ctx } = env;
    const n = ctx.config.n;
    const own = new OwnSigning(ctx.config.id);
    const forger: Forger = {
      structure: structureCodec(env.codec, env.signatures),
      pool: coalitionShared(env, 'forged-certificate:pool', () => new ItemPool()),
      claims: coalitionShared(env, 'forged-certificate:claims', () => new ClaimBook()),
      self: ctx.config.id,
      n,
      sign: (data) => ctx.sign(data),
      own,
    };
    let inCount = 0;
    const anchor = env.coalition[0] ?? ctx.config.id;
    const cut = olderViewsCut(p, anchor, n);
    // On the older-views plan, the draws that forge its own aggregate build the NEW-VIEW from the
    // genuine view changes instead and doctor its proposals alone: one lie, in O rather than V.
    const forgesO = cut !== undefined && forgesOwnAggregate(p);
    const older = cut !== undefined && !forgesO ? new OlderViews(env, forger) : undefined;
    const rivals = p.rival || older !== undefined ? new Rivals(env, forger) : undefined;
    const renew: Renew = (original, changed) => resigned(env, forger, original, changed);
    const liar = checkpointLiar(env, forger, renew);
    const outbound = new Outbound(env, forger, rivals, {
      outbound: p.outbound, everyK: p.everyK,
      forge: (payload, count) => forge(forger, payload, p.forgery, p.pick + count),
      forgeOwn: (payload) => forgeOwn(forger, renew, payload, p.forgery, p.pick, liar.lie),
      followUps: liar.followUps,
    });
    const victim = cut?.victim ?? planned(anchor, p.victim, n);
    const equivocation = equivocating(p, anchor) ? new Equivocation(env, forger, { victim, voters: votersAfter(anchor, p.victim, n, env.coalition), pick: p.pick, backing: backingOf(p.forgery) }) : undefined;
    const first = splittingFirst(p, anchor) ? new FirstSplit(env, forger, { victim: firstVictim(anchor, p.victim, n), voters: votersAfter(anchor, firstVictimOffset(p.victim, n), n, env.coalition), isolatedUntilMs: p.isolateMs, rivalFromMs: p.isolateMs > 0 ? 0 : p.cutMs }) : undefined;
    const splitting = equivocation !== undefined || first !== undefined;
    const isolated = (p.isolateMs > 0 || cut !== undefined) && !splitting;
    const amnesiac = !splitting && !forgesO && (p.amnesiac || older !== undefined || (p.inbound && p.forgery === 'erase'));
    const window = cut === undefined ? {} : { window: cut };
    const amnesia = new Amnesia(env, forger, { victim, isolated, ...window });
    const send = (to: NodeId, payload: unknown): void => {
      if (to >= n) return ctx.send(to, payload);
      if (amnesia.withheld(to, payload)) return;
      // A NEW-VIEW of older view changes goes exactly as its code computed it, with no further forgery.
      const restored = older?.restore(payload);
      if (restored !== undefined) return ctx.send(to, restored);
      const plan = equivocation ?? first;
      if (plan !== undefined) {
        outbound.note(payload);
        const routed = plan.route(to, payload);
        if (routed === null) return;
        if (routed !== undefined) return ctx.send(to, routed.payload);
      }
      ctx.send(to, outbound.outgoing(payload));
      // The rival's own vote goes right after it, so a receiver that took the rival can count it.
      for (const vote of outbound.followUpsOf(payload)) ctx.send(to, vote);
    };
    const doctored = interpose(ctx, {
      send,
      broadcast: (payload) => {
        for (let to = 0; to < n; to++) if (to !== ctx.config.id) send(to, payload);
      },
      // Its own code must take the forgeries it is handed (their signatures no longer match).
      // Equivocating, it takes the VIEW-CHANGEs it echoes to itself under other names. Codec-free,
      // its code also tells what a forgery's signature must cover (see OwnSigning).
      verify: own.verify(p.inbound || amnesiac ? () => true : (signer, data, sig) => equivocation?.echoed(sig) === true || first?.echoed(sig) === true || ctx.verify(signer, data, sig)),
    });
    const inner = forwarding(env.createHonest(doctored), doctored);
    own.attach((payload) => inner.onMessage(ctx.config.id, payload));
    first?.attach((request) => inner.onRequest(request));
    const handle = (from: NodeId, payload: unknown): Promise<void> | undefined => {
      if (from < n) remember(forger, payload);
      if (from < n) older?.note(payload);
      if (from < n && from !== ctx.config.id) amnesia.commitEarly(from, payload);
      // Its code takes a signer's older view change, relabelled, for the one it sent (not erased: what its code builds must match).
      const standIn = from < n && from !== ctx.config.id ? older?.relabel(payload) : undefined;
      if (standIn !== undefined) return inner.onMessage(from, standIn);
      const role = from < n ? roleOfType(forger.structure.fields(payload).type) : 'other';
      // Amnesiac, its code is deaf to others' proposals, and hears their votes only as its own echoes.
      if (amnesiac && from < n && from !== ctx.config.id && role === 'proposal') return undefined;
      if (amnesiac && (role === 'vote' || role === 'commit-vote')) return amnesia.echoVote(from, payload, send);
      const echoes = from < n && equivocation !== undefined ? equivocation.echoes(from, payload) : [];
      if (echoes.length > 0) return inSequence([...echoes.map((e) => () => inner.onMessage(e.from, e.payload)), () => inner.onMessage(from, payload)]);
      // On the older-views plan its code must still catch up on what others decided (so its pipeline moves on): nothing is erased.
      if (amnesiac && older === undefined && from < n && certificates(forger, payload).length > 0) return inner.onMessage(from, forge(forger, payload, 'erase', 0) ?? payload);
      if (!p.inbound || from >= n || certificates(forger, payload).length === 0 || ++inCount % p.everyK !== 0) return inner.onMessage(from, payload);
      return inner.onMessage(from, forge(forger, payload, p.forgery, p.pick + inCount) ?? payload);
    };
    // After each event: the first-proposal split's shadows are fed and its echoes reach its code.
    const settled = (result: Promise<void> | undefined): Promise<void> | undefined => {
      if (first === undefined) return result;
      const pending = [result];
      for (let round = 0; round < 4; round++) {
        const { pending: fed, echoes } = first.settle();
        pending.push(fed);
        if (echoes.length === 0) break;
        for (const echo of echoes) pending.push(inner.onMessage(echo.from, echo.payload));
      }
      return all(pending);
    };
    return {
      ...inner,
      onMessage: (from, payload) => (first !== undefined && from < n && !first.heard(from, payload) ? undefined : settled(handle(from, payload))),
      onRequest: (request) => settled(first !== undefined ? first.request(request) : inner.onRequest(request)),
      onTimer: (id) => settled(first !== undefined && first.owns(id) ? first.onTimer(id) : inner.onTimer(id)),
    };
  },
});
