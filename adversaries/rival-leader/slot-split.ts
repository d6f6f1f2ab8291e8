/**
 * Where the rival leader splits: the slots it leads. A slot is what a message's fields name (its
 * seq and view — height and round, or a chained protocol's view), read through the codec or, without
 * one, by signed-item discovery. Its code's and its twin's proposals mark the slots it leads; from
 * the `lead`-th on (one, or every one after with `every`), each side of the cluster gets one copy's
 * messages for the slot — the real side its code's, the rival side its twin's, the dark side
 * neither — so two valid proposals for one slot, each with the faulty node's votes behind it, meet
 * different replicas. Outside split slots its code talks to everyone and its twin to no one.
 */
import type { Codec, NodeId, PayloadFields } from '../../src/adapter/contract.js';

/** Which copy's messages a replica gets at a split slot. */
export const SIDES = ['real', 'rival', 'dark'] as const;

/** A replica's part at a split slot. */
export type Side = (typeof SIDES)[number];

/** The plan of the split. */
export interface SlotSplitPlan {
  /** Which of the slots it leads (0: the first) is split first. */
  readonly lead: number;
  /** Every slot it leads from there on is split too. */
  readonly every: boolean;
  /** The side of each other replica, by node id (clients and colluders always get its code's messages). */
  readonly sideOf: (node: NodeId) => Side;
  /** Each copy's messages at a split slot after its first two (a proposal, a first vote) reach only this side's victim. */
  readonly narrow: boolean;
  /** The victim of a side: the replica its later votes reach when narrow. */
  readonly victimOf: (side: Side) => NodeId | undefined;
}

/** How many of the twin's recent slots are kept, in case one becomes a split slot after the twin spoke there. */
const KEPT_SLOTS = 8;

/** The slot a message names, if any. */
function slotOf(fields: PayloadFields): string | undefined {
  if (fields.seq === undefined && fields.view === undefined) return undefined;
  return `${fields.seq ?? ''}/${fields.view ?? ''}`;
}

/** Routes the messages of the faulty replica's code and twin by slot. */
export class SlotSplit {
  private readonly led: string[] = [];
  private readonly split = new Set<string>();
  private readonly sent = new Map<string, string[]>();
  private readonly held = new Map<string, { to: NodeId; payload: unknown }[]>();

  constructor(
    private readonly structure: Codec<unknown>,
    private readonly self: NodeId,
    private readonly colluders: readonly NodeId[],
    private readonly n: number,
    private readonly plan: SlotSplitPlan,
    private readonly isOwnProposal: (payload: unknown) => boolean,
    private readonly post: (to: NodeId, payload: unknown) => void,
  ) {}

  /** A message its code sends to `to`. */
  real(to: NodeId, payload: unknown): void {
    const slot = this.note(payload);
    if (to >= this.n || slot === undefined || !this.split.has(slot) || this.colluding(to) || !this.own(payload)) return this.post(to, payload);
    this.route('real', slot, to, payload);
  }

  /** A message its twin sends to `to`. */
  twin(to: NodeId, payload: unknown): void {
    if (to >= this.n || this.colluding(to) || !this.own(payload)) return;
    const slot = this.note(payload);
    if (slot === undefined) return;
    if (this.split.has(slot)) return this.route('rival', slot, to, payload);
    const kept = this.held.get(slot) ?? [];
    kept.push({ to, payload });
    this.held.set(slot, kept);
    if (this.held.size > KEPT_SLOTS) this.held.delete(this.held.keys().next().value as string);
  }

  /** True for a message it signed itself (what it relays of others' is no copy's own). */
  private own(payload: unknown): boolean {
    return this.structure.fields(payload).sender === this.self;
  }

  private colluding(to: NodeId): boolean {
    return this.colluders.includes(to);
  }

  /** The slot of a message, marking it led (and perhaps split) when it is a proposal of its own. */
  private note(payload: unknown): string | undefined {
    const slot = slotOf(this.structure.fields(payload));
    if (slot === undefined || this.led.includes(slot) || !this.isOwnProposal(payload)) return slot;
    this.led.push(slot);
    const index = this.led.length - 1;
    if (index === this.plan.lead || (this.plan.every && index > this.plan.lead)) {
      this.split.add(slot);
      const waiting = this.held.get(slot) ?? [];
      this.held.delete(slot);
      for (const w of waiting) this.route('rival', slot, w.to, w.payload);
    }
    return slot;
  }

  /** One copy's message at a split slot: to its side, its later kinds to the side's victim alone when narrow. */
  private route(side: 'real' | 'rival', slot: string, to: NodeId, payload: unknown): void {
    if (this.plan.sideOf(to) !== side) return;
    // Its messages at the slot in the order first sent (a retransmission keeps its place).
    const key = `${side}|${slot}`;
    const sent = this.sent.get(key) ?? [];
    const text = JSON.stringify(payload);
    if (!sent.includes(text)) sent.push(text);
    this.sent.set(key, sent);
    if (this.plan.narrow && sent.indexOf(text) >= 2 && to !== this.plan.victimOf(side)) return;
    this.post(to, payload);
  }
}
