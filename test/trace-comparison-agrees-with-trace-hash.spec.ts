import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareTraces, sameTraces } from '../src/check/nondeterminism.js';
import { runScenario } from '../src/check/run-scenario.js';
import { traceHash } from '../src/check/trace-hash.js';
import { defaultSpace, scenarioArbitrary } from '../src/scenario/arbitrary.js';
import type { TraceEvent } from '../src/sim/trace.js';
import pbft from '../targets/pbft/index.js';
import { ADVERSARIES } from '../adversaries/index.js';
import { contextFor } from './fixtures/world-kit.js';

const context = contextFor(pbft);
const SCENARIOS = fc.sample(scenarioArbitrary(defaultSpace(ADVERSARIES, { timeMs: 20_000, events: 4_000 })), { numRuns: 12, seed: 4242 });

function traceOf(index: number): TraceEvent[] {
  const out = runScenario(SCENARIOS[index] as (typeof SCENARIOS)[number], context, true);
  if (out instanceof Promise) throw new Error('pbft is synchronous');
  return out.trace ?? [];
}

const edit = (trace: readonly TraceEvent[], at: number, change: Record<string, unknown>): TraceEvent[] =>
  trace.map((e, i) => (i === at ? ({ ...e, ...change } as TraceEvent) : e));

describe('comparing traces without hashing them says what the trace hashes say', () => {
  it('two runs of the same scenario are the same trace, found without hashing', () => {
    for (let i = 0; i < SCENARIOS.length; i++) {
      const a = traceOf(i);
      const b = traceOf(i);
      expect(a.length).toBeGreaterThan(0);
      expect(sameTraces(a, b)).toBe(true);
      expect(compareTraces(a, b, 'pbft')).toBeNull();
    }
  });

  it('a trace of another scenario, a changed field, a changed member list or a longer trace is not the same', () => {
    const a = traceOf(0);
    const other = traceOf(1);
    expect(traceHash(other)).not.toBe(traceHash(a));
    expect(sameTraces(a, other)).toBe(false);
    const at = Math.floor(a.length / 2);
    const changed = edit(a, at, { t: (a[at] as TraceEvent).t + 1 });
    expect(sameTraces(a, changed)).toBe(false);
    expect(compareTraces(a, changed, 'pbft')?.message).toContain(`first difference at trace event ${at}`);
    const member: TraceEvent = { step: 1, t: 2, kind: 'membership', node: 0, fromSeq: 1, members: [0, 1, 2] };
    expect(sameTraces([member], [{ ...member, members: [0, 1, 2] }])).toBe(true);
    expect(sameTraces([member], [{ ...member, members: [0, 1, 3] }])).toBe(false);
    expect(sameTraces(a, [...a, a[0] as TraceEvent])).toBe(false);
  });

  it('where JSON would not tell two events apart (a key order, an undefined field) the hashes decide', () => {
    const event: TraceEvent = { step: 3, t: 10, kind: 'log', node: 1, message: 'x' };
    const reordered = { message: 'x', node: 1, kind: 'log', t: 10, step: 3 } as TraceEvent;
    expect(sameTraces([event], [reordered])).toBe(false);
    expect(compareTraces([event], [reordered], 't')).not.toBeNull(); // the JSON differs, so does the hash
    const padded = { ...event, extra: undefined } as unknown as TraceEvent;
    expect(sameTraces([event], [padded])).toBe(false);
    expect(compareTraces([event], [padded], 't')).toBeNull(); // same JSON line, same hash
  });
});
