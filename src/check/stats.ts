import type { Scenario } from '../scenario/types.js';
import { regimeOf } from './verdict.js';

/** How often each cluster size, strategy, fault and regime occurred in a campaign's generated runs. */
export interface CampaignStats {
  /** Runs per cluster size, keyed `n=4`. */
  readonly clusterSizes: Record<string, number>;
  /** Faulty replicas per strategy name (a run with two equivocators counts two). */
  readonly adversaries: Record<string, number>;
  /** Runs in which each network fault was switched on. */
  readonly faults: Record<string, number>;
  /** Runs per regime (`within-f`, `beyond-f`). */
  readonly regimes: Record<string, number>;
}

/** An empty tally. */
export function emptyStats(): CampaignStats {
  return { clusterSizes: {}, adversaries: {}, faults: {}, regimes: {} };
}

function bump(record: Record<string, number>, key: string, by = 1): void {
  record[key] = (record[key] ?? 0) + by;
}

/** The network faults a scenario switches on, by name. */
export function faultsOf(s: Scenario): string[] {
  const on: string[] = [];
  if (s.gstMs > 0) on.push('pre-GST period');
  if (s.network.dropPercent > 0) on.push('drop');
  if ((s.network.duplicatePercent ?? 0) > 0) on.push('duplicate');
  if (s.network.preGstDelayMsMax > s.network.delayMsMax) on.push('long pre-GST delay');
  if (s.tape.length > 0) on.push('reorder (tape)');
  if ((s.network.partitions ?? []).some((p) => p.direction === 'both')) on.push('partition (symmetric)');
  if ((s.network.partitions ?? []).some((p) => p.direction !== 'both')) on.push('partition (one-way)');
  if ((s.network.roundPartitions ?? []).length > 0) on.push('round partition');
  if ((s.network.kindLosses ?? []).length > 0) on.push('lost message kind');
  return on;
}

/** Counts one generated run into a tally (mutates it: called once per run on the hot path). */
export function tally(stats: CampaignStats, s: Scenario): void {
  bump(stats.clusterSizes, `n=${s.n}`);
  for (const b of s.byzantine) bump(stats.adversaries, b.adversary);
  if (s.byzantine.length === 0) bump(stats.adversaries, '(no faulty replica)');
  for (const f of faultsOf(s)) bump(stats.faults, f);
  bump(stats.regimes, regimeOf(s));
}

/** Adds shard or worker tallies together. */
export function mergeStats(parts: readonly CampaignStats[]): CampaignStats {
  const total = emptyStats();
  for (const part of parts) {
    for (const key of ['clusterSizes', 'adversaries', 'faults', 'regimes'] as const) {
      for (const [k, v] of Object.entries(part[key])) bump(total[key], k, v);
    }
  }
  return total;
}
