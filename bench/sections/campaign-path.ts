/**
 * Section 2b, the whole campaign path: `check()` over generated scenarios restricted to n = 4, and
 * where its time goes beyond the replica runs themselves. The same generated scenarios are timed
 * stage by stage — generation, the bare run, the run with tripwires, the checked run (end-of-run
 * drain), judging, tallying — so the harness' per-scenario overhead is visible.
 */
import fc from 'fast-check';
import type { AnyAdversary } from '../../src/adversary.js';
import { check } from '../../src/check/driver.js';
import { runScenario, runScenarioChecked, type RunContext } from '../../src/check/run-scenario.js';
import { spaceFor } from '../../src/check/space.js';
import { emptyStats, tally } from '../../src/check/stats.js';
import { judge } from '../../src/check/verdict.js';
import { ALL_ADVERSARIES, selectAdversaries, selectProperties } from '../../src/cli/selection.js';
import { scenarioArbitrary } from '../../src/scenario/arbitrary.js';
import type { Scenario } from '../../src/scenario/types.js';
import type { RunFacts } from '../../src/sim/facts.js';
import { fmt, fmt3, fmtSummary, summarize, type Summary } from '../stats.js';
import { PBFT } from './pbft-scenario.js';
import { asJson, type SectionResult, type SuiteOptions } from './section.js';
import { now, secondsSince, timed, timedAsync } from './timing.js';

const PROPERTIES = selectProperties(undefined);

/** Batches per space: each is several seconds, so three (the minimum) keep the suite short. */
const HEAVY_REPS = 3;

/** The stages of one campaign run, timed separately over the same scenarios. */
const STAGES = ['generate (fast-check)', 'run (runScenario, no tripwires)', 'run + tripwires', 'run + tripwires + end-of-run drain (runScenarioChecked)', 'judge (all properties)', 'tally stats'] as const;

/** Seconds per stage and for the whole `check()`, for one batch of scenarios. */
interface Breakdown {
  readonly stages: readonly number[];
  readonly check: number;
  readonly runs: number;
  readonly deliveries: number;
  readonly checkDeliveries: number;
}

function syncFacts(outcome: ReturnType<typeof runScenario>): RunFacts {
  if (outcome instanceof Promise) throw new Error('the reference PBFT is synchronous');
  return outcome.facts;
}

/** Times the stages of `runs` scenarios from fast-check seed `seed`, then `check()` on the same seed. */
async function breakdown(adversaries: readonly AnyAdversary[], runs: number, seed: number): Promise<Breakdown> {
  const space = spaceFor(PBFT, adversaries, false, [4]);
  const bare: RunContext = { target: PBFT, adversaries: ALL_ADVERSARIES };
  const wired: RunContext = { ...bare, properties: PROPERTIES };
  const gen = timed(() => fc.sample(scenarioArbitrary(space), { seed, numRuns: runs }));
  const scenarios: readonly Scenario[] = gen.value;
  const run = timed(() => scenarios.map((s) => syncFacts(runScenario(s, bare))));
  const withWires = timed(() => scenarios.map((s) => syncFacts(runScenario(s, wired))));
  const t0 = now();
  const checked: RunFacts[] = [];
  for (const s of scenarios) checked.push((await runScenarioChecked(s, wired)).facts);
  const checkedSeconds = secondsSince(t0);
  const judged = timed(() => scenarios.map((s, i) => judge(s, checked[i] as RunFacts, PROPERTIES)));
  const tallied = timed(() => {
    const stats = emptyStats();
    for (const s of scenarios) tally(stats, s);
    return stats;
  });
  const whole = await timedAsync(() => check({ target: PBFT, adversaries: ALL_ADVERSARIES, space, properties: PROPERTIES, runs, seed }));
  if (whole.value.counterexample !== null) throw new Error(`check() found a violation in the reference PBFT (seed ${seed})`);
  return {
    stages: [gen.seconds, run.seconds, withWires.seconds, checkedSeconds, judged.seconds, tallied.seconds],
    check: whole.seconds,
    runs: whole.value.runs,
    deliveries: run.value.reduce((sum, f) => sum + f.deliveries, 0),
    checkDeliveries: whole.value.deliveries,
  };
}

/** The figures of one space (no adversaries, or all of them). */
interface SpaceFigures {
  readonly label: string;
  readonly runsPerRep: number;
  readonly checkRunsPerS: Summary;
  readonly bareRunsPerS: Summary;
  readonly deliveriesPerRun: number;
  readonly sameScenarios: boolean;
  readonly stageMs: readonly Summary[];
  readonly checkMs: Summary;
}

async function measureSpace(label: string, adversaries: readonly AnyAdversary[], runs: number, reps: number): Promise<SpaceFigures> {
  await breakdown(adversaries, runs, 999); // warm-up: a full-size batch, so every stage's code is compiled before timing
  const bs: Breakdown[] = [];
  for (let r = 0; r < reps; r++) bs.push(await breakdown(adversaries, runs, 1 + r));
  const perRun = (s: number, b: Breakdown): number => (s * 1000) / b.runs;
  return {
    label, runsPerRep: runs,
    checkRunsPerS: summarize(bs.map((b) => b.runs / b.check)),
    bareRunsPerS: summarize(bs.map((b) => b.runs / (b.stages[1] as number))),
    deliveriesPerRun: bs.reduce((sum, b) => sum + b.deliveries, 0) / bs.reduce((sum, b) => sum + b.runs, 0),
    sameScenarios: bs.every((b) => b.deliveries === b.checkDeliveries),
    stageMs: STAGES.map((_, i) => summarize(bs.map((b) => perRun(b.stages[i] as number, b)))),
    checkMs: summarize(bs.map((b) => perRun(b.check, b))),
  };
}

function stageTable(f: SpaceFigures, reps: number): { caption: string; headers: string[]; rows: string[][] } {
  const total = f.checkMs.median;
  const bare = f.stageMs[1]?.median ?? Number.NaN;
  const rows = STAGES.map((name, i) => {
    const s = f.stageMs[i] as Summary;
    return [name, fmtSummary(s, 3), `${fmt((100 * s.median) / total, 0)}%`];
  });
  rows.push(['whole check() per run', fmtSummary(f.checkMs, 3), '100%']);
  rows.push(['harness overhead: check() − bare run', fmt(total - bare, 3), `${fmt((100 * (total - bare)) / total, 0)}%`]);
  return { caption: `Where a campaign run's time goes — ${f.label}; ms per run, median (min–max) of ${reps} batches of ${fmt(f.runsPerRep)} runs`, headers: ['stage', 'ms/run', 'share of check()'], rows };
}

/** Section 2b: campaign runs/s through `check()` (n = 4) and the per-run harness overhead. */
export async function campaignPathSection(options: SuiteOptions): Promise<SectionResult> {
  const runs = options.quick ? 200 : 600;
  const reps = HEAVY_REPS;
  const spaces: [string, readonly AnyAdversary[]][] = [['n = 4, no adversaries (network faults still drawn)', []], ['n = 4, every adversary (the default campaign at n = 4)', selectAdversaries(undefined)]];
  const figures: SpaceFigures[] = [];
  for (const [label, adversaries] of spaces) {
    options.log(`campaign path: ${label}`);
    figures.push(await measureSpace(label, adversaries, runs, reps));
  }
  const rows = figures.map((f) => [f.label, fmtSummary(f.checkRunsPerS), fmtSummary(f.bareRunsPerS), fmt(f.deliveriesPerRun, 0), `${fmt3(f.bareRunsPerS.median / f.checkRunsPerS.median)}×`]);
  return {
    id: 'campaign-path',
    title: '2b. Campaign path (check() over generated scenarios)',
    tables: [
      { caption: `check() runs/s vs the same scenarios through bare runScenario; median (min–max) of ${reps} batches of ${fmt(runs)} runs`, headers: ['space', 'check() runs/s', 'bare runScenario runs/s', 'deliveries/run', 'check() cost ÷ bare'], rows },
      ...figures.map((f) => stageTable(f, reps)),
    ],
    notes: [
      'Stages are timed separately over the very scenarios check() generates (fc.sample with the same seed' + (figures.every((f) => f.sameScenarios) ? '; verified: the delivery totals match' : '; WARNING: delivery totals differ, so the scenarios may not be identical') + '). The stages overlap (each run line includes the previous one), so shares do not add up.',
      'Generated scenarios draw network faults (drops, duplicates, partitions, tapes, pre-GST delays) and up to 20 requests from 1–3 clients, so deliveries/run differ from section 2a.',
    ],
    targets: [],
    data: asJson(figures),
  };
}
