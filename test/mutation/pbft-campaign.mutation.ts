import fc from 'fast-check';
import { expect, it } from 'vitest';
import { runScenarioChecked } from '../../src/check/run-scenario.js';
import { spaceFor } from '../../src/check/space.js';
import { judge } from '../../src/check/verdict.js';
import { ALL_ADVERSARIES, selectAdversaries, selectProperties } from '../../src/cli/selection.js';
import { loadTarget } from '../../src/cli/targets.js';
import { scenarioArbitrary } from '../../src/scenario/arbitrary.js';

/** Scenarios per mutant: enough to kill most mutants, few enough to keep a mutant under ~5 s. */
const RUNS = Number(process.env['BYZCHECK_MUTATION_RUNS'] ?? 200);
const SEED = 1;

// A byzcheck campaign as the mutation suite: every strategy, every property, n ∈ {4, 7}. No
// shrinking (the first violation kills the mutant; a minimal counterexample is not needed) and
// in this thread (Stryker switches mutants inside this process; worker threads would not see it).
it(`the reference PBFT survives ${RUNS} byzcheck runs`, async () => {
  const target = await loadTarget('pbft');
  const space = spaceFor(target, selectAdversaries(undefined), false, [4, 7]);
  const properties = selectProperties(undefined);
  const context = { target, adversaries: ALL_ADVERSARIES, properties };
  for (const [index, scenario] of fc.sample(scenarioArbitrary(space), { seed: SEED, numRuns: RUNS }).entries()) {
    const { facts } = await runScenarioChecked(scenario, context);
    const verdict = judge(scenario, facts, properties);
    expect(verdict.violations.map((v) => `run ${index + 1}: ${v.property}: ${v.message}`)).toEqual([]);
  }
});
