/**
 * The default campaign (`byzcheck run --target pbft`: every strategy, n ∈ {4, 7, 10}) and the n = 4
 * campaign side by side, as `byzcheck run --workers 1` runs them: the CLI's own chunks (runChunk),
 * one after the other on this thread. Each repetition runs chunk i of one campaign, then chunk i of
 * the other (the order swapped every chunk), so a change of load on a shared machine hits both alike.
 * Wall-clock runs/s are what a user sees; CPU runs/s are steadier on a loaded machine.
 */
import { planChunks } from '../../src/campaign/chunks.js';
import { runChunk } from '../../src/campaign/run-chunk.js';
import { DEFAULT_END_WHEN_SETTLED, type CampaignSpec } from '../../src/campaign/spec.js';
import { summarize, type Summary } from '../stats.js';
import type { SuiteOptions } from './section.js';
import { now, secondsSince } from './timing.js';

/** The goals of issue 22, in runs per second on one core. */
export const CAMPAIGN_GOALS = { all: 1_000, n4: 3_000 } as const;

/** Runs per campaign per repetition: the CLI's default campaign is 500 runs. */
const FULL_RUNS = 500;
const QUICK_RUNS = 200;

/** One campaign's figures over the repetitions. */
export interface CampaignFigures {
  readonly label: string;
  readonly command: string;
  readonly runs: number;
  readonly deliveries: number;
  /** Runs per wall-clock second, per repetition. */
  readonly wallRunsPerS: Summary;
  /** Runs per CPU second of this process, per repetition. */
  readonly cpuRunsPerS: Summary;
  /** µs of CPU per delivery, per repetition. */
  readonly cpuUsPerDelivery: Summary;
}

/** Both campaigns, and the n = 4 campaign's speed over the default's, per repetition. */
export interface CampaignsSideBySide {
  readonly all: CampaignFigures;
  readonly n4: CampaignFigures;
  /** n = 4 runs/s ÷ default runs/s (wall clock), per repetition. */
  readonly ratio: Summary;
}

const SPECS = {
  all: { target: 'pbft', adversaries: null, properties: null, beyondF: false, seed: 1, runs: FULL_RUNS, endWhenSettled: DEFAULT_END_WHEN_SETTLED },
  n4: { target: 'pbft', adversaries: null, properties: null, beyondF: false, seed: 1, runs: FULL_RUNS, clusterSizes: [4], endWhenSettled: DEFAULT_END_WHEN_SETTLED },
} as const satisfies Record<string, CampaignSpec>;

interface Tally {
  wall: number;
  cpu: number;
  runs: number;
  deliveries: number;
}

async function timeChunk(spec: CampaignSpec, chunk: ReturnType<typeof planChunks>[number], into: Tally): Promise<void> {
  const cpu0 = process.cpuUsage();
  const t0 = now();
  const result = await runChunk(spec, chunk);
  into.wall += secondsSince(t0);
  const cpu = process.cpuUsage(cpu0);
  into.cpu += (cpu.user + cpu.system) / 1e6;
  if (result.counterexample !== null) throw new Error(`the reference PBFT failed chunk ${chunk.index} of campaign seed ${spec.seed}`);
  into.runs += result.runs;
  into.deliveries += result.deliveries;
}

function figures(label: string, command: string, tallies: readonly Tally[]): CampaignFigures {
  const first = tallies[0] as Tally;
  return {
    label, command, runs: first.runs, deliveries: first.deliveries,
    wallRunsPerS: summarize(tallies.map((t) => t.runs / t.wall)),
    cpuRunsPerS: summarize(tallies.map((t) => t.runs / t.cpu)),
    cpuUsPerDelivery: summarize(tallies.map((t) => (t.cpu * 1e6) / t.deliveries)),
  };
}

/** Runs the default and the n = 4 campaign (seed 1), chunk by chunk in turn, `options.reps` times. */
export async function campaignsSideBySide(options: SuiteOptions): Promise<CampaignsSideBySide> {
  const runs = options.quick ? QUICK_RUNS : FULL_RUNS;
  const all: CampaignSpec = { ...SPECS.all, runs };
  const n4: CampaignSpec = { ...SPECS.n4, runs };
  const chunks = planChunks(1, runs);
  options.log(`ratios: default vs n = 4 campaign, ${runs} runs each, ${options.reps} repetitions`);
  // Warm-up: load the target and compile the hot paths of both.
  await runChunk(all, chunks[0] as (typeof chunks)[number]);
  await runChunk(n4, chunks[0] as (typeof chunks)[number]);
  const allTallies: Tally[] = [];
  const n4Tallies: Tally[] = [];
  for (let r = 0; r < options.reps; r++) {
    const a: Tally = { wall: 0, cpu: 0, runs: 0, deliveries: 0 };
    const b: Tally = { wall: 0, cpu: 0, runs: 0, deliveries: 0 };
    for (const [i, chunk] of chunks.entries()) {
      if (i % 2 === 0) {
        await timeChunk(all, chunk, a);
        await timeChunk(n4, chunk, b);
      } else {
        await timeChunk(n4, chunk, b);
        await timeChunk(all, chunk, a);
      }
    }
    allTallies.push(a);
    n4Tallies.push(b);
  }
  return {
    all: figures('default campaign (every strategy, n ∈ {4, 7, 10})', `byzcheck run --target pbft --seed 1 --runs ${runs} --workers 1`, allTallies),
    n4: figures('n = 4 campaign (every strategy)', `byzcheck run --target pbft --n 4 --seed 1 --runs ${runs} --workers 1`, n4Tallies),
    ratio: summarize(allTallies.map((t, i) => (n4Tallies[i] as Tally).runs / (n4Tallies[i] as Tally).wall / (t.runs / t.wall))),
  };
}
