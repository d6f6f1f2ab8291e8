import fc from 'fast-check';
import type { Target } from '../adapter/contract.js';
import { trackReplicaAsyncWork } from '../adapter/replica-async-context.js';
import type { Property } from '../property.js';
import { scenarioArbitrary, type ScenarioSpace } from '../scenario/arbitrary.js';
import type { Scenario } from '../scenario/types.js';
import type { RunFacts } from '../sim/facts.js';
import type { TraceEvent } from '../sim/trace.js';
import { validateCheckOptions } from './check-options.js';
import { guidedCheck, type SearchTally } from './guided.js';
import { brokenBy, determinismCounterexample, judgeRun, shrunkCounterexample, untilAborted, type Failure } from './failure.js';
import { sampledForDeterminism } from './nondeterminism.js';
import type { RunContext } from './run-scenario.js';
import { plannedScenarios, RunsAhead } from './runs-ahead.js';
import { emptyStats, tally, type CampaignStats } from './stats.js';
import type { Verdict } from './verdict.js';

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
  /**
   * Stops the campaign early (Ctrl-C at the CLI): no run starts after it fires, the run in flight
   * is abandoned and never counts, and shrinking keeps the smallest failure found so far.
   */
  readonly signal?: AbortSignal;
  /** Re-run a deterministic sample of passing runs and compare traces (default true): a difference is a `determinism` finding. */
  readonly determinism?: boolean;
  /**
   * `random` (default): fast-check draws every scenario afresh, and shrinks a failure before the
   * event minimiser. `guided`: runs that reach new behaviour join a corpus that later runs mutate
   * (see guided.ts); a `path` always replays fast-check's case, so it implies `random`.
   */
  readonly search?: SearchMode;
  /**
   * Copies of `target` (the target itself first, then forks with processes of their own) on which
   * the next generated runs start while one is judged: several runs in flight for a target that
   * waits on child processes. Results are taken by run index, so they are the same for any number
   * of lanes; a random search without a `path` only (shrinking, replays and guided search run one at a time).
   */
  readonly lanes?: readonly Target<unknown>[];
}

/** How a campaign picks its scenarios. */
export type SearchMode = 'random' | 'guided';

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
  /** Once a failure is found: the properties it violates, comma-separated (shown while it shrinks). */
  readonly broken?: string;
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
  /** True when the time limit or an abort stopped shrinking early: a smaller counterexample may exist. */
  readonly shrinkCutShort?: boolean;
  /** Set when the violation did not come back on a rerun: `verdict` is still the one first seen. */
  readonly notReproduced: NotReproduced | null;
}

/** What a rerun of a failing run gave instead of its violation. */
export interface NotReproduced {
  /** The verdict of the traced replay (often ok: the violation did not happen again). */
  readonly replayVerdict: Verdict;
  /** The likely reasons, in words. */
  readonly likelyCause: string;
}

/** The outcome of a campaign. */
export interface CheckResult {
  readonly runs: number;
  readonly shrinks: number;
  readonly deliveries: number;
  /** True when the time limit or an abort cut the campaign (or its shrinking) short. */
  readonly interrupted: boolean;
  /** What the generated runs covered (shrink attempts not counted). */
  readonly stats: CampaignStats;
  /** How a guided search spent its runs (absent for a random one). */
  readonly search?: SearchTally;
  readonly counterexample: Counterexample | null;
}

/** Runs a property campaign with fast-check: generate, run, judge, shrink, then replay the minimum with tracing. */
export async function check(options: CheckOptions): Promise<CheckResult> {
  validateCheckOptions(options);
  // Replica async work is tracked for the whole campaign, not switched on and off around each run:
  // that was a promise-hook install, two listener changes and their removal per run (each run's
  // own tracking then only counts a user). A rejection is still blamed on the replica that caused it.
  const untrack = trackReplicaAsyncWork();
  try {
    return await (options.search === 'guided' && options.path === undefined ? guidedCheck(options) : randomCheck(options));
  } finally {
    untrack();
  }
}

/** A random search (or the replay of a `path`): fast-check draws, shrinks and replays. */
async function randomCheck(options: CheckOptions): Promise<CheckResult> {
  // The time limit bounds the whole campaign, minimising included (fast-check's bounds only its own part).
  const deadline = options.timeLimitMs === undefined ? undefined : performance.now() + options.timeLimitMs;
  let runs = 0;
  let shrinks = 0;
  let deliveries = 0;
  let failedAtRun = 0;
  let smallest: Failure | null = null;
  // An error of the harness, an option or a property (not of a replica: those are findings) ends the
  // campaign: fast-check would read the throw as a failing run, and nothing would be reported.
  let harnessError: { readonly error: unknown } | null = null;
  const stats = emptyStats();
  const { signal } = options;
  const aborted = (): boolean => signal?.aborted === true;
  // A replica that hung is the one wall-clock verdict: each shrink candidate that hangs would wait
  // the whole step timeout again, so a hang is reported as found, unshrunk (candidates count as passing).
  let hung = false;
  // A run in flight when the limit is spent is stopped, not waited for: one run of a slow child can
  // outlast the whole budget (fast-check only stops waiting for it, and the check must wait for it).
  const spent = deadline === undefined ? undefined : (): boolean => performance.now() >= deadline;
  const exploring: CheckOptions = spent === undefined ? options : { ...options, cancelled: spent };
  const ahead = runsAhead(exploring);
  // fast-check's time limit races a run against the deadline and abandons it, but the run goes on:
  // it must neither count once the check is over nor share the target (its replica processes) with
  // the minimiser and the replay, so the check waits for it before going further.
  let closed = false;
  /** True once the limit stopped a run under way (fast-check is then interrupted by that run). */
  let cut = false;
  let inFlight: Promise<unknown> = Promise.resolve();
  const property = fc.asyncProperty(scenarioArbitrary(options.space), async (scenario) => {
    // After a harness error, or a determinism finding (nothing to shrink: it is not a property of the scenario), later runs are skipped.
    if (harnessError !== null || hung || smallest?.traced !== undefined) return true;
    // fast-check stops generating and shrinking on an interrupting precondition failure, keeping the last failure.
    if (aborted()) throw new fc.PreconditionFailure(true);
    const sampled = smallest === null && options.determinism !== false && sampledForDeterminism(runs + 1, scenario);
    try {
      const run = ahead === null || smallest !== null ? judgeRun(scenario, exploring, sampled) : takeAhead(ahead, runs, scenario, sampled, exploring);
      inFlight = run.catch(() => undefined);
      const outcome = await untilAborted(run, signal).catch((error: unknown) => {
        if (error instanceof fc.PreconditionFailure) cut = true;
        throw error;
      });
      // A run that ends after the abort is abandoned: its children may have been killed under it.
      if (aborted()) throw new fc.PreconditionFailure(true);
      if (closed) return true;
      deliveries += outcome.facts.deliveries;
      if (smallest === null) {
        runs++;
        tally(stats, scenario);
      }
      if (outcome.failure !== null) {
        // Shrinking runs on `target` alone: the runs started ahead (on it too) must be over first.
        if (smallest === null && ahead !== null) await ahead.settle();
        if (smallest === null) failedAtRun = runs;
        else shrinks++;
        smallest = outcome.failure;
        hung = outcome.facts.replicaErrors.some((e) => e.hang === true);
      }
      options.onProgress?.({ phase: smallest === null ? 'explore' : 'shrink', runs, shrinks, violations: smallest === null ? 0 : 1, deliveries, ...brokenBy(smallest) });
      return outcome.failure === null;
    } catch (error) {
      if (error instanceof fc.PreconditionFailure) throw error;
      harnessError = { error };
      return true;
    }
  });
  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: options.runs,
    ...(options.path !== undefined ? { path: options.path } : {}),
    ...(options.timeLimitMs !== undefined ? { interruptAfterTimeLimit: options.timeLimitMs, markInterruptAsFailure: false } : {}),
  });
  closed = true;
  if (!aborted()) await inFlight;
  // After an abort the runs in flight are abandoned (their children are being killed), not awaited.
  if (ahead !== null && !aborted()) await ahead.settle();
  const thrown = harnessError as { readonly error: unknown } | null;
  if (thrown !== null) throw thrown.error;
  const base = { runs, shrinks, deliveries, interrupted: details.interrupted || aborted() || cut, stats };
  return randomResult(options, details, base, smallest as Failure | null, failedAtRun, hung, spent);
}

/**
 * What a random campaign found, once fast-check is done: no counterexample, a determinism one (as
 * found: it is no property of the scenario, so nothing to shrink), or the failure fast-check shrank,
 * minimised further and replayed. `base.interrupted` says whether shrinking was cut short.
 */
async function randomResult(options: CheckOptions, details: fc.RunDetails<[Scenario]>, base: Omit<CheckResult, 'counterexample'>, failure: Failure | null, failedAtRun: number, hung: boolean, stopAt?: () => boolean): Promise<CheckResult> {
  if (failure === null) return { ...base, counterexample: null };
  const path = details.failed && details.counterexamplePath !== null ? details.counterexamplePath : null;
  const found = { seed: details.seed, path, failedAtRun };
  if (failure.traced !== undefined) return { ...base, counterexample: determinismCounterexample(failure, failure.traced, found) };
  return { ...base, counterexample: await shrunkCounterexample(failure, options, found, base.shrinks, base.interrupted, hung, stopAt) };
}

type Judged = Awaited<ReturnType<typeof judgeRun>>;

/** Run-ahead for a random exploration over several lanes, or null when runs go one at a time. */
function runsAhead(options: CheckOptions): RunsAhead<Judged> | null {
  const lanes = options.lanes ?? [];
  if (lanes.length <= 1 || options.path !== undefined) return null;
  const planned = plannedScenarios(options.space, options.seed, options.runs);
  const determinism = options.determinism !== false;
  return new RunsAhead(planned, lanes, (scenario, index, target) => judgeRun(scenario, { ...options, target }, determinism && sampledForDeterminism(index + 1, scenario)));
}

/** Run `index`'s outcome from the lanes; a scenario other than the planned one runs here, after the lanes are idle. */
async function takeAhead(ahead: RunsAhead<Judged>, index: number, scenario: Scenario, sampled: boolean, options: CheckOptions): Promise<Judged> {
  const taken = ahead.take(index, scenario);
  if (taken !== undefined) return taken;
  await ahead.settle();
  return judgeRun(scenario, options, sampled);
}

export { replayTraced, sameVerdict, type TracedRun } from './failure.js';
