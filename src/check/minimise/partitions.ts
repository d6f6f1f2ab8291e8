import type { PartitionPlan, Scenario } from '../../scenario/types.js';
import { withNetwork, type Minimiser } from './minimiser.js';
import { settling } from './schedule.js';
import { removeSubsets } from './subsets.js';

/** The scenario with partition i changed by `change`, or null if it has no partition i. */
function withPartition(s: Scenario, i: number, change: (p: PartitionPlan) => PartitionPlan | null): Scenario | null {
  const partitions = s.network.partitions ?? [];
  const p = partitions[i];
  const changed = p === undefined ? null : change(p);
  return changed === null ? null : withNetwork(s, { partitions: partitions.map((q, j) => (j === i ? changed : q)) });
}

/**
 * Candidates for partition i: one way instead of both, a side one replica smaller, or a one-replica
 * side moved to another replica (which replica is cut off decides who leads the next view, so
 * another may end the run a view change earlier).
 */
function partitionMoves(s: Scenario, i: number): ((s: Scenario) => Scenario | null)[] {
  const p = s.network.partitions?.[i];
  if (p === undefined) return [];
  const moves: ((p: PartitionPlan) => PartitionPlan | null)[] = [];
  if (p.direction === 'both') moves.push((q) => ({ ...q, direction: 'out' }), (q) => ({ ...q, direction: 'in' }));
  if (p.side.length > 1) for (const r of p.side) moves.push((q) => (q.side.includes(r) && q.side.length > 1 ? { ...q, side: q.side.filter((x) => x !== r) } : null));
  else for (let r = 0; r < s.n; r++) if (!p.side.includes(r)) moves.push((q) => (q.side.length === 1 ? { ...q, side: [r] } : null));
  return moves.map((move) => (t: Scenario) => withPartition(t, i, move));
}

/** Every move of every partition of scenario s. */
export function allPartitionMoves(s: Scenario): ((s: Scenario) => Scenario | null)[] {
  return (s.network.partitions ?? []).flatMap((_, i) => partitionMoves(s, i));
}

/** Partition pass: removes partitions (pairs too), weakens or moves each, and ends each as early as still fails. */
export async function partitions(m: Minimiser): Promise<boolean> {
  let kept = await removeSubsets(m, { get: (s) => s.network.partitions ?? [], set: (s, partitions) => withNetwork(s, { partitions }) });
  kept = (await removeSubsets(m, { get: (s) => s.network.roundPartitions ?? [], set: (s, roundPartitions) => withNetwork(s, { roundPartitions }) })) || kept;
  kept = (await removeSubsets(m, { get: (s) => s.network.kindLosses ?? [], set: (s, kindLosses) => withNetwork(s, { kindLosses }) })) || kept;
  for (let i = (m.best.scenario.network.partitions?.length ?? 0) - 1; i >= 0 && !m.exhausted; i--) {
    kept = (await m.bestOf(partitionMoves(m.best.scenario, i), settling(m))) || kept;
    const start = m.best.scenario.network.partitions?.[i]?.startMs ?? 0;
    const end = (s: Scenario): number => s.network.partitions?.[i]?.endMs ?? 0;
    kept = (await m.lower(end, (s, v) => withPartition(s, i, (q) => ({ ...q, endMs: v })) ?? s, start + 1)) || kept;
  }
  return kept;
}
