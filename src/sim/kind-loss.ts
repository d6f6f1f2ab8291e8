import type { Codec, NodeId, PayloadFields } from '../adapter/contract.js';
import type { KindLossPlan } from '../scenario/types.js';

/** What a plan matches a message on: its kind name and its view, if it has one. */
interface Shape {
  readonly kind: string;
  readonly view: number | undefined;
  readonly seq: number | undefined;
}

/**
 * The kind of a payload: the message type the codec reads, else its top-level key shape (sorted
 * keys), so that a codec-free target's messages of one shape (every CHECKPOINT has the same keys)
 * still form one kind. Assumption, stated: messages of one phase share a type or a key shape.
 */
export function messageKind(fields: PayloadFields | undefined, payload: unknown): string {
  if (typeof fields?.type === 'string') return `type:${fields.type}`;
  if (payload === null || typeof payload !== 'object') return `value:${payload === null ? 'null' : typeof payload}`;
  if (Array.isArray(payload)) return 'list';
  return `keys:${Object.keys(payload).sort().join(',')}`;
}

function shapeOf(codec: Codec<unknown> | undefined, payload: unknown): Shape {
  let fields: PayloadFields | undefined;
  try {
    fields = codec?.fields(payload);
  } catch {
    // A Byzantine sender's garbage has no fields: its shape names it.
  }
  const number = (v: unknown) => (typeof v === 'number' ? v : undefined);
  return { kind: messageKind(fields, payload), view: number(fields?.view), seq: number(fields?.seq) };
}

/**
 * Applies a scenario's kind losses (see `KindLossPlan`): ranks message kinds by first appearance
 * among replica-to-replica sends before GST and says which sends a plan cuts. Deterministic: it
 * reads no tape, and a kind's rank depends only on the run's own send order.
 */
export class KindLoss {
  /** False when the plan has none: the network then never asks. */
  readonly active: boolean;
  private readonly ranks = new Map<string, number>();
  private readonly sides: readonly ReadonlySet<number>[];

  constructor(private readonly plans: readonly KindLossPlan[], private readonly n: number, private readonly codec: Codec<unknown> | undefined) {
    this.active = plans.length > 0;
    this.sides = plans.map((p) => new Set(p.nodes));
  }

  /** True when a message from `from` to `to` sent before GST is cut by one of the plans. */
  lose(from: NodeId, to: NodeId, payload: unknown): boolean {
    if (from >= this.n || to >= this.n) return false;
    const shape = shapeOf(this.codec, payload);
    let rank = this.ranks.get(shape.kind);
    if (rank === undefined) {
      rank = this.ranks.size;
      this.ranks.set(shape.kind, rank);
    }
    for (let i = 0; i < this.plans.length; i++) {
      const p = this.plans[i] as KindLossPlan;
      if (p.kind !== undefined && p.kind !== rank) continue;
      if (p.view !== undefined && p.view !== shape.view) continue;
      if (p.fromSeq !== undefined && (shape.seq === undefined || shape.seq < p.fromSeq)) continue;
      const side = this.sides[i] as ReadonlySet<number>;
      if (side.has(p.direction === 'out' ? from : to)) return true;
    }
    return false;
  }
}
