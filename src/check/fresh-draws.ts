/**
 * A guided campaign's fresh draws: the whole space, exactly as a random campaign draws it (a
 * per-size space draws differently — faulty slots and strategy parameters depend on the largest
 * size — and measured worse), from fast-check's generator seeded by (campaign seed, batch), then
 * queued by arm — cluster size and the first faulty replica's strategy — so a fresh draw of the
 * arm the schedule picked is the next scenario random drew for that arm.
 */
import fc from 'fast-check';
import { scenarioArbitrary, type ScenarioSpace } from '../scenario/arbitrary.js';
import type { Scenario } from '../scenario/types.js';
import { Prng } from '../sim/prng.js';

/** Fresh scenarios are drawn in batches of this many (fast-check's bias restarts per batch, as per chunk in a random campaign). */
const FRESH_BATCH = 100;

/** Batches drawn at most to find a scenario of a rare arm, before any scenario of its size will do. */
const MAX_BATCHES_PER_PICK = 8;

/** The strategy label of a scenario's arm: its first faulty replica's strategy, or '' with none. */
export function strategyOf(scenario: Scenario): string {
  return scenario.byzantine[0]?.adversary ?? '';
}

/** Fresh scenarios queued by cluster size and strategy. */
export class FreshDraws {
  /** Queues by size, then by strategy label, in the order labels were first drawn (deterministic). */
  private readonly pools = new Map<number, Map<string, Scenario[]>>();
  private batches = 0;
  private readonly arbitrary: fc.Arbitrary<Scenario>;

  constructor(space: ScenarioSpace, private readonly seed: number) {
    this.arbitrary = scenarioArbitrary(space);
  }

  /** The strategy labels drawn so far at size `n` (at least one batch is drawn first). */
  strategies(n: number): string[] {
    for (let tries = 0; !this.pools.has(n) && tries < MAX_BATCHES_PER_PICK; tries++) this.drawBatch();
    return [...(this.pools.get(n)?.keys() ?? [])];
  }

  /** The next fresh scenario of size `n` and strategy `strategy` (else of size `n`, else of any size). */
  next(n: number, strategy: string): Scenario {
    for (let tries = 0; (this.pools.get(n)?.get(strategy)?.length ?? 0) === 0 && tries < MAX_BATCHES_PER_PICK; tries++) this.drawBatch();
    const exact = this.pools.get(n)?.get(strategy);
    if (exact !== undefined && exact.length > 0) return exact.shift() as Scenario;
    for (const bySize of [this.pools.get(n), ...this.pools.values()]) {
      for (const pool of bySize?.values() ?? []) if (pool.length > 0) return pool.shift() as Scenario;
    }
    this.drawBatch();
    return this.next(n, strategy);
  }

  private drawBatch(): void {
    const seed = new Prng(this.seed ^ Math.imul(++this.batches, 0x85ebca6b)).nextUint32() | 0;
    for (const scenario of fc.sample(this.arbitrary, { seed, numRuns: FRESH_BATCH })) {
      let bySize = this.pools.get(scenario.n);
      if (bySize === undefined) this.pools.set(scenario.n, (bySize = new Map()));
      const label = strategyOf(scenario);
      const pool = bySize.get(label);
      if (pool === undefined) bySize.set(label, [scenario]);
      else pool.push(scenario);
    }
  }
}
