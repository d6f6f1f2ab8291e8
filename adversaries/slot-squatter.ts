import fc from 'fast-check';
import { z } from 'zod';
import type { NodeId, PayloadFields, Replica } from '../src/adapter/contract.js';
import { defineAdversary, type AdversaryEnv } from '../src/adversary.js';
import { fieldsOf, interceptOutbox, peersOf, rewrite, roleOf } from './kit.js';

/** What the squatter does; every part shrinks towards the plainest squat. */
export interface SlotSquatterParams {
  /** Sequence numbers left free between the one just proposed (or the last a NEW-VIEW re-proposes) and the first it squats (0: the very next). */
  readonly gap: number;
  /** How many consecutive sequence numbers it squats each time the view's primary proposes or a view starts. */
  readonly slots: number;
  /** Whose batch its proposals carry: the proposal it reacts to, or the first it ever saw (a request long executed, replayed). */
  readonly batch: 'latest' | 'first';
  /** It also votes (the protocol's PREPARE) for each proposal it squats with, and never for the primary's at that slot. */
  readonly vote: boolean;
  /** Its proposals reach only 2f honest replicas, never the view's primary: they can prepare them but never decide (off: every replica). */
  readonly oneShort: boolean;
  /** It behaves honestly until this virtual time. */
  readonly fromMs: number;
}

/** Nested messages deeper than this are not looked for (a NEW-VIEW's checkpoint proofs sit at depth 4). */
const MAX_DEPTH = 5;

/** Every object embedded in a payload (the payload itself excluded), depth first. */
function embedded(value: unknown, depth: number, into: object[]): object[] {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return into;
  if (!Array.isArray(value) && depth > 0) into.push(value);
  for (const item of Array.isArray(value) ? value : Object.values(value)) embedded(item, depth + 1, into);
  return into;
}

/**
 * Where the new primary of view w will propose next, read from its NEW-VIEW (or SYNC): the
 * highest sequence number it re-proposes for w, else the stable checkpoint its proof carries.
 * Also the last such re-proposal, a batch it may squat with.
 */
function viewStart(env: AdversaryEnv, newView: unknown, w: number): { readonly base: number; readonly template: unknown } {
  let base = 0;
  let template: unknown;
  for (const m of embedded(newView, 0, [])) {
    const f = fieldsOf(env.codec, m);
    const role = roleOf(env.codec, m, env.roles);
    if (f.seq === undefined) continue;
    if (role === 'proposal' && f.view === w && f.seq >= base) {
      base = f.seq;
      template = m;
    } else if (role === 'checkpoint' && f.seq > base) {
      base = f.seq;
    }
  }
  return { base, template };
}

/** A part of the plan on in 3 draws of 4, shrinking to off. */
const leaningOn = fc.nat(3).map((k) => k > 0);

/**
 * The squatter's bookkeeping: the highest view it has seen proposals for, the first batch it saw,
 * the slots it took, and the name the protocol gives its votes (learned from its own honest code's
 * traffic, so it needs no protocol table).
 */
class Squats {
  private view = -1;
  private first: unknown;
  private voteType: string | undefined;
  private readonly taken = new Set<string>();

  constructor(private readonly env: AdversaryEnv, private readonly p: SlotSquatterParams) {}

  /** Remembers the name of the protocol's first-round vote. */
  learnVote(fields: PayloadFields, role: string): void {
    if (role === 'vote' && fields.type !== undefined) this.voteType = fields.type;
  }

  /** True for one of its honest votes at a slot it squatted: it supports only its own proposal there. */
  isTakenVote(fields: PayloadFields, role: string): boolean {
    return (role === 'vote' || role === 'commit-vote') && this.taken.has(`${fields.view ?? 0}:${fields.seq}`);
  }

  /** A message from another replica: a proposal of the view's primary, or the start of a view, makes it squat. */
  react(from: NodeId, payload: unknown): void {
    const { ctx, coalition, codec } = this.env;
    if (from >= ctx.config.n || coalition.includes(from)) return;
    const role = roleOf(codec, payload, this.env.roles);
    const f = fieldsOf(codec, payload);
    if (f.view === undefined || f.view < this.view) return;
    if (role === 'proposal' && f.seq !== undefined && f.sender === from) {
      this.first ??= payload;
      this.view = f.view;
      this.squat(f.view, f.seq, payload, from);
    } else if (role === 'new-view' && f.sender === from) {
      const start = viewStart(this.env, payload, f.view);
      this.first ??= start.template;
      this.view = f.view;
      this.squat(f.view, start.base, start.template ?? this.first, from);
    }
  }

  /**
   * Who hears its proposals: every other replica, or (one short) the first 2f honest replicas after
   * the coalition's first member other than the view's primary — the same for every member, so a
   * coalition's squat never reaches the 2f + 1 honest COMMITs that would decide it.
   */
  private audience(primary: NodeId): NodeId[] {
    const { ctx, coalition } = this.env;
    const { n, f, id } = ctx.config;
    if (!this.p.oneShort) return peersOf(ctx);
    const anchor = coalition[0] ?? id;
    const out: NodeId[] = [];
    for (let k = 1; k < n && out.length < 2 * f; k++) {
      const node = (anchor + k) % n;
      if (node !== primary && !coalition.includes(node)) out.push(node);
    }
    return out;
  }

  /** Proposes, as itself, the `slots` sequence numbers after `seq` + `gap` in view `v`, carrying `latest`'s batch or the first one seen. */
  private squat(v: number, seq: number, latest: unknown, primary: NodeId): void {
    const { ctx, blackboard } = this.env;
    if (ctx.now() < this.p.fromMs) return;
    const mine = this.p.batch === 'first' ? (this.first ?? latest) : latest;
    if (mine === undefined) return;
    const self = ctx.config.id;
    for (let s = seq + 1 + this.p.gap; s <= seq + this.p.gap + this.p.slots; s++) {
      const key = `${v}:${s}`;
      if (this.taken.has(key)) continue;
      this.taken.add(key);
      // Members of a coalition squat a slot with one batch, so their proposals' votes agree.
      const shared = `slot-squatter:${key}`;
      const template = blackboard.get(shared) ?? mine;
      blackboard.set(shared, template);
      const proposal = rewrite(this.env, template, { view: v, seq: s, sender: self }, 0);
      const vote = this.p.vote && this.voteType !== undefined ? rewrite(this.env, proposal, { type: this.voteType, sender: self }, 0) : undefined;
      for (const to of this.audience(primary)) {
        ctx.send(to, proposal);
        if (vote !== undefined) ctx.send(to, vote);
      }
    }
  }
}

/**
 * Slot squatter: a faulty backup that proposes out of turn. Whenever the view's primary proposes
 * (or a NEW-VIEW starts a view) it sends its own well-formed proposals, signed as itself, for the
 * next sequence numbers of that view, carrying genuine client requests it has seen (relabelled from
 * a real proposal: the batch and its digest still match). A correct replica takes proposals only
 * from the view's primary and ignores them; one that takes them from anyone gives the primary's
 * slots away, and its view-change messages then carry certificates its peers reject.
 * Protocol-aware through the codec only; without one that can rewrite fields it behaves honestly.
 */
export const slotSquatter = defineAdversary<SlotSquatterParams>({
  name: 'slot-squatter',
  description: "proposes out of turn: sends its own self-signed proposals, carrying seen client requests, for the view's next sequence numbers",
  params: () =>
    fc.record({
      gap: fc.nat(3),
      slots: fc.integer({ min: 1, max: 4 }),
      batch: fc.constantFrom('latest' as const, 'first' as const),
      vote: leaningOn,
      oneShort: leaningOn,
      fromMs: fc.option(fc.integer({ min: 1, max: 20 }), { nil: 0, freq: 2 }).map((k) => k * 100),
    }),
  schema: z.object({
    gap: z.number().int().nonnegative(), slots: z.number().int().positive().max(64), batch: z.enum(['latest', 'first']),
    vote: z.boolean(), oneShort: z.boolean(), fromMs: z.number().int().nonnegative(),
  }).strict(),
  enact(env, p): Replica<unknown> {
    const squats = new Squats(env, p);
    const inner = interceptOutbox(env, {
      send: (to, payload, post) => {
        const f = fieldsOf(env.codec, payload);
        const role = roleOf(env.codec, payload, env.roles);
        squats.learnVote(f, role);
        if (!squats.isTakenVote(f, role)) post(to, payload);
      },
    });
    if (env.codec?.withFields === undefined) return inner;
    return {
      ...inner,
      onMessage: (from, payload) => {
        // The honest code goes first: its own vote for the primary's proposal names the vote type.
        const handled = inner.onMessage(from, payload);
        squats.react(from, payload);
        return handled;
      },
    };
  },
});
