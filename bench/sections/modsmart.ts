/**
 * Section: Mod-SMaRt beside PBFT. The same fault-free workload (10 requests, FIFO schedule) through
 * `runScenario` on both targets, and a generated campaign (every strategy, network faults,
 * reconfiguration operations for Mod-SMaRt) through `check` — so the second protocol's cost is read
 * against the first's on the same machine in the same process.
 */
import { ADVERSARIES } from '../../adversaries/index.js';
import { PROPERTIES } from '../../properties/index.js';
import type { Target } from '../../src/adapter/contract.js';
import { check } from '../../src/check/driver.js';
import { spaceFor } from '../../src/check/space.js';
import modsmart from '../../targets/modsmart/index.js';
import { fmt, fmtSummary, summarizeBy, type Summary } from '../stats.js';
import { PBFT, pbftContext, runBatch, type Batch, type Workload } from './pbft-scenario.js';
import { asJson, type SectionResult, type SuiteOptions } from './section.js';
import { calibrate, timed } from './timing.js';

const MODSMART = modsmart as Target<unknown>;
const TARGETS: readonly (readonly [string, Target<unknown>])[] = [['pbft', PBFT], ['modsmart', MODSMART]];
const ALL = new Map(ADVERSARIES.map((a) => [a.name, a]));

/** One row of the fast-path table. */
interface FastRate {
  readonly target: string;
  readonly n: number;
  readonly scenariosPerS: Summary;
  readonly deliveriesPerRun: number;
}

/** One row of the campaign table. */
interface CampaignRate {
  readonly target: string;
  readonly sizes: readonly number[];
  readonly runs: number;
  readonly scenariosPerS: Summary;
  readonly violations: number;
}

let nextSeed = 1;

function measureFast(name: string, target: Target<unknown>, n: number, options: SuiteOptions): FastRate {
  const w: Workload = { n, requests: 10 };
  const context = pbftContext(undefined, target);
  const batch = (count: number): Batch => {
    const first = nextSeed;
    nextSeed += count;
    return runBatch(w, context, count, first);
  };
  const count = calibrate((k) => void batch(k), options.repSeconds, options.repSeconds);
  const batches: Batch[] = [];
  for (let r = 0; r < options.reps; r++) batches.push(batch(count));
  const runs = batches.reduce((a, b) => a + b.runs, 0);
  const deliveries = batches.reduce((a, b) => a + b.deliveries, 0);
  return { target: name, n, scenariosPerS: summarizeBy(batches, (b) => b.runs / b.seconds), deliveriesPerRun: deliveries / runs };
}

// A campaign rate includes generation and judging; each repetition uses its own seed so the
// samples are different scenario mixes, which is what the spread should show.
async function measureCampaign(name: string, target: Target<unknown>, options: SuiteOptions): Promise<CampaignRate> {
  const runs = options.quick ? 100 : 400;
  const space = spaceFor(target, ADVERSARIES, false);
  const samples: number[] = [];
  let violations = 0;
  for (let r = 0; r < options.reps; r++) {
    const { value, seconds } = await timedAsync(() => check({ target, adversaries: ALL, space, properties: PROPERTIES, runs, seed: 1000 + r }));
    if (value.counterexample !== null) violations++;
    samples.push(value.runs / seconds);
  }
  return { target: name, sizes: space.ns, runs, scenariosPerS: summarizeBy(samples, (x) => x), violations };
}

async function timedAsync<T>(fn: () => Promise<T>): Promise<{ readonly value: T; readonly seconds: number }> {
  const start = timed(() => process.hrtime.bigint()).value;
  const value = await fn();
  return { value, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

/** The section: Mod-SMaRt's scenarios/s beside PBFT's, fast path and generated campaign. */
export async function modsmartSection(options: SuiteOptions): Promise<SectionResult> {
  const fast: FastRate[] = [];
  for (const n of options.quick ? [4] : [4, 7]) {
    for (const [name, target] of TARGETS) {
      options.log(`modsmart: fast path, ${name}, n = ${n}`);
      fast.push(measureFast(name, target, n, options));
    }
  }
  const campaigns: CampaignRate[] = [];
  for (const [name, target] of TARGETS) {
    options.log(`modsmart: generated campaign, ${name}`);
    campaigns.push(await measureCampaign(name, target, options));
  }
  return {
    id: 'modsmart',
    title: 'Mod-SMaRt (BFT-SMaRt) beside PBFT',
    tables: [
      {
        caption: `10 requests from 1 client, no faults, runScenario; median (min–max) of ${options.reps} batches of about ${options.repSeconds} s`,
        headers: ['target', 'n', 'scenarios/s', 'deliveries/run'],
        rows: fast.map((r) => [r.target, String(r.n), fmtSummary(r.scenariosPerS), fmt(r.deliveriesPerRun, 0)]),
      },
      {
        caption: `generated campaigns (every strategy, ≤ f faulty, network faults; the target's cluster sizes), ${campaigns[0]?.runs ?? 0} runs each, median (min–max) of ${options.reps} seeds`,
        headers: ['target', 'cluster sizes', 'scenarios/s', 'campaigns with a violation'],
        rows: campaigns.map((r) => [r.target, r.sizes.join(', '), fmtSummary(r.scenariosPerS), String(r.violations)]),
      },
    ],
    notes: [
      "Mod-SMaRt's campaign draws n ∈ {4, 5, 7, 8} (5 and 8 start with a spare replica that reconfiguration can add) and about one operation in six is a reconfiguration; PBFT's draws n ∈ {4, 7, 10}.",
      'Campaign rates include generating, running, judging every property, and shrinking if a violation were found (none is expected: both are reference targets).',
    ],
    targets: [],
    data: asJson({ fast, campaigns }),
  };
}
