/**
 * What a campaign does with a failing run, whichever search found it: judging runs (with the
 * determinism rerun), minimising and replaying a failure, and the counterexample it becomes.
 */
import fc from 'fast-check';
import type { Property } from '../property.js';
import type { Scenario } from '../scenario/types.js';
import type { RunFacts } from '../sim/facts.js';
import type { TraceEvent } from '../sim/trace.js';
import type { CheckOptions, Counterexample } from './driver.js';
import { minimise } from './minimise/index.js';
import { compareTraces } from './nondeterminism.js';
import { runScenarioChecked, type RunContext } from './run-scenario.js';
import type { BehaviourProbe } from './signature.js';
import { traceHash } from './trace-hash.js';
import { judge, type Verdict } from './verdict.js';

/** A failing run as the campaign first saw it; a determinism failure keeps its first traced run. */
export interface Failure {
  readonly scenario: Scenario;
  readonly verdict: Verdict;
  readonly traced?: { readonly facts: RunFacts; readonly trace: readonly TraceEvent[] };
}

/** The progress field naming the properties `failure` violates; none before a failure. */
export function brokenBy(failure: Failure | null): { broken?: string } {
  return failure === null ? {} : { broken: [...new Set(failure.verdict.violations.map((v) => v.property))].join(', ') };
}

/** Why a violation may not come back on its traced replay, in words for the reports. */
function likelyCause(target: string): string {
  const timeout = 'a subprocess replica hit its step timeout under load (raise --step-timeout)';
  const random = 'the target is nondeterministic (it reads the wall clock, unseeded random numbers or hash/iteration order)';
  return target.startsWith('exec:') ? `${timeout}, or ${random}` : `${random}, or ${timeout}`;
}

/** One generated (or shrink) run: run, judge, and on sampled passing runs run again to compare traces; a probe follows the first run only. */
export async function judgeRun(scenario: Scenario, options: CheckOptions, sampled: boolean, probe?: BehaviourProbe): Promise<{ facts: RunFacts; failure: Failure | null }> {
  const { facts, trace } = await runScenarioChecked(scenario, options, sampled, probe);
  cutShortByTheLimit(facts);
  const verdict = judge(scenario, facts, options.properties);
  if (!verdict.ok) return { facts, failure: { scenario, verdict } };
  if (!sampled) return { facts, failure: null };
  const again = await runScenarioChecked(scenario, options, true);
  cutShortByTheLimit(again.facts);
  const finding = compareTraces(trace ?? [], again.trace ?? [], options.target.name);
  if (finding === null) return { facts, failure: null };
  return { facts, failure: { scenario, verdict: { ...verdict, ok: false, violations: [finding] }, traced: { facts, trace: trace ?? [] } } };
}

/**
 * A run the time limit cut short is no run: its facts are those of an arbitrary prefix. It ends the
 * search as an abort does (fast-check's interrupting precondition failure keeps the last failure).
 */
function cutShortByTheLimit(facts: RunFacts): void {
  if (facts.stopReason === 'cancelled') throw new fc.PreconditionFailure(true);
}

/** Where a failure was found: fast-check's seed and path, and the run. */
export interface Found {
  readonly seed: number;
  readonly path: string | null;
  readonly failedAtRun: number;
}

/** A nondeterministic passing run is reported as it was seen: its scenario, its first trace, the finding. */
export function determinismCounterexample(failure: Failure, traced: NonNullable<Failure['traced']>, found: Found): Counterexample {
  const { scenario, verdict } = failure;
  const { facts, trace } = traced;
  return {
    ...found, scenario, verdict, facts, trace, traceHash: traceHash(trace), events: facts.events,
    shrinks: 0, minimiseRuns: 0, reproducible: true, notReproduced: null,
  };
}

/**
 * A failure minimised by events and replayed with tracing. A violation found is never dropped: if
 * a rerun does not repeat it, the counterexample keeps the violation first seen, says so and why.
 */
export async function shrunkCounterexample(failure: Failure, options: CheckOptions, found: Found, shrinks: number, cutShort: boolean, hung: boolean, stopAt?: () => boolean): Promise<Counterexample> {
  // fast-check's shrunk case, then minimised by events; regenerating from seed and path repeats both.
  // After an abort the minimiser would stop at once anyway; skipping it saves the rerun it starts with.
  // A confirmed hang is not minimised: every candidate that hangs would cost the step timeout again.
  // The limit also stops a candidate under way (stopAt as `cancelled`), never the replay below: the report needs it.
  const minimised = options.signal?.aborted === true || hung || stopAt?.() === true ? null : await minimise(failure.scenario, { ...options, ns: options.space.ns, ...(stopAt !== undefined ? { stopAt, cancelled: stopAt } : {}) });
  // An abort during the minimiser's first run (the failure's rerun) kills the replica processes under
  // it: that run's verdict tells nothing about the replica, so the minimum is dropped with it (any
  // later candidate was already refused once the abort came).
  const minimal = minimised !== null && minimised.steps === 0 && options.signal?.aborted === true ? null : minimised;
  const replayed = await replayTraced(minimal?.scenario ?? failure.scenario, options, options.properties);
  // Both reruns must agree: of fast-check's case (the minimiser's first run), and of the minimum.
  const reproducible = minimal === null
    ? sameVerdict(replayed.verdict, failure.verdict)
    : sameVerdict(minimal.original, failure.verdict) && sameVerdict(replayed.verdict, minimal.verdict);
  // Reproduced, the replay's verdict is the minimum's (its evidence points into the trace shown);
  // not reproduced, the campaign's own verdict is kept and the replay's recorded beside it.
  const kept = reproducible && !replayed.verdict.ok ? replayed.verdict : failure.verdict;
  return {
    ...(cutShort || stopAt?.() === true ? { shrinkCutShort: true } : {}),
    ...replayed,
    ...found,
    verdict: kept,
    shrinks: shrinks + (minimal?.steps ?? 0),
    minimiseRuns: minimal?.runs ?? 0,
    reproducible,
    notReproduced: reproducible ? null : { replayVerdict: replayed.verdict, likelyCause: likelyCause(options.target.name) },
  };
}

/** The run's outcome, or as soon as `signal` fires fast-check's interrupting precondition failure: the run is abandoned, never judged. */
export function untilAborted<T>(run: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return run;
  return new Promise<T>((resolve, reject) => {
    const abandon = (): void => reject(new fc.PreconditionFailure(true));
    signal.addEventListener('abort', abandon, { once: true });
    run.then(resolve, reject).finally(() => signal.removeEventListener('abort', abandon));
  });
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
