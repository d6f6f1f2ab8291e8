/**
 * The forger's equivocation plan: as a view's leader it proposes one value to 2f backups and a
 * rival to the other f (the `voters`), lets only the `victim` decide the first value, and then backs the
 * rival in its VIEW-CHANGE with a certificate forged from the voters' few votes — so a receiver
 * that counts that certificate (one vote repeated, the proposer counted as a voter) may let the
 * next view re-propose the rival, which the others then decide. Nothing here names a protocol's
 * fields: slots, digests and roles come from the payload structure, votes from what was seen.
 */
import type { Certificate, NodeId, PayloadFields, PayloadPath } from '../../src/adapter/contract.js';
import { setAt, valueAt } from '../../src/adapter/declared/json-path.js';
import type { AdversaryEnv } from '../../src/adversary.js';
import { coalitionShared, roleOfType } from '../kit.js';
import { planned } from '../split-decision.js';
import { certificates, inList, resigned, type Forger } from './forger.js';

/** The slot it equivocated on: the value its own code proposed, and the rival the voters got. */
interface Split {
  readonly view: number;
  readonly seq: number;
  readonly real: string;
  readonly rival: string;
  readonly rivalProposal: unknown;
}

/** Who plays which part: the replicas that get the rival, and the one that decides the real value. */
export interface EquivocationCast {
  /** f replicas: the rest of the backups (2f, the victim among them) can just prepare the real value. */
  readonly voters: ReadonlySet<NodeId>;
  readonly victim: NodeId;
  /** Which of the candidate rivals it proposes (modulo their count). */
  readonly pick: number;
  /** How it fills the rival's certificate up to the real one's size (see {@link Backing}). */
  readonly backing: Backing;
}

/**
 * How the rival's few votes are padded to a certificate's size, each breaking one rule only:
 * `repeat` repeats them (duplicate signers); `mismatch` adds other signers' votes that differ from
 * the rival's slot in exactly one of digest, seq or view (the real value's votes, or the rival
 * source's votes at its own slot); `proposer` adds the leader's own vote for its rival (the
 * proposer counted as a voter); `unsigned` adds copies of a rival vote that name other signers,
 * their signatures left as they were. Then, if still short, the rival's votes repeat.
 */
export type Backing = 'repeat' | 'mismatch' | 'proposer' | 'unsigned';

/**
 * The f replicas after the victim that are not in the coalition: the ones an equivocating leader
 * gives its rival (a member lends the rival its vote instead, see {@link Equivocation}).
 */
export function votersAfter(anchor: NodeId, victim: number, n: number, coalition: readonly NodeId[]): Set<NodeId> {
  const f = Math.floor((n - 1) / 3);
  const out = new Set<NodeId>();
  const victimNode = planned(anchor, victim, n);
  for (let k = 1; k < n && out.size < f; k++) {
    const node = planned(anchor, victim + k, n);
    if (node !== victimNode && !coalition.includes(node)) out.add(node);
  }
  return out;
}

/** What the plan does with one message its code sends to one replica: send `payload` (maybe another) or nothing. */
export type Routed = { readonly payload: unknown } | null;

const key = (view: number | undefined, seq: number | undefined): string => `${view}:${seq}`;

/**
 * State of one faulty replica's equivocation. Its first proposal is withheld from everyone, so no
 * replica can execute (and so none catches up on) what follows; the next is split.
 */
export class Equivocation {
  private withheld: string | undefined;
  private split: Split | undefined;
  private readonly routed = new WeakMap<object, { real: unknown; rival: unknown } | null>();
  private readonly turned = new WeakMap<object, { payload: unknown }>();
  private readonly echoedSignatures = new Set<string>();
  private echoedView = -1;
  // The leader's split as the coalition sees it, and whether this member has lent the rival its vote.
  private readonly board: { split?: Split };
  private lent = false;

  constructor(private readonly env: AdversaryEnv, private readonly forger: Forger, private readonly cast: EquivocationCast) {
    this.board = coalitionShared(env, 'forged-certificate:split', (): { split?: Split } => ({}));
  }

  /**
   * Copies of a VIEW-CHANGE for a view above any it echoed, claimed by f other replicas, for its own
   * code (which must take them unchecked, see {@link Equivocation.echoed}): with f + 1 asking, its
   * code joins at once, so its VIEW-CHANGE is among the first the next leader collects.
   */
  echoes(from: NodeId, payload: unknown): { from: NodeId; payload: unknown }[] {
    const { structure, self, n } = this.forger;
    const f = structure.fields(payload);
    if (this.split === undefined || roleOfType(f.type) !== 'view-change' || f.view === undefined || f.view <= this.echoedView) return [];
    if (structure.withFields === undefined || f.sender === undefined || f.sender === self) return [];
    this.echoedView = f.view;
    const others = Array.from({ length: n }, (_, i) => i).filter((i) => i !== self && i !== from);
    const out = others.slice(0, Math.floor((n - 1) / 3)).map((other) => ({ from: other, payload: (structure.withFields as NonNullable<typeof structure.withFields>)(payload, { sender: other }) }));
    for (const copy of out) this.markEchoed(copy.payload);
    return out;
  }

  /** True for the signature of an echoed copy: its own code must take it though it names another signer. */
  echoed(signature: string): boolean {
    return this.echoedSignatures.has(signature);
  }

  private markEchoed(payload: unknown): void {
    if (typeof payload !== 'object' || payload === null) return;
    // Its top-level strings: the signature among them (no other string is ever checked as one).
    for (const value of Object.values(payload)) if (typeof value === 'string') this.echoedSignatures.add(value);
  }

  /** What goes to `to` instead of `payload`; undefined when the plan leaves the message alone. */
  route(to: NodeId, payload: unknown): Routed | undefined {
    const { structure, self } = this.forger;
    const f = structure.fields(payload);
    const role = roleOfType(f.type);
    if (f.sender !== self || f.view === undefined || f.seq === undefined) return undefined;
    if (role === 'vote' && this.split === undefined) this.lend(payload, f);
    if (role === 'view-change') return this.viewChange(payload);
    if (role === 'proposal') return this.proposal(to, payload);
    // Its votes for the split slot reach only the victim: the victim decides, the others cannot.
    if ((role === 'vote' || role === 'commit-vote') && this.split !== undefined && key(f.view, f.seq) === key(this.split.view, this.split.seq)) {
      return to === this.cast.victim ? { payload } : null;
    }
    return undefined;
  }

  /**
   * Another member's vote for the leader's split slot, copied for the rival into the coalition's
   * pool (never sent): one more distinct signer for the leader's certificate, which a receiver
   * counting the proposer among the voters needs where f > 1.
   */
  private lend(payload: unknown, f: PayloadFields): void {
    const split = this.board.split;
    const { structure, pool } = this.forger;
    if (this.lent || split === undefined || f.view !== split.view || f.seq !== split.seq || f.digest !== split.real || structure.withFields === undefined) return;
    this.lent = true;
    pool.add(f.type, resigned(this.env, this.forger, payload, structure.withFields(payload, { digest: split.rival })));
  }

  private proposal(to: NodeId, payload: unknown): Routed | undefined {
    const f = this.forger.structure.fields(payload);
    const slot = key(f.view, f.seq);
    if (this.withheld === undefined) this.withheld = slot;
    if (this.withheld === slot) return null;
    if (typeof payload !== 'object' || payload === null) return undefined;
    let both = this.routed.get(payload);
    if (both === undefined) {
      both = this.split === undefined ? this.makeRival(payload) : null;
      this.routed.set(payload, both);
    }
    if (both === null) return undefined;
    return { payload: this.cast.voters.has(to) ? both.rival : both.real };
  }

  /** A rival for its own proposal: another proposal seen, relabelled to the same slot and signed afresh. */
  private makeRival(payload: unknown): { real: unknown; rival: unknown } | null {
    const { structure, pool, self } = this.forger;
    const f = structure.fields(payload);
    if (structure.withFields === undefined || f.digest === undefined) return null;
    // Only a rival whose digest sorts first: where two certificates of one view disagree, protocols
    // commonly keep the smaller digest (PBFT's O, Mod-SMaRt's collect); with none, it waits for its
    // next proposal.
    const real = f.digest;
    const candidates = pool.of(f.type).filter((m) => {
      const g = structure.fields(m);
      return g.digest !== undefined && g.digest < real;
    });
    if (candidates.length === 0) return null;
    const source = candidates[this.cast.pick % candidates.length];
    const rival = resigned(this.env, this.forger, source, structure.withFields(source, { view: f.view, seq: f.seq, sender: self }));
    const digest = structure.fields(rival).digest;
    if (digest === undefined || digest === f.digest) return null;
    this.split = { view: f.view as number, seq: f.seq as number, real: f.digest, rival: digest, rivalProposal: rival };
    this.board.split = this.split;
    return { real: payload, rival };
  }

  /**
   * Its VIEW-CHANGE with the certificate of the split slot turned to the rival: the proposal beside
   * it swapped for the rival proposal, the votes for the voters' votes for the rival, repeated to
   * as many as there were. Undefined when there is nothing to turn.
   */
  private viewChange(payload: unknown): Routed | undefined {
    const split = this.split;
    if (split === undefined || typeof payload !== 'object' || payload === null) return undefined;
    const known = this.turned.get(payload);
    if (known !== undefined) return known;
    const cert = certificates(this.forger, payload).find((c) => c.claim.seq === split.seq && c.claim.view === split.view && c.claim.digest === split.real);
    if (cert === undefined) return undefined;
    const turned = this.turn(payload, cert, split);
    const out = turned === undefined ? undefined : { payload: resigned(this.env, this.forger, payload, turned) };
    if (out !== undefined) this.turned.set(payload, out);
    return out;
  }

  private turn(payload: unknown, cert: Certificate, split: Split): unknown {
    let out = payload;
    // The votes' lists (a codec may list the proposal among its votes; it is swapped, not voted).
    const lists = new Map<string, { path: PayloadPath; type: string | undefined; count: number }>();
    for (const vote of cert.votes) {
      if (this.isRealProposal(vote.fields, split)) out = setAt(out, vote.path, split.rivalProposal);
      else if (inList(vote)) {
        const path = vote.path.slice(0, -1);
        const list = lists.get(JSON.stringify(path)) ?? { path, type: vote.fields.type, count: 0 };
        list.count++;
        lists.set(JSON.stringify(path), list);
      }
    }
    for (const list of lists.values()) {
      const rivals = this.rivalVotes(list.type, split);
      if (rivals.length === 0) return undefined;
      const votes = [...rivals, ...this.padding(list.type, split, rivals)].slice(0, Math.max(rivals.length, list.count));
      out = setAt(out, list.path, Array.from({ length: Math.max(votes.length, list.count) }, (_, i) => votes[i] ?? rivals[i % rivals.length]));
      // Without a codec the proposal sits beside the list, in the element that holds both.
      const parent = list.path.slice(0, -1);
      const holder = valueAt(out, parent);
      if (typeof holder !== 'object' || holder === null || Array.isArray(holder)) continue;
      for (const [k, v] of Object.entries(holder)) {
        if (this.isRealProposal(this.forger.structure.fields(v), split)) out = setAt(out, [...parent, k], split.rivalProposal);
      }
    }
    return lists.size === 0 ? undefined : out;
  }

  /** The votes its backing adds to the rival's (none for `repeat`), from signers the rival's votes lack. */
  private padding(type: string | undefined, split: Split, rivals: readonly unknown[]): unknown[] {
    const { structure, pool, self } = this.forger;
    const signers = new Set(rivals.map((v) => structure.fields(v).sender));
    if (this.cast.backing === 'proposer') {
      const source = rivals[0];
      if (signers.has(self) || structure.withFields === undefined) return [];
      return [resigned(this.env, this.forger, source, structure.withFields(source, { sender: self }))];
    }
    if (this.cast.backing === 'unsigned') {
      const source = rivals[0];
      const claim = structure.withFields;
      if (claim === undefined) return [];
      const others = Array.from({ length: this.forger.n }, (_, i) => i).filter((i) => !signers.has(i) && i !== self);
      return others.map((sender) => claim(source, { sender }));
    }
    if (this.cast.backing !== 'mismatch') return [];
    // Exactly one of digest, seq and view differs; which one first alternates with the pick.
    const differs = (m: unknown): number => {
      const g = structure.fields(m);
      const off = [g.digest !== split.rival, g.seq !== split.seq, g.view !== split.view];
      return off.filter(Boolean).length === 1 ? off.indexOf(true) : -1;
    };
    const preferred = this.cast.pick % 2;
    const candidates = pool.of(type).filter((m) => differs(m) >= 0 && !signers.has(structure.fields(m).sender) && structure.fields(m).sender !== self);
    const ordered = [...candidates.filter((m) => differs(m) === preferred), ...candidates.filter((m) => differs(m) !== preferred)];
    return [...new Map(ordered.map((v) => [structure.fields(v).sender, v])).values()];
  }

  private isRealProposal(f: PayloadFields, split: Split): boolean {
    return roleOfType(f.type) === 'proposal' && f.seq === split.seq && f.digest === split.real;
  }

  /** The votes of a type seen for the rival at the split slot, one per signer. */
  private rivalVotes(type: string | undefined, split: Split): unknown[] {
    const { structure, pool } = this.forger;
    const votes = pool.of(type).filter((m) => {
      const g = structure.fields(m);
      return g.view === split.view && g.seq === split.seq && g.digest === split.rival;
    });
    return [...new Map(votes.map((v) => [structure.fields(v).sender, v])).values()];
  }
}
