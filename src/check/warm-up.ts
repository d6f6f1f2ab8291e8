/**
 * The warm-up of a guided chunk: its first runs are exactly the runs a random chunk of the same
 * seed makes, in the same order. A bug that any early draw finds is then found by a guided campaign
 * at the very run a random one finds it (the novelty schedule spread its first runs over some forty
 * size × strategy arms, and lost to random on such bugs); the warm-up runs still feed the schedule
 * (features, arm tallies, corpus), which takes over once they are spent. Guided chunk 0 has random
 * chunk 0's seed (chunkSeed does not depend on the chunk size), so a campaign's first warm-up is
 * random's first hundred runs.
 */
import type { ScenarioSpace } from '../scenario/arbitrary.js';
import type { Scenario } from '../scenario/types.js';
import { plannedScenarios } from './runs-ahead.js';

/** Runs of a guided chunk drawn as a random chunk draws them: one random chunk's worth (CHUNK_RUNS), a whole cycle of fast-check's bias. */
export const WARM_UP_RUNS = 100;

/** The scenarios of a guided chunk's warm-up: fast-check's first runs from `seed`, at most `runs`. */
export function warmUpScenarios(space: ScenarioSpace, seed: number, runs: number): Scenario[] {
  return plannedScenarios(space, seed, Math.min(WARM_UP_RUNS, runs));
}
