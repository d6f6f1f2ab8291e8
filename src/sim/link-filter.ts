import { protocolRound, type Codec, type NodeId } from '../adapter/contract.js';
import type { NetworkPlan, PartitionPlan } from '../scenario/types.js';

interface TimedCut {
  readonly startMs: number;
  readonly endMs: number;
  readonly side: ReadonlySet<number>;
  readonly direction: PartitionPlan['direction'];
}

/**
 * Decides which links are cut at a moment: timed partitions (symmetric or one-way) and ByzzFuzz
 * round partitions. Deterministic — it reads no tape — and consulted before GST only.
 */
export class LinkFilter {
  /** False when the plan has no partitions: the world then skips the filter entirely. */
  readonly active: boolean;
  private readonly cuts: readonly TimedCut[];
  private readonly rounds: ReadonlyMap<number, readonly number[]>;

  constructor(plan: NetworkPlan, private readonly n: number, private readonly codec: Codec<unknown> | undefined) {
    this.cuts = (plan.partitions ?? []).map((p) => ({ startMs: p.startMs, endMs: p.endMs, side: new Set(p.side), direction: p.direction }));
    const rounds = new Map<number, readonly number[]>();
    if (codec !== undefined) for (const r of plan.roundPartitions ?? []) if (!rounds.has(r.round)) rounds.set(r.round, r.groups);
    this.rounds = rounds;
    this.active = this.cuts.length > 0 || rounds.size > 0;
  }

  /** True when a message from `from` to `to` sent at `timeMs` is lost to a partition. */
  cut(from: NodeId, to: NodeId, payload: unknown, timeMs: number): boolean {
    for (const c of this.cuts) {
      if (timeMs < c.startMs || timeMs >= c.endMs) continue;
      const out = c.side.has(from);
      const into = c.side.has(to);
      if (c.direction === 'both' ? out !== into : c.direction === 'out' ? out && !into : into && !out) return true;
    }
    if (this.rounds.size === 0 || from >= this.n || to >= this.n) return false;
    const groups = this.rounds.get(this.roundOf(payload) ?? Number.NaN);
    return groups !== undefined && groups[from] !== groups[to];
  }

  private roundOf(payload: unknown): number | undefined {
    try {
      return protocolRound((this.codec as Codec<unknown>).fields(payload));
    } catch {
      // A Byzantine sender's garbage has no round; it is simply not partitioned.
      return undefined;
    }
  }
}
