/**
 * A guided campaign's fresh draws, drawn per arm — cluster size and the first faulty replica's
 * strategy — directly: each arm has its own arbitrary (scenarioArbitrary with the arm fixed: the
 * space's other parts as a random campaign draws them, slots and strategy parameters still for the
 * largest size) and its own seeded stream, so a fresh draw generates exactly one scenario. Drawing
 * the whole space and queueing by arm, as before, generated three to eighteen scenarios per run used.
 * A draw takes the fast-check bias of the run's position in its chunk, as a random campaign's run
 * there would: an arm's own count would give every arm's first draws the strongest bias (the
 * smallest scenarios: one request, no delay), so a guided campaign's first runs, spread over some
 * forty arms, were all minimal and missed bugs any ordinary run finds.
 */
import fc from 'fast-check';
import { armStrategies, scenarioArbitrary, type ScenarioSpace } from '../scenario/arbitrary.js';
import type { Scenario } from '../scenario/types.js';
import { Prng } from '../sim/prng.js';

/**
 * fast-check's bias weakens with a run's index in its stream; a random campaign restarts it every
 * chunk of this many runs, and a fresh draw at position p takes the bias of index p modulo this.
 */
const FRESH_BATCH = 100;

/** The strategy label of a scenario's arm: its first faulty replica's strategy, or '' with none. */
export function strategyOf(scenario: Scenario): string {
  return scenario.byzantine[0]?.adversary ?? '';
}

/** One arm's arbitrary and how many scenarios it has drawn. */
interface ArmStream {
  readonly arbitrary: fc.Arbitrary<Scenario>;
  /** Position of the arm in seed derivation: its size, and its label's place among the size's. */
  readonly key: readonly number[];
  drawn: number;
}

/** A seed from the campaign seed and integers, each mixed in turn (nearby inputs diverge). */
function mixedSeed(seed: number, parts: readonly number[]): number {
  let s = seed;
  for (const part of parts) s = new Prng(s ^ Math.imul(part + 1, 0x85ebca6b)).nextUint32() | 0;
  return s;
}

/** Fresh scenarios drawn per cluster size and strategy. */
export class FreshDraws {
  private readonly arms = new Map<string, ArmStream>();

  constructor(private readonly space: ScenarioSpace, private readonly seed: number) {}

  /** The strategy labels a scenario of size `n` can have, '' (no faulty replica) first. */
  strategies(n: number): string[] {
    return armStrategies(this.space, n);
  }

  /**
   * The next fresh scenario of size `n` and strategy `strategy` ('' when the strategy cannot be
   * drawn at that size), for the run at `position` in its chunk. The k-th draw of an arm comes from
   * a stream seeded by the arm and k, at index `position` mod batch: generated alone by replaying its
   * fast-check path (the ones before it are skipped, not generated), with the bias fast-check gives
   * that index — the bias a random campaign's run at that position has.
   */
  next(n: number, strategy: string, position: number): Scenario {
    const labels = this.strategies(n);
    const label = labels.includes(strategy) ? strategy : '';
    const arm = this.arm(n, label, labels.indexOf(label));
    const seed = mixedSeed(this.seed, [...arm.key, arm.drawn]);
    arm.drawn++;
    return fc.sample(arm.arbitrary, { seed, path: String(position % FRESH_BATCH), numRuns: 1 })[0] as Scenario;
  }

  private arm(n: number, label: string, labelIndex: number): ArmStream {
    const name = `${n}/${label}`;
    let arm = this.arms.get(name);
    if (arm === undefined) this.arms.set(name, (arm = { arbitrary: scenarioArbitrary(this.space, { n, strategy: label }), key: [n, labelIndex], drawn: 0 }));
    return arm;
  }
}
