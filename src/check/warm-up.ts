/**
 * The warm-up of a guided chunk: its first runs are exactly the runs a random chunk of the same
 * seed makes, in the same order. A bug that any early draw finds is then found by a guided campaign
 * at the very run a random one finds it (the novelty schedule spread its first runs over some forty
 * size × strategy arms, and lost to random on such bugs). The warm-up's runs fill the corpus and
 * the features seen, but not the schedule's size and strategy tallies: their allocation was random's
 * and their novelty mostly first contact (every feature is new at first), which, counted, steered the
 * schedule after the warm-up to worse than without one (bench/guided-runs.ts on the tuning half). Guided chunk 0 has random
 * chunk 0's seed (chunkSeed does not depend on the chunk size), so a campaign's first warm-up is
 * random's first hundred runs.
 */
import fc from 'fast-check';
import { scenarioArbitrary, type ScenarioSpace } from '../scenario/arbitrary.js';
import type { Scenario } from '../scenario/types.js';

/** Runs of a guided chunk drawn as a random chunk draws them: one random chunk's worth (CHUNK_RUNS), a whole cycle of fast-check's bias. */
export const WARM_UP_RUNS = 100;

/** The scenarios of a guided chunk's warm-up: fast-check's first runs from the chunk's seed. */
export class WarmUp {
  /** Runs in the warm-up: WARM_UP_RUNS, or the whole chunk if it is shorter. */
  readonly length: number;
  private readonly arbitrary: fc.Arbitrary<Scenario>;

  constructor(space: ScenarioSpace, private readonly seed: number, runs: number) {
    this.length = Math.max(0, Math.min(WARM_UP_RUNS, runs));
    this.arbitrary = scenarioArbitrary(space);
  }

  /**
   * The scenario of run `position` (0-based), undefined past the warm-up. It is generated alone, by
   * replaying fast-check's path to that run (the runs before it are skipped, not generated), so a
   * bug found at run 3 costs three scenarios generated, not a hundred.
   */
  at(position: number): Scenario | undefined {
    if (position >= this.length) return undefined;
    return fc.sample(this.arbitrary, { seed: this.seed, path: String(position), numRuns: 1 })[0];
  }

  /** Every scenario of the warm-up, in order (for runs started ahead on lanes). */
  all(): Scenario[] {
    return fc.sample(this.arbitrary, { seed: this.seed, numRuns: this.length });
  }
}
