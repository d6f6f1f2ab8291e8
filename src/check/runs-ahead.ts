/**
 * Runs ahead: while a campaign judges run i, the next generated runs already execute on other
 * copies of the target (lanes). A subprocess run spends most of its wall time waiting for a child's
 * answer, so several runs in flight keep the children and the harness busy at once.
 *
 * fast-check draws run i's scenario from (seed, i) alone, so the scenarios of the exploration are
 * known before fast-check asks for them ({@link plannedScenarios}). Results are still taken by run
 * index, in order, and only for the very scenario fast-check hands over (compared as JSON): which
 * lane ran a run, and when it finished, never reaches a verdict, a counter or a report. A run
 * started ahead that the campaign never asks for (it found a failure first) is waited for and
 * forgotten.
 */
import fc from 'fast-check';
import type { Target } from '../adapter/contract.js';
import { scenarioArbitrary, type ScenarioSpace } from '../scenario/arbitrary.js';
import type { Scenario } from '../scenario/types.js';

/** The scenarios fast-check's exploration of `runs` runs from `seed` will hand over, in order. */
export function plannedScenarios(space: ScenarioSpace, seed: number, runs: number): Scenario[] {
  return fc.sample(scenarioArbitrary(space), { seed, numRuns: runs });
}

/** One run started ahead: its scenario as JSON (to check it is the one asked for) and its outcome. */
interface Started<R> {
  readonly key: string;
  readonly outcome: Promise<R>;
}

/**
 * Keeps runs `i … i + lanes - 1` in flight while run i is asked for, one per lane. `start` runs a
 * planned scenario (by 0-based index) on a lane target; the lane is free again once it settles.
 */
export class RunsAhead<R> {
  private readonly started = new Map<number, Started<R>>();
  private readonly free: Target<unknown>[];
  private next = 0;
  private stopped = false;

  constructor(
    private readonly planned: readonly Scenario[],
    lanes: readonly Target<unknown>[],
    private readonly start: (scenario: Scenario, index: number, target: Target<unknown>) => Promise<R>,
  ) {
    this.free = [...lanes].reverse();
  }

  /**
   * The outcome of run `index` (0-based) for `scenario`, starting the runs after it on free lanes;
   * undefined when the scenario is not the planned one (the caller then runs it itself, after
   * {@link RunsAhead.settle}) or when run-ahead has stopped.
   */
  take(index: number, scenario: Scenario): Promise<R> | undefined {
    if (this.stopped) return undefined;
    this.fill(index);
    const run = this.started.get(index);
    this.started.delete(index);
    if (run === undefined || run.key !== JSON.stringify(scenario)) return undefined;
    return run.outcome;
  }

  /** Starts no more runs and resolves once every run started ahead has settled (their lanes are idle). */
  async settle(): Promise<void> {
    this.stopped = true;
    const pending = [...this.started.values()].map((s) => s.outcome);
    this.started.clear();
    await Promise.allSettled(pending);
  }

  private fill(from: number): void {
    if (this.next < from) this.next = from;
    while (this.free.length > 0 && this.next < this.planned.length) {
      const index = this.next++;
      const scenario = this.planned[index] as Scenario;
      const lane = this.free.pop() as Target<unknown>;
      const outcome = this.start(scenario, index, lane);
      const release = (): void => void this.free.push(lane);
      outcome.then(release, release);
      // A run never asked for may fail unobserved: its rejection is kept for take(), never left unhandled.
      outcome.catch(() => undefined);
      this.started.set(index, { key: JSON.stringify(scenario), outcome });
    }
  }
}
