import { z } from 'zod';
import { NONDETERMINISM } from '../check/nondeterminism.js';
import type { Verdict } from '../check/verdict.js';
import type { TraceEvent } from '../sim/trace.js';
import { describeIssues } from '../scenario/schema.js';

/** What a counterexample file recorded about its run, for `byzcheck replay` to compare against. */
export interface RecordedRun {
  /** The verdict the campaign reported. */
  readonly verdict: Verdict;
  /** The full trace of the recorded run (empty if the file holds none). */
  readonly trace: readonly TraceEvent[];
  /** True when the campaign itself could not reproduce the violation. */
  readonly notReproduced: boolean;
}

const recordedSchema = z.object({
  verdict: z.looseObject({
    ok: z.boolean(),
    violations: z.array(z.looseObject({ property: z.string(), message: z.string() })),
    regime: z.enum(['within-f', 'beyond-f']),
  }),
  trace: z.array(z.looseObject({ step: z.number(), kind: z.string() })).optional(),
  notReproduced: z.unknown().optional(),
});

/** Reads the recorded verdict and trace of an untrusted counterexample file; throws naming the bad field. */
export function parseRecordedRun(json: unknown): RecordedRun {
  const parsed = recordedSchema.safeParse(json);
  if (!parsed.success) throw new Error(`not a byzcheck counterexample file:\n${describeIssues(parsed.error.issues, 'file')}`);
  const { verdict, trace, notReproduced } = parsed.data;
  return { verdict: verdict as unknown as Verdict, trace: (trace ?? []) as unknown as TraceEvent[], notReproduced: notReproduced !== undefined };
}

/** JSON with object keys sorted, so equal values give equal text whatever order their keys were written in. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * True when two verdicts say the same thing. A determinism finding compares by name only: its
 * message holds what the two runs happened to do differently, which changes from run to run.
 */
export function sameRecordedVerdict(a: Verdict, b: Verdict): boolean {
  const key = (v: Verdict): string =>
    canonical({ ok: v.ok, regime: v.regime, violations: v.violations.map((x) => (x.property === NONDETERMINISM ? { property: x.property } : x)) });
  return key(a) === key(b);
}

/** A verdict on one line: "no violation", or the violated properties with the first message. */
export function verdictLine(v: Verdict, max = 200): string {
  if (v.ok) return 'no violation';
  const properties = [...new Set(v.violations.map((x) => x.property))].join(', ');
  const first = v.violations[0]?.message ?? '';
  const message = first.length > max ? `${first.slice(0, max)}…` : first;
  return `${properties} violated (${message})`;
}

/** Index of the first event where the recorded trace and a replay's differ, ignoring key order (the shorter length if one is a prefix). */
export function firstRecordedDifference(recorded: readonly TraceEvent[], now: readonly TraceEvent[]): number {
  const length = Math.min(recorded.length, now.length);
  for (let i = 0; i < length; i++) if (canonical(recorded[i]) !== canonical(now[i])) return i;
  return length;
}
