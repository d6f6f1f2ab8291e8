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

function firstDifference(a: readonly TraceEvent[], b: readonly TraceEvent[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return i;
  return length;
}

function nodeOf(event: TraceEvent | undefined): number[] {
  if (event === undefined) return [];
  return 'node' in event ? [event.node] : 'from' in event ? [event.from] : [];
}

/**
 * Runs `scenario` twice with full tracing and compares trace hashes; returns a `determinism`
 * finding naming the first differing trace event, or null when both runs are identical.
 */
export async function checkDeterminism(scenario: Scenario, context: RunContext): Promise<Violation | null> {
  const first = await runScenarioChecked(scenario, context, true);
  const second = await runScenarioChecked(scenario, context, true);
  const a = first.trace ?? [];
  const b = second.trace ?? [];
  const hashA = traceHash(a);
  const hashB = traceHash(b);
  if (hashA === hashB) return null;
  const at = firstDifference(a, b);
  const left = a[at];
  const right = b[at];
  const describe = (e: TraceEvent | undefined): string => (e === undefined ? '(end of trace)' : JSON.stringify(e));
  return {
    property: NONDETERMINISM,
    message:
      `target '${context.target.name}' is nondeterministic: the same scenario run twice gave different traces (hashes ${hashA.slice(0, 12)}… and ${hashB.slice(0, 12)}…); ` +
      `first difference at trace event ${at}: ${describe(left)} versus ${describe(right)}`,
    nodes: [...new Set([...nodeOf(left), ...nodeOf(right)])],
    seqs: [],
    values: [hashA, hashB],
    steps: [left?.step ?? right?.step ?? 0],
  };
}
