import type { CheckResult } from '../check/driver.js';
import type { SearchTally } from '../check/guided.js';
import { mergeStats } from '../check/stats.js';
import type { ChunkResult } from './run-chunk.js';

/**
 * A campaign's combined outcome, whatever ran it: one thread, N workers, or N shards merged. Its
 * counterexample is the lowest-index failing chunk's, so it is the same for any split.
 */
export interface CampaignOutcome extends CheckResult {
  /** Chunks that count: every chunk up to and including the first failing one, by index. */
  readonly chunks: readonly number[];
  /** Index of the chunk the counterexample came from. */
  readonly failedChunk: number | null;
  /** The counted chunks' own results, so shard outcomes can be merged again exactly. */
  readonly results: readonly ChunkResult[];
}

/**
 * Combines chunk results deterministically: the first failing chunk by index wins, and chunks after
 * it do not count (a sequential campaign would have stopped there), whatever order they finished in.
 */
export function mergeChunks(results: readonly ChunkResult[]): CampaignOutcome {
  const sorted = [...results].sort((a, b) => a.index - b.index);
  const failing = sorted.find((r) => r.counterexample !== null);
  const counted = failing === undefined ? sorted : sorted.filter((r) => r.index <= failing.index);
  return {
    chunks: counted.map((r) => r.index),
    runs: counted.reduce((sum, r) => sum + r.runs, 0),
    shrinks: counted.reduce((sum, r) => sum + r.shrinks, 0),
    deliveries: counted.reduce((sum, r) => sum + r.deliveries, 0),
    interrupted: counted.some((r) => r.interrupted),
    stats: mergeStats(counted.map((r) => r.stats)),
    ...mergedSearch(counted),
    counterexample: failing?.counterexample ?? null,
    failedChunk: failing?.index ?? null,
    results: counted,
  };
}

/** Sums the guided-search tallies of chunks (nothing for a random campaign). */
function mergedSearch(results: readonly ChunkResult[]): { search?: SearchTally } {
  const parts = results.flatMap((r) => (r.search === undefined ? [] : [r.search]));
  if (parts.length === 0) return {};
  const sum = (key: keyof SearchTally): number => parts.reduce((total, p) => total + p[key], 0);
  return { search: { warmUp: sum('warmUp'), fresh: sum('fresh'), mutated: sum('mutated'), features: sum('features'), corpus: sum('corpus') } };
}

/** Merges the outcomes of shards of one campaign (or of any disjoint chunk sets) into one. */
export function mergeOutcomes(outcomes: readonly { readonly results: readonly ChunkResult[] }[]): CampaignOutcome {
  const seen = new Set<number>();
  for (const o of outcomes) {
    for (const r of o.results) {
      if (seen.has(r.index)) throw new Error(`chunk ${r.index} appears in two shard results: were the same shard's reports merged twice?`);
      seen.add(r.index);
    }
  }
  return mergeChunks(outcomes.flatMap((o) => o.results));
}
