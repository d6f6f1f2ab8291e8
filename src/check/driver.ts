import fc from 'fast-check';
import type { Property } from '../property.js';
import { scenarioArbitrary, type ScenarioSpace } from '../scenario/arbitrary.js';
import type { Scenario } from '../scenario/types.js';
import type { RunFacts } from '../sim/facts.js';
import type { TraceEvent } from '../sim/trace.js';
import { minimise } from './minimise/index.js';
import { runScenarioChecked, type RunContext } from './run-scenario.js';
import { emptyStats, tally, type CampaignStats } from './stats.js';
import { traceHash } from './trace-hash.js';
import { judge, type Verdict } from './verdict.js';

/** What a campaign runs and for how long. */
export interface CheckOptions extends RunContext {
  /** Where scenarios come from. */
  readonly space: ScenarioSpace;
  /** The properties to judge runs by. */
  readonly properties: readonly Property[];
  /** Number of generated scenarios. */
  readonly runs: number;
  /** fast-check seed of the campaign. */
  readonly seed: number;
  /** fast-check replay path: runs exactly that (shrunk) case. */
  readonly path?: string;
  /** Wall-clock budget for exploring and shrinking; the best counterexample so far is kept. */
  readonly timeLimitMs?: number;
  /** Called after every run with the progress so far. */
  readonly onProgress?: (progress: CheckProgress) => void;
}

/** Progress of a campaign. */
export interface CheckProgress {
  /** `explore` until the first failure, then `shrink`. */
  readonly phase: 'explore' | 'shrink';
  /** Scenarios generated and run (not counting shrink attempts). */
  readonly runs: number;
  /** Successful shrink steps so far. */
  readonly shrinks: number;
  /** Runs that violated a property (1 once a failure is found: the campaign then shrinks it). */
  readonly violations: number;
  /** Simulated message deliveries so far, all runs included. */
  readonly deliveries: number;
}

/** A minimal failing run, replayed with its full trace. */
export interface Counterexample {
  readonly scenario: Scenario;
  /** fast-check seed and path that regenerate this scenario (path is null if shrinking was cut short). */
  readonly seed: number;
  readonly path: string | null;
  readonly verdict: Verdict;
  readonly facts: RunFacts;
  readonly trace: readonly TraceEvent[];
  readonly traceHash: string;
  /** Which generated run first failed (1-based), and how many shrink steps followed (fast-check's, then the event minimiser's). */
  readonly failedAtRun: number;
  readonly shrinks: number;
  /** Events in the shrunk run: the size of the counterexample. */
  readonly events: number;
  /** Candidate runs the event minimiser spent on it (within its budget, so the same every time). */
  readonly minimiseRuns: number;
  /** False if the traced replay disagreed with the fast run: the target is nondeterministic. */
  readonly reproducible: boolean;
}

/** The outcome of a campaign. */
export interface CheckResult {
  readonly runs: number;
  readonly shrinks: number;
  readonly deliveries: number;
  /** True when the time limit cut the campaign (or its shrinking) short. */
  readonly interrupted: boolean;
  /** What the generated runs covered (shrink attempts not counted). */
  readonly stats: CampaignStats;
  readonly counterexample: Counterexample | null;
}

interface Failure {
  readonly scenario: Scenario;
  readonly verdict: Verdict;
}

/** Runs a property campaign with fast-check: generate, run, judge, shrink, then replay the minimum with tracing. */
export async function check(options: CheckOptions): Promise<CheckResult> {
  let runs = 0;
  let shrinks = 0;
  let deliveries = 0;
  let failedAtRun = 0;
  let smallest: Failure | null = null;
  const stats = emptyStats();
  // A replica that hung is the one wall-clock verdict: each shrink candidate that hangs would wait
  // the whole step timeout again, so a hang is reported as found, unshrunk (candidates count as passing).
  let hung = false;
  const property = fc.asyncProperty(scenarioArbitrary(options.space), async (scenario) => {
    if (hung) return true;
    const { facts } = await runScenarioChecked(scenario, options);
    deliveries += facts.deliveries;
    if (smallest === null) {
      runs++;
      tally(stats, scenario);
    }
    const verdict = judge(scenario, facts, options.properties);
    if (!verdict.ok) {
      if (smallest === null) failedAtRun = runs;
      else shrinks++;
      smallest = { scenario, verdict };
      hung = facts.replicaErrors.some((e) => e.hang === true);
    }
    options.onProgress?.({ phase: smallest === null ? 'explore' : 'shrink', runs, shrinks, violations: smallest === null ? 0 : 1, deliveries });
    return verdict.ok;
  });
  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: options.runs,
    ...(options.path !== undefined ? { path: options.path } : {}),
    ...(options.timeLimitMs !== undefined ? { interruptAfterTimeLimit: options.timeLimitMs, markInterruptAsFailure: false } : {}),
  });
  const failure = smallest as Failure | null;
  const base = { runs, shrinks, deliveries, interrupted: details.interrupted, stats };
  if (failure === null) return { ...base, counterexample: null };
  const path = details.failed && details.counterexamplePath !== null ? details.counterexamplePath : null;
  // fast-check's shrunk case, then minimised by events; regenerating from seed and path repeats both.
  const minimal = hung
    ? { scenario: failure.scenario, verdict: failure.verdict, original: failure.verdict, steps: 0, runs: 0 }
    : await minimise(failure.scenario, { ...options, ns: options.space.ns });
  const replayed = await replayTraced(minimal.scenario, options, options.properties);
  return {
    ...base,
    counterexample: {
      ...replayed,
      seed: details.seed,
      path,
      failedAtRun,
      shrinks: shrinks + minimal.steps,
      minimiseRuns: minimal.runs,
      // Both reruns must agree: of fast-check's case (the minimiser's first run), and of the minimum.
      reproducible: sameVerdict(minimal.original, failure.verdict) && sameVerdict(replayed.verdict, minimal.verdict),
    },
  };
}

/** A run replayed with tracing on: its verdict, facts, trace and trace hash. */
export interface TracedRun {
  readonly scenario: Scenario;
  readonly verdict: Verdict;
  readonly facts: RunFacts;
  readonly trace: readonly TraceEvent[];
  readonly traceHash: string;
  readonly events: number;
}

/** Runs a scenario with full tracing (determinism makes this the same run as the fast one). */
export async function replayTraced(scenario: Scenario, context: RunContext, properties: readonly Property[]): Promise<TracedRun> {
  const { facts, trace } = await runScenarioChecked(scenario, { ...context, properties }, true);
  const events = trace ?? [];
  return { scenario, verdict: judge(scenario, facts, properties), facts, trace: events, traceHash: traceHash(events), events: facts.events };
}

/** True when two verdicts report the same violations with the same evidence. */
export function sameVerdict(a: Verdict, b: Verdict): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
