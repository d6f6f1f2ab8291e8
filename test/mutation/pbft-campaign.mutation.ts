import fc from 'fast-check';
import { expect, it } from 'vitest';
import { runScenarioChecked } from '../../src/check/run-scenario.js';
import { spaceFor } from '../../src/check/space.js';
import { judge } from '../../src/check/verdict.js';
import { ALL_ADVERSARIES, selectAdversaries, selectProperties } from '../../src/cli/selection.js';
import { loadTarget } from '../../src/cli/targets.js';
import { scenarioArbitrary } from '../../src/scenario/arbitrary.js';
import type { KindLossMode } from '../../src/scenario/kind-loss-arbitrary.js';
import type { Scenario } from '../../src/scenario/types.js';
import { FORGERIES, type ForgedCertificateParams } from '../../adversaries/forged-certificate.js';
import { forgedPlanScenario } from '../fixtures/forged-plan.js';
import { CHECKPOINT_LIE_RULES } from '../../adversaries/forged-certificate/checkpoint-lie.js';
import { checkpointLieParams, checkpointLieScenario } from '../fixtures/checkpoint-lie-plan.js';

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

/**
 * The equivocating-forger campaign: n = 4, the faulty replica 0 on forged-certificate's
 * equivocation plan (its first proposal withheld, the next split, only the victim decides the real
 * one, and its VIEW-CHANGE backs the rival with a certificate that breaks one rule, as `forgery`
 * picks: votes repeated, of another digest, its own as proposer, or claiming other signers).
 * Random draws give replica 0 this plan with a given backing only now and then (node 0 faulty,
 * equivocating, not splitting its first proposal, one forgery of seven), so each forgery is drawn
 * with 3 picks and 2 seeds: 42 runs of about 25 ms. Measured with Stryker on replica.ts lines
 * 268–275 (isValidPreparedCert's vote loop): 20 of 24 mutants killed, the report's 10; the 4 left
 * drop the view or seq comparison, which no backing breaks alone (no vote of the rival's digest at
 * its slot exists in another view, nor one at another slot when the rival was its withheld proposal).
 */
const EQUIVOCATION_PLAN: ForgedCertificateParams = { forgery: 'short', pick: 0, everyK: 8, inbound: false, outbound: false, rival: false, victim: 0, isolateMs: 0, equivocate: true, cutMs: 300, amnesiac: false, olderViewsMs: 0, splitFirst: false };
const EQUIVOCATION_SEEDS = [7, 1];

/** The equivocating-forger campaign's scenarios (see {@link EQUIVOCATION_PLAN}). */
function equivocationScenarios() {
  const requests = [{ client: 0, atMs: 0, operation: 'put a 1' }, { client: 1, atMs: 20, operation: 'put b 2' }, { client: 0, atMs: 40, operation: 'put c 3' }];
  return EQUIVOCATION_SEEDS.flatMap((seed) => FORGERIES.flatMap((forgery) => [0, 1, 2].map((pick) =>
    forgedPlanScenario({ ...EQUIVOCATION_PLAN, forgery, pick }, { node: 0, requests, parts: { seed } }))));
}

/**
 * The forged-NEW-VIEW campaign: n = 4, the faulty replica 2 on forged-certificate's older-views
 * plan (victim 0 cut off from 55 ms decides seq 3 alone in view 1; the faulty replica leads view 2)
 * with its own aggregate forged: a NEW-VIEW of the genuine VIEW-CHANGEs whose PRE-PREPAREs drop,
 * repeat, swap, relabel, shift or pad O's entries (see own-lists.ts), each re-signed. Six forgeries,
 * four even picks (which item), and one odd pick (the older-views plan itself, V of older
 * VIEW-CHANGEs), two seeds: 50 runs. Hand-applied, the survivors 826 (V unchecked), 831 (O
 * unchecked) and two weakenings of matchesPlan's comparison die in it. Random draws meet this plan only on node 2 of
 * n = 4 (or the like at n = 7) with an older-views time, `outbound` and an even pick.
 */
const NEW_VIEW_PLAN: ForgedCertificateParams = { ...EQUIVOCATION_PLAN, equivocate: false, cutMs: 0, outbound: true, olderViewsMs: 55 };

/** The forged-NEW-VIEW campaign's scenarios (see {@link NEW_VIEW_PLAN}). */
function newViewScenarios() {
  const requests = [{ client: 0, atMs: 0, operation: 'put a 1' }, { client: 1, atMs: 50, operation: 'put b 2' }, { client: 0, atMs: 60, operation: 'put c 3' }];
  // Per seed, one odd pick first: the older-views plan itself, a NEW-VIEW whose V is older VIEW-CHANGEs.
  const draws = [{ forgery: 'short' as const, pick: 1 }, ...FORGERIES.filter((f) => f !== 'erase').flatMap((forgery) => [0, 2, 4, 6].map((pick) => ({ forgery, pick })))];
  return EQUIVOCATION_SEEDS.flatMap((seed) => draws.map((d) => forgedPlanScenario({ ...NEW_VIEW_PLAN, ...d }, { node: 2, requests, parts: { seed } })));
}

/**
 * The checkpoint-lie campaign: the last replica (n = 4 and 7) on a forged-certificate draw that
 * forges its own messages and names one rule of a checkpoint proof (see checkpoint-lie.ts): its
 * VIEW-CHANGE claims a stable checkpoint past everything executed, backed by its own CHECKPOINT
 * alone, repeated, copied under others' names, or by the genuine CHECKPOINTs of its real (lower)
 * checkpoint; the first f leaders are cut off right after checkpoint 5 is stable, so the 2f + 1
 * replicas left, the liar among them, make every view change. Random draws give this plan often
 * (any outbound, even-pick draw of those forgeries), but seldom a view change right after a stable
 * checkpoint with the liar in V. Four rules, two sizes, two seeds: 16 runs.
 */
function checkpointLieScenarios() {
  return EQUIVOCATION_SEEDS.flatMap((seed) => [4, 7].flatMap((n) => CHECKPOINT_LIE_RULES.map((rule) => checkpointLieScenario(checkpointLieParams(rule), { n, seed }))));
}

/**
 * The replay-old campaign: generated runs (n ∈ {4, 7}) whose faulty replicas all replay. As a
 * leader replay-old leaves a slot open and withholds the rest, so views change, and it replays the
 * past views' proposals, votes and NEW-VIEWs into the new view's open slots (see
 * adversaries/replay-old/view-boundary.ts); with every strategy drawn, too few runs do both.
 * Measured against hand-applied copies: seeds 1 and 2 (80 runs each) kill an onPrepare that
 * counts old-view PREPAREs 10 and 7 times, an acceptPrePrepare that takes old-view PRE-PREPAREs 3
 * times each. About 40 ms a run.
 */
const REPLAY_RUNS = Number(process.env['BYZCHECK_MUTATION_REPLAY_RUNS'] ?? 80);
const REPLAY_SEED = 1;

/** Runs hand-built plan scenarios against the reference PBFT; any violation fails. */
async function planCampaign(label: string, scenarios: readonly Scenario[]): Promise<void> {
  const target = await loadTarget('pbft');
  const properties = selectProperties(undefined);
  const context = { target, adversaries: ALL_ADVERSARIES, properties };
  for (const [index, scenario] of scenarios.entries()) {
    const { facts } = await runScenarioChecked(scenario, context);
    const verdict = judge(scenario, facts, properties);
    expect(verdict.violations.map((v) => `pbft ${label} run ${index + 1} (${JSON.stringify(scenario.byzantine[0]?.params)}): ${v.property}: ${v.message}`)).toEqual([]);
  }
}

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

// A forger's VIEW-CHANGE that reaches the next view with a prepared certificate broken in one rule:
// random runs give replica 0 the equivocation plan with a given backing once in a few hundred draws.
it(`the reference PBFT survives ${equivocationScenarios().length} runs of an equivocating forger's one-rule certificates`, async () => {
  await planCampaign('equivocation', equivocationScenarios());
});

// A new leader's NEW-VIEW whose V is genuine and whose own PRE-PREPAREs are not O: random runs
// rarely make the faulty replica a later view's leader right after a lone decision.
it(`the reference PBFT survives ${newViewScenarios().length} runs of a forger's NEW-VIEW proposals`, async () => {
  await planCampaign('forged NEW-VIEW', newViewScenarios());
});

// A VIEW-CHANGE lying about its stable checkpoint in the set V of a view change: random runs rarely
// change view right after a checkpoint with the liar's VIEW-CHANGE among the first 2f + 1.
it(`the reference PBFT survives ${checkpointLieScenarios().length} runs of a forger's checkpoint lies`, async () => {
  await planCampaign('checkpoint lie', checkpointLieScenarios());
});

// Old views' messages replayed at the new view's open slots: random runs with every strategy
// rarely give replay-old a view change, which it needs as a leader to make.
it(`the reference PBFT survives ${REPLAY_RUNS} byzcheck runs of replay-old at view boundaries`, async () => {
  await campaign('pbft', REPLAY_SEED, REPLAY_RUNS, { strategies: ['replay-old'] });
});
