import type { Scenario } from '../../scenario/types.js';
import { runScenarioChecked } from '../run-scenario.js';
import { judge, type Verdict } from '../verdict.js';
import { losses } from './losses.js';
import { DEFAULT_MINIMISE_RUNS, Minimiser, type MinimiseOptions } from './minimiser.js';
import { partitions } from './partitions.js';
import { malformedSends, plans } from './plans.js';
import { tape, time } from './schedule.js';
import { structure } from './structure.js';

/**
 * A deterministic pass after fast-check's shrinking that minimises what fast-check cannot see: the
 * number of events the failing run takes. fast-check shrinks each part of a scenario towards its
 * own notion of small and stops at a local minimum of *structure*; a run may still carry a request,
 * a client, a faulty replica, a fault or a long time limit that only adds events, or an attack
 * plan that needs one view change more than a neighbouring plan. The passes remove, lower or move
 * each of them and keep a candidate when it still violates the same property, in the same fault
 * regime, with fewer events (or as many and a simpler scenario), and loads as a scenario file.
 * They count runs, never wall time, so the same failure always minimises to the same scenario.
 */

export { DEFAULT_MINIMISE_RUNS, type MinimiseOptions } from './minimiser.js';

/** The minimised failure. */
export interface Minimised {
  readonly scenario: Scenario;
  readonly verdict: Verdict;
  /** The verdict of the scenario as given, rerun: a nondeterministic target may not repeat it. */
  readonly original: Verdict;
  /** Events of the minimised run. */
  readonly events: number;
  /** Candidates kept (each a smaller counterexample). */
  readonly steps: number;
  /** Candidates run. */
  readonly runs: number;
}

/** A pass: one kind of change, tried on the best scenario; true if it kept one. */
type Pass = (m: Minimiser) => Promise<boolean>;

/**
 * The passes in the order each round runs them. Plans and partitions come before losses: a move
 * that changes what the attack is can be judged fairly only against a run whose traffic has not
 * been cut to fit the old attack yet.
 */
const PASSES: readonly Pass[] = [malformedSends, time, plans, partitions, structure, tape, losses];

/** Rounds of all passes at most; they stop earlier at a fixpoint (a round that keeps nothing) or when the budget is spent. */
const MAX_ROUNDS = 16;

/**
 * Runs the passes in rounds to a fixpoint. A pass is skipped on the very scenario it last kept
 * nothing on: passes are deterministic, so it would keep nothing again (a round then costs only
 * the passes that have something new to look at).
 */
async function descend(m: Minimiser): Promise<void> {
  const idle = new Map<Pass, Scenario>();
  for (let round = 0; round < MAX_ROUNDS && !m.exhausted; round++) {
    let kept = false;
    for (const pass of PASSES) {
      if (m.exhausted || idle.get(pass) === m.best.scenario) continue;
      if (await pass(m)) kept = true;
      else idle.set(pass, m.best.scenario);
    }
    if (!kept) return;
  }
}

/**
 * Minimises a failing scenario's events, keeping the violated property (the first its run
 * violates) and the fault regime. Deterministic: the same input always gives the same output.
 */
export async function minimise(scenario: Scenario, options: MinimiseOptions): Promise<Minimised> {
  // The failure's own rerun is never cut: its verdict says whether the failure reproduces.
  const { cancelled: _cancelled, ...uncut } = options;
  const { facts } = await runScenarioChecked(scenario, uncut);
  const verdict = judge(scenario, facts, options.properties);
  const property = verdict.violations[0]?.property;
  const m = new Minimiser({ scenario, verdict, facts }, property ?? '', options, options.maxRuns ?? DEFAULT_MINIMISE_RUNS);
  if (property !== undefined) await descend(m);
  return { scenario: m.best.scenario, verdict: m.best.verdict, original: verdict, events: m.events, steps: m.steps, runs: m.runs };
}
