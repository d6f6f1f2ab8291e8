/**
 * The forger's first-proposal equivocation: as the leader of a view or height it splits its very
 * first proposal — the real one (its code's) to most replicas, a rival to the f `voters` — so it
 * works where a protocol runs one slot at a time (Mod-SMaRt, Tendermint-style heights), where the
 * withhold-then-split plan never reaches a second proposal. The rival is another valid proposal
 * for the same slot, proposed by a shadow copy of its own code that heard another request (see
 * {@link Shadows}), so no codec is needed to build or sign it. Its first vote on the slot
 * goes to the real side (they may lock or write on it), its later ones to the victim alone, so only
 * a replica that decides on too few votes decides; its code hears no further votes on the slot
 * once it has cast its last (it must not decide and carry the others along), and what it later
 * sends claims no certificate for the real value there (a lie of omission no signature check can
 * catch). Slots, digests and roles come from the payload's structure: a message of no known
 * type counts as a proposal when its own code signs it and it carries client-signed requests.
 */
import type { Certificate, ClientRequest, NodeId, PayloadFields } from '../../src/adapter/contract.js';
import { setAt, valueAt } from '../../src/adapter/declared/json-path.js';
import type { AdversaryEnv } from '../../src/adversary.js';
import { roleOfType, withoutCertificates } from '../kit.js';
import type { PartitionPlan } from '../../src/scenario/types.js';
import { planned } from '../split-decision.js';
import { votersAfter, type Routed } from './equivocation.js';
import { certificates, resigned, type Forger } from './forger.js';
import { Shadows } from './shadows.js';

/** Who plays which part. */
export interface FirstSplitCast {
  /** f replicas that get the rival (never the real proposal nor its votes). */
  readonly voters: ReadonlySet<NodeId>;
  /** The one replica its later votes reach. */
  readonly victim: NodeId;
  /** Until when the network loses the victim's messages from the start (0: never): its code then counts the victim's first vote as cast. */
  readonly isolatedUntilMs: number;
  /**
   * When the voters may get the rival: once the victim is cut off (0: at once), so that nothing they
   * say about it reaches the victim, which could otherwise hand them its decision.
   */
  readonly rivalFromMs: number;
}

/**
 * The victim's offset when splitting the first proposal: shifted so that the least offset makes the
 * replica before the leader the victim, and so the one after it — the next leader where leaders
 * rotate (by view, or by round within a height) — a voter. The next leader then holds only the
 * rival: it neither re-proposes the real value nor stalls the next view by being cut off.
 */
export function firstVictimOffset(victim: number, n: number): number {
  return victim + n - 2;
}

/** The first-proposal split's victim (see {@link firstVictimOffset}). */
export function firstVictim(anchor: NodeId, victim: number, n: number): NodeId {
  return planned(anchor, firstVictimOffset(victim, n), n);
}

/**
 * The first-proposal split's cuts: the victim lost from the start for `isolateMs` (its leader's code
 * then counts the victim's first vote, see FirstSplit), and from `cutMs` on as when equivocating.
 */
export function firstSplitCuts(p: { readonly victim: number; readonly isolateMs: number; readonly cutMs: number }, anchor: NodeId, at: { n: number; coalition: readonly NodeId[] }, cutLengthMs: number): PartitionPlan[] {
  const offset = firstVictimOffset(p.victim, at.n);
  const victim = planned(anchor, offset, at.n);
  const fromStart: PartitionPlan[] = p.isolateMs <= 0 ? [] : [{ startMs: 0, endMs: p.isolateMs, side: [victim], direction: 'out' }];
  if (p.cutMs <= 0) return fromStart;
  return [...fromStart, { startMs: p.cutMs, endMs: p.cutMs + cutLengthMs, side: [victim, ...[...votersAfter(anchor, offset, at.n, at.coalition)].slice(1)], direction: 'out' }];
}

/** Its timer that hands the voters a rival made before they may get it. */
const RELEASE_TIMER = 'first-split-release';

/** The slot it split, as its own code proposed it. */
interface RealProposal {
  readonly view: number | undefined;
  readonly seq: number;
  /** The value its votes carry: the proposal's digest, else its first vote's. */
  digest: string | undefined;
}

const isObject = (x: unknown): x is object => typeof x === 'object' && x !== null;

/** A request's identity (a retransmission is the same request). */
const requestKey = (r: ClientRequest): string => `${r.client}/${r.requestId}`;

/** State of one faulty replica's first-proposal split. */
export class FirstSplit {
  private real: RealProposal | undefined;
  private rival: unknown;
  private readonly held = new Set<NodeId>();
  // Until it has chosen (or its copies show it proposes nothing now), requests wait for its code.
  private gating = true;
  private waiting: ClientRequest[] = [];
  private readonly probes = new Map<string, { request: ClientRequest; proposal: unknown; fields: PayloadFields }>();
  private released: ClientRequest[] = [];
  private deliver: ((request: ClientRequest) => Promise<void> | undefined) | undefined;
  private readonly voteOrder = new WeakMap<object, number>();
  private votes = 0;
  private deaf = false;
  private readonly echoedSignatures = new Set<string>();
  private echoes: { from: NodeId; payload: unknown }[] = [];
  private readonly sentAs = new WeakMap<object, Routed | undefined>();
  readonly shadows: Shadows;

  constructor(private readonly env: AdversaryEnv, private readonly forger: Forger, private readonly cast: FirstSplitCast) {
    this.shadows = new Shadows(env, (payload, request) => this.probed(payload, request));
  }

  /** How a request reaches its own code (set once the code exists). */
  attach(deliver: (request: ClientRequest) => Promise<void> | undefined): void {
    this.deliver = deliver;
  }

  /** What goes to `to` instead of `payload` (null: nothing); undefined when the plan leaves it alone. */
  route(to: NodeId, payload: unknown): Routed | undefined {
    const f = this.forger.structure.fields(payload);
    if (f.sender !== this.forger.self || !isObject(payload)) return undefined;
    if (this.real === undefined) {
      if (f.seq === undefined || !this.isProposal(payload, f)) return undefined;
      this.real = { view: f.view, seq: f.seq, digest: f.digest };
      // Its code proposed on its own (woken by a message, say): what waits follows it.
      if (this.gating) this.release(undefined);
    }
    const real = this.real;
    if (f.seq !== real.seq || f.view !== real.view) return this.withoutRealCertificates(payload);
    if (this.isProposal(payload, f)) {
      if (!this.cast.voters.has(to)) return { payload };
      if (this.rival !== undefined && this.env.ctx.now() >= this.cast.rivalFromMs) return { payload: this.rival };
      this.held.add(to);
      return null;
    }
    return this.vote(to, payload, f);
  }

  /** False for a vote on the split slot from another replica once its code has cast its last there. */
  heard(from: NodeId, payload: unknown): boolean {
    const real = this.real;
    if (!this.deaf || real === undefined || from === this.forger.self) return true;
    const f = this.forger.structure.fields(payload);
    return f.sender === this.forger.self || f.seq !== real.seq || f.view !== real.view || this.isProposal(payload, f);
  }

  /** True for the signature of an echoed vote: its own code must take it though it names the victim. */
  echoed(signature: string): boolean {
    return this.echoedSignatures.has(signature);
  }

  /**
   * A client request for its code. Until it has chosen, each new request waits and a fresh copy of
   * its code hears it alone: once two copies propose different values for one slot, its code gets
   * the request of the one that sorts last (so the real value loses a tie on the digest) and the
   * one that sorts first is the rival (with no digest to compare, the first and the second to come).
   * A copy that proposes nothing shows it does not lead now: everything waiting goes to its code.
   */
  request(request: ClientRequest): Promise<void> | undefined {
    if (!this.gating) return this.deliver?.(request);
    const key = requestKey(request);
    if (this.waiting.some((r) => requestKey(r) === key)) return undefined;
    this.waiting.push(request);
    const fed = this.shadows.feed(request);
    if (!this.probes.has(key)) this.release(undefined);
    else this.choose();
    return fed;
  }

  /**
   * After each event its code handled: requests released for its code reach it, and the echoes its
   * own votes made are returned for its code.
   */
  settle(): { pending: Promise<void> | undefined; echoes: { from: NodeId; payload: unknown }[] } {
    const released = this.released;
    this.released = [];
    const waiting = released.map((r) => this.deliver?.(r)).filter((p): p is Promise<void> => p !== undefined);
    const echoes = this.echoes;
    this.echoes = [];
    return { pending: waiting.length === 0 ? undefined : Promise.all(waiting).then(() => undefined), echoes };
  }

  /** A copy's message: kept when it proposes, as the value its code would propose for that request. */
  private probed(payload: unknown, request: ClientRequest): void {
    const f = this.forger.structure.fields(payload);
    if (!this.gating || f.seq === undefined || !this.isProposal(payload, f) || this.probes.has(requestKey(request))) return;
    this.probes.set(requestKey(request), { request, proposal: payload, fields: f });
  }

  /** With two copies' proposals for one slot that differ: the real one's request goes to its code, the other is the rival. */
  private choose(): void {
    const all = [...this.probes.values()];
    const first = all[0];
    if (first === undefined) return;
    const slot = all.filter((x) => x.fields.seq === first.fields.seq && x.fields.view === first.fields.view);
    const distinct = [...new Map(slot.map((x) => [x.fields.digest ?? JSON.stringify(x.proposal), x])).values()];
    if (distinct.length < 2) return;
    const digests = distinct.every((x) => x.fields.digest !== undefined);
    // Where two certified values of one view compete, protocols commonly keep the smaller digest (PBFT's O, Mod-SMaRt's collect).
    const ordered = digests ? [...distinct].sort((a, b) => ((a.fields.digest as string) < (b.fields.digest as string) ? -1 : 1)) : distinct;
    const rival = ordered[0] as (typeof ordered)[number];
    const real = digests ? (ordered[ordered.length - 1] as typeof rival) : (ordered[1] as typeof rival);
    this.setRival(rival.proposal);
    this.release(real.request);
  }

  /** Gating ends: `first` (if any) goes to its code before everything else that waits. */
  private release(first: ClientRequest | undefined): void {
    this.gating = false;
    const rest = this.waiting.filter((r) => r !== first);
    this.released.push(...(first === undefined ? [] : [first]), ...rest);
    this.waiting = [];
  }

  private isProposal(payload: unknown, f: PayloadFields): boolean {
    const role = roleOfType(f.type);
    if (role === 'proposal') return true;
    if (role !== 'other' || f.sender !== this.forger.self) return false;
    // Of a vocabulary it does not know: a message its code signs that carries client-signed requests.
    return (this.forger.structure.signedItems?.(payload) ?? []).some((i) => i.signer !== undefined && i.signer >= this.forger.n);
  }

  /** Its own vote on the split slot: the first to the real side, the rest to the victim alone. */
  private vote(to: NodeId, payload: object, f: PayloadFields): Routed {
    let k = this.voteOrder.get(payload);
    if (k === undefined) {
      k = this.votes++;
      this.voteOrder.set(payload, k);
      this.noteOwnVote(payload, f, k);
    }
    // PBFT's leader casts only a commit-vote; a vocabulary of no known roles casts its first vote
    // first. Only at n = 3f + 1 is the real side with it (n − f − 1) short of a 2f + 1 quorum
    // without the victim: anywhere larger its first vote too reaches the victim alone.
    const { n } = this.forger;
    const open = k === 0 && roleOfType(f.type) !== 'commit-vote' && n % 3 === 1;
    if (open) return this.cast.voters.has(to) ? null : { payload };
    return to === this.cast.victim ? { payload } : null;
  }

  private noteOwnVote(payload: object, f: PayloadFields, k: number): void {
    const real = this.real as RealProposal;
    if (real.digest === undefined && f.digest !== undefined) real.digest = f.digest;
    if (k > 0 || roleOfType(f.type) === 'commit-vote') {
      this.deaf = true;
      return;
    }
    // The isolated victim's vote its code cannot hear: its own, relabelled (taken unchecked).
    const { structure, self } = this.forger;
    if (this.env.ctx.now() >= this.cast.isolatedUntilMs || structure.withFields === undefined) return;
    const copy = structure.withFields(payload, { sender: this.cast.victim });
    if (structure.fields(copy).sender !== this.cast.victim) return;
    for (const value of Object.values(copy as object)) if (typeof value === 'string') this.echoedSignatures.add(value);
    this.echoes.push({ from: self === this.cast.victim ? self : this.cast.victim, payload: copy });
  }

  private setRival(payload: unknown): void {
    this.rival = payload;
    this.shadows.close();
    const now = this.env.ctx.now();
    if (now >= this.cast.rivalFromMs) this.handOver();
    else this.env.ctx.setTimer(RELEASE_TIMER, this.cast.rivalFromMs - now);
  }

  /** The rival to the voters that have been waiting for it. */
  private handOver(): void {
    for (const to of this.held) this.env.ctx.send(to, this.rival);
    this.held.clear();
  }

  /** True for a timer of the plan's own (its shadows' or its release). */
  owns(timer: string): boolean {
    return timer === RELEASE_TIMER || this.shadows.owns(timer);
  }

  /** Fires one of the plan's own timers. */
  onTimer(timer: string): Promise<void> | undefined {
    if (timer !== RELEASE_TIMER) return this.shadows.onTimer(timer);
    if (this.rival !== undefined) this.handOver();
    return undefined;
  }

  /** Its message without the certificates (its own, not nested in another's signed item) for the real value at the split slot. */
  private withoutRealCertificates(payload: object): Routed | undefined {
    if (this.sentAs.has(payload)) return this.sentAs.get(payload);
    const real = this.real as RealProposal;
    const items = this.forger.structure.signedItems?.(payload) ?? [];
    const prefix = (p: readonly (string | number)[], of: readonly (string | number)[]): boolean => p.length < of.length && p.every((k, i) => of[i] === k);
    const foreign = (c: Certificate): boolean => items.some((i) => i.signer !== this.forger.self && !c.votes.some((v) => v.path === i.path) && prefix(i.path, c.path));
    // A nested vote's view may be unknown (a codec that reads only top-level fields): seq and digest then tell.
    const certs = certificates(this.forger, payload).filter((c) => c.claim.seq === real.seq && (c.claim.view === undefined || c.claim.view === real.view) && real.digest !== undefined
      && c.claim.digest === real.digest && roleOfType(c.claim.type) !== 'proposal' && !foreign(c));
    let out: unknown = payload;
    const signedPaths = new Set(items.map((i) => JSON.stringify(i.path)));
    // Deepest first, so removing one leaves the others' paths valid.
    for (const cert of [...certs].sort((a, b) => b.path.length - a.path.length)) out = withoutCertificate(out, cert, signedPaths);
    const routed = certs.length === 0 ? undefined : { payload: resigned(this.env, this.forger, payload, out) };
    this.sentAs.set(payload, routed);
    return routed;
  }
}

/** `payload` without one certificate: an unsigned holder under a key (a write certificate) becomes null, anything else loses the list. */
function withoutCertificate(payload: unknown, cert: Certificate, signedPaths: ReadonlySet<string>): unknown {
  const parent = cert.path.slice(0, -1);
  const holder = valueAt(payload, parent);
  const keyed = parent.length > 0 && typeof parent[parent.length - 1] === 'string';
  if (keyed && typeof holder === 'object' && holder !== null && !Array.isArray(holder) && !signedPaths.has(JSON.stringify(parent))) return setAt(payload, parent, null);
  return withoutCertificates(payload, [cert]);
}
