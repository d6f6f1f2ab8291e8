/**
 * Nondeterminism detection: a replica must be a deterministic function of the events it receives,
 * so running the same scenario twice must give byte-identical traces. A replica that reads the
 * wall clock, an unseeded random generator or hash-order-dependent state will not.
 */
import type { Violation } from '../property.js';
import type { Scenario } from '../scenario/types.js';
import type { TraceEvent } from '../sim/trace.js';
import { runScenarioChecked, type RunContext } from './run-scenario.js';
import { traceHash } from './trace-hash.js';

/** The name findings of this check carry, as a property name in reports. */
export const NONDETERMINISM = 'determinism';

/** Index of the first event where two traces differ (the shorter length if one is a prefix of the other). */
export function firstDifference(a: readonly TraceEvent[], b: readonly TraceEvent[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return i;
  return length;
}

function nodeOf(event: TraceEvent | undefined): number[] {
  if (event === undefined) return [];
  return 'node' in event ? [event.node] : 'from' in event ? [event.from] : [];
}

/** The same array of primitives, element by element. */
function samePrimitives(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (x !== b[i] || (typeof x === 'object' && x !== null)) return false;
  }
  return true;
}

// True only when both events would serialise to the same JSON: the same keys in the same order,
// each holding the same primitive (or the same array of primitives). Anything else (an object
// value, NaN) answers false and leaves the decision to the hashes, so the verdict is exactly the
// hashes' verdict.
function sameEvent(a: TraceEvent, b: TraceEvent): boolean {
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (let i = 0; i < keysA.length; i++) {
    const key = keysA[i] as string;
    if (key !== keysB[i]) return false;
    const x = (a as Record<string, unknown>)[key];
    const y = (b as Record<string, unknown>)[key];
    if (x === y && (typeof x !== 'object' || x === null)) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || !samePrimitives(x, y)) return false;
  }
  return true;
}

/**
 * True when two traces are certainly byte-identical as JSON lines, found without serialising or
 * hashing them: a passing sampled run (the common case) then costs one walk over its events instead
 * of a JSON text and a SHA-256 of every event of both traces.
 */
export function sameTraces(a: readonly TraceEvent[], b: readonly TraceEvent[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameEvent(a[i] as TraceEvent, b[i] as TraceEvent)) return false;
  return true;
}

/** One trace event on one line, cut to `max` characters. */
export function describeEvent(event: TraceEvent | undefined, max = 240): string {
  if (event === undefined) return '(end of trace)';
  const text = JSON.stringify(event);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * Compares two traces of the same scenario: a `determinism` finding naming the first differing
 * trace event, or null when they are identical.
 */
export function compareTraces(a: readonly TraceEvent[], b: readonly TraceEvent[], targetName: string): Violation | null {
  if (sameTraces(a, b)) return null;
  const hashA = traceHash(a);
  const hashB = traceHash(b);
  if (hashA === hashB) return null;
  const at = firstDifference(a, b);
  const left = a[at];
  const right = b[at];
  return {
    property: NONDETERMINISM,
    message:
      `target '${targetName}' is nondeterministic: the same scenario run twice gave different traces (hashes ${hashA.slice(0, 12)}… and ${hashB.slice(0, 12)}…); ` +
      `first difference at trace event ${at}: ${describeEvent(left)} versus ${describeEvent(right)}`,
    nodes: [...new Set([...nodeOf(left), ...nodeOf(right)])],
    seqs: [],
    values: [hashA, hashB],
    steps: [left?.step ?? right?.step ?? 0],
  };
}

/**
 * Runs `scenario` twice with full tracing and compares trace hashes; returns a `determinism`
 * finding naming the first differing trace event, or null when both runs are identical.
 */
export async function checkDeterminism(scenario: Scenario, context: RunContext): Promise<Violation | null> {
  const first = await runScenarioChecked(scenario, context, true);
  const second = await runScenarioChecked(scenario, context, true);
  return compareTraces(first.trace ?? [], second.trace ?? [], context.target.name);
}

/** Passing runs re-run for a determinism check: the first ones of every campaign chunk … */
export const DETERMINISM_FIRST_RUNS = 1;
/** … and then this many per thousand, chosen by the scenario's seed and the run's index. */
export const DETERMINISM_PER_MILLE = 5;

function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Whether generated run `run` (1-based within its fast-check run, i.e. its chunk) is re-run to check
 * determinism. A function of the run's index and seed only: the same runs are sampled whatever the
 * worker count or sharding, and a rerun of the campaign samples them again.
 */
export function sampledForDeterminism(run: number, scenario: Scenario): boolean {
  return run <= DETERMINISM_FIRST_RUNS || mix32(mix32(scenario.seed) ^ run) % 1000 < DETERMINISM_PER_MILLE;
}
