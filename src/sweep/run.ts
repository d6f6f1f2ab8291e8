/**
 * `byzcheck sweep`: seed 002's experiment in virtual time — for each number of malicious replicas,
 * a few deterministic trials, their success rate and consensus latency (mean and p95 over
 * successful trials). No wall-clock sleeps: a trial takes as long as its replicas compute.
 */
import type { Target } from '../adapter/contract.js';
import { faultsTolerated } from '../adapter/contract.js';
import type { AnyAdversary } from '../adversary.js';
import { runScenarioChecked } from '../check/run-scenario.js';
import { closeLanes, laneTargets, runInLanes } from '../adapter/subprocess/lanes.js';
import { measureTrial, type TrialOutcome } from './measure.js';
import { sweepScenario } from './scenario.js';

/** What to sweep. */
export interface SweepOptions {
  readonly target: Target<unknown>;
  /** Every adversary by name; must contain `adversary`. */
  readonly adversaries: ReadonlyMap<string, AnyAdversary>;
  readonly n: number;
  /** Numbers of malicious replicas, one point each. */
  readonly malicious: readonly number[];
  readonly trials: number;
  readonly seed: number;
  /** Byzantine strategy (default `seed002-faulty`, the seed's own faulty node). */
  readonly adversary?: string;
  /** Virtual ms per trial (default 2 000: the seed's `timeout_s`). */
  readonly timeoutMs?: number;
  /** Called after every trial. */
  readonly onTrial?: (malicious: number, trial: number, outcome: TrialOutcome) => void;
  /** Stops the sweep (Ctrl-C): the result then holds only the points whose trials all ran. */
  readonly signal?: AbortSignal;
  /**
   * Trials in flight at once for a child-process target (default: one per core, at most 4;
   * in-process targets run one at a time). The result is the same for any value: it only decides how many children wait at once.
   */
  readonly lanes?: number;
}

/** One point of the sweep. */
export interface SweepPoint {
  readonly malicious: number;
  readonly trials: number;
  readonly successes: number;
  readonly successRate: number;
  /** Mean and 95th percentile (nearest rank) latency over successful trials, virtual ms; null without successes. */
  readonly meanLatencyMs: number | null;
  readonly p95LatencyMs: number | null;
  /** Successful trials whose honest replicas all committed the same digest. */
  readonly agreements: number;
  /** Trials in which some replica broke the adapter contract (they count as failures). */
  readonly replicaErrors: number;
}

/** The whole sweep. */
export interface SweepResult {
  readonly target: string;
  readonly n: number;
  readonly f: number;
  readonly adversary: string;
  readonly timeoutMs: number;
  readonly seed: number;
  readonly points: readonly SweepPoint[];
  /** True when an abort stopped the sweep before its last point. */
  readonly interrupted?: boolean;
}

/** Nearest-rank percentile of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

function summarise(malicious: number, outcomes: readonly TrialOutcome[], replicaErrors: number): SweepPoint {
  const latencies = outcomes.flatMap((o) => (o.latencyMs === null ? [] : [o.latencyMs]));
  const successes = outcomes.filter((o) => o.success).length;
  return {
    malicious,
    trials: outcomes.length,
    successes,
    successRate: outcomes.length === 0 ? 0 : successes / outcomes.length,
    meanLatencyMs: latencies.length === 0 ? null : latencies.reduce((a, b) => a + b, 0) / latencies.length,
    p95LatencyMs: latencies.length === 0 ? null : percentile(latencies, 95),
    agreements: outcomes.filter((o) => o.agreed).length,
    replicaErrors,
  };
}

/** Runs the sweep: its trials in order, several in flight at once for a child-process target. */
export async function runSweep(options: SweepOptions): Promise<SweepResult> {
  const adversary = options.adversary ?? 'seed002-faulty';
  if (!options.adversaries.has(adversary)) throw new Error(`unknown adversary '${adversary}'`);
  const timeoutMs = options.timeoutMs ?? 2_000;
  const aborted = (): boolean => options.signal?.aborted === true;
  const jobs = options.malicious.flatMap((malicious) => Array.from({ length: options.trials }, (_, trial) => ({ malicious, trial })));
  const lanes = laneTargets(options.target, options.lanes);
  const points: SweepPoint[] = [];
  let outcomes: TrialOutcome[] = [];
  let replicaErrors = 0;
  try {
    await runInLanes(jobs, lanes, async ({ malicious, trial }, target) => {
      const scenario = sweepScenario({ n: options.n, malicious, trial, seed: options.seed, adversary, timeoutMs });
      const { facts } = await runScenarioChecked(scenario, { target, adversaries: options.adversaries });
      // A trial that ends after the abort may have lost its replica processes under it: it does not count.
      return aborted() ? null : facts;
    }, ({ malicious, trial }, facts) => {
      // A point with only some of its trials would bias its rate and latency: only complete points count.
      if (facts === null || aborted()) return;
      if (facts.replicaErrors.length > 0) replicaErrors++;
      const outcome = measureTrial(facts);
      outcomes.push(outcome);
      options.onTrial?.(malicious, trial, outcome);
      if (outcomes.length < options.trials) return;
      points.push(summarise(malicious, outcomes, replicaErrors));
      outcomes = [];
      replicaErrors = 0;
    }, aborted);
  } finally {
    closeLanes(lanes);
  }
  if (options.trials <= 0 && !aborted()) points.push(...options.malicious.map((m) => summarise(m, [], 0)));
  const result = { target: options.target.name, n: options.n, f: faultsTolerated(options.n), adversary, timeoutMs, seed: options.seed, points };
  return aborted() ? { ...result, interrupted: true } : result;
}
