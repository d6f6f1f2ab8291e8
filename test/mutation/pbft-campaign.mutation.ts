import fc from 'fast-check';
import { expect, it } from 'vitest';
import { runScenarioChecked } from '../../src/check/run-scenario.js';
import { spaceFor } from '../../src/check/space.js';
import { judge } from '../../src/check/verdict.js';
import { ALL_ADVERSARIES, selectAdversaries, selectProperties } from '../../src/cli/selection.js';
import { loadTarget } from '../../src/cli/targets.js';
import { scenarioArbitrary } from '../../src/scenario/arbitrary.js';
import type { KindLossMode } from '../../src/scenario/kind-loss-arbitrary.js';

/** Scenarios per mutant: enough to kill most mutants, few enough to keep a mutant under ~5 s. */
const RUNS = Number(process.env['BYZCHECK_MUTATION_RUNS'] ?? 200);
const SEED = 1;

/**
 * Scenarios per mutant against pbft-small-window. Of 15 hand-applied survivors of the default
 * campaign (classes long-runs, state-transfer, view-change-after-checkpoint), the 10 it kills die
 * by run 127 (most within 40), so 150 runs: they add about 60 % to a surviving mutant's time and
 * nothing to a mutant the default campaign kills first (Stryker stops at the first failing test).
 */
const SMALL_WINDOW_RUNS = Number(process.env['BYZCHECK_MUTATION_SMALL_WINDOW_RUNS'] ?? 150);
// Another seed than the default campaign's: the scenarios differ as well as the configuration.
const SMALL_WINDOW_SEED = 2;

/**
 * Scenarios per mutant whose faulty replicas only crash or stay silent. Once they are silent and the
 * network stops dropping, view-change-timeliness judges every view change that follows — how long
 * the honest replicas wait out a silent primary, how fast a working one takes over, and that it is
 * never left — and in these runs every one after the first few hundred ms is such a change; with
 * every strategy drawn, one run in ten is.
 */
const CRASH_RUNS = Number(process.env['BYZCHECK_MUTATION_CRASH_RUNS'] ?? 150);
const CRASH_SEED = 3;

/**
 * The lone-certificate campaign: honest replicas (n ∈ {4, 7}) under the lone-certificate kind
 * losses (one replica alone prepares in view 0 and misses view 1, whose later slots are lost, so a
 * second view change weighs certificates of two views for one slot). Two seeds, as Stryker showed
 * each kills what the other misses: seed 1 (60 runs) the copies that take the lower view's, the
 * last-seen or (by digest order) the other certificate — 6 partial-view-change survivors, the
 * first at run 1 — and seed 8 (20 runs) the n = 7 view-change quorum of 2 / f + 1 at run 13. About
 * 25 ms a run: 80 runs add about 10 % to a surviving mutant's time, nothing to one killed earlier.
 */
const LONE_CERTIFICATE_DRAWS: readonly { seed: number; runs: number }[] = [{ seed: 1, runs: 60 }, { seed: 8, runs: 20 }];
const LONE_CERTIFICATE_RUNS = LONE_CERTIFICATE_DRAWS.reduce((sum, d) => sum + d.runs, 0);

/** Runs `runs` generated scenarios (every property, n ∈ {4, 7}; the given strategies, none when `honest`, else every one) against a built-in target; any violation fails. */
async function campaign(
  targetName: string,
  seed: number,
  runs: number,
  extra: { strategies?: readonly string[]; honest?: boolean; kindLosses?: KindLossMode } = {},
): Promise<void> {
  const target = await loadTarget(targetName);
  const space = {
    ...spaceFor(target, extra.honest === true ? [] : selectAdversaries(extra.strategies), false, [4, 7]),
    ...(extra.kindLosses === undefined ? {} : { kindLosses: extra.kindLosses }),
  };
  const properties = selectProperties(undefined);
  const context = { target, adversaries: ALL_ADVERSARIES, properties };
  for (const [index, scenario] of fc.sample(scenarioArbitrary(space), { seed, numRuns: runs }).entries()) {
    const { facts } = await runScenarioChecked(scenario, context);
    const verdict = judge(scenario, facts, properties);
    expect(verdict.violations.map((v) => `${targetName} run ${index + 1}: ${v.property}: ${v.message}`)).toEqual([]);
  }
}

// A byzcheck campaign as the mutation suite. No shrinking (the first violation kills the mutant; a
// minimal counterexample is not needed) and in this thread (Stryker switches mutants inside this
// process; worker threads would not see it).
it(`the reference PBFT survives ${RUNS} byzcheck runs`, async () => {
  await campaign('pbft', SEED, RUNS);
});

// Both targets run the mutated sources; this one makes runs cross the high watermark, make
// checkpoints stable and install state, which the default window (L = 20) never needs.
it(`the reference PBFT with a small window survives ${SMALL_WINDOW_RUNS} byzcheck runs`, async () => {
  await campaign('pbft-small-window', SMALL_WINDOW_SEED, SMALL_WINDOW_RUNS);
});

// Crash faults only: every view change after the faults settle is one view-change-timeliness judges.
it(`the reference PBFT survives ${CRASH_RUNS} byzcheck runs with crashed and silent replicas`, async () => {
  await campaign('pbft', CRASH_SEED, CRASH_RUNS, { strategies: ['crash', 'silent'] });
});

// A view change that must weigh certificates of two views for one slot: random runs almost never
// build one (it takes a replica that prepared alone and then missed a whole view), so this campaign
// draws that shape in every run, with no faulty replica to spoil it (they halve its kills).
it(`the reference PBFT survives ${LONE_CERTIFICATE_RUNS} byzcheck runs of lone-certificate kind losses`, async () => {
  for (const { seed, runs } of LONE_CERTIFICATE_DRAWS) await campaign('pbft', seed, runs, { honest: true, kindLosses: 'lone-certificate' });
});
