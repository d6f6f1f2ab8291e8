import { describe, expect, it } from 'vitest';
import type { Violation } from '../src/property.js';
import { explainCounterexample } from '../src/report/explain.js';
import { forgeries } from '../src/report/forgery.js';
import { jsonDiff } from '../src/report/json-diff.js';
import { sequenceDiagram } from '../src/report/mermaid.js';
import { whyNot } from '../src/report/omissions.js';
import type { Scenario } from '../src/scenario/types.js';
import type { TraceEvent } from '../src/sim/trace.js';
import { ev } from './report-fixtures.js';

const N = 4;
const order = (seq: number, extra: Record<string, unknown> = {}) => JSON.stringify({ kind: 'ORDER', slot: seq, op: `op${seq}`, ...extra });
const drop = (step: number, from: number, to: number, payload: string, reason: 'tape' | 'partition' | 'lost'): TraceEvent => ({ step, t: step, kind: 'drop', from, to, payload, reason });
const aheadOf = (node: number, missing: number, executed: number, step: number): Violation => ({
  property: 'total-order', message: 'm', nodes: [node], seqs: [missing, executed], values: [], steps: [step],
});

describe('why it did not happen (omissions), found by payload shape without a codec', () => {
  it('names each message about the missing slot that did not reach the replica, and why: partition, in flight, late, never sent', () => {
    const trace: TraceEvent[] = [
      drop(1, 0, 1, order(1), 'partition'), // 0: cut
      ev.send(1, 1, 2, 1, order(1, { vote: 2 })), // 1: delivered too late (index 5)
      ev.send(1, 2, 3, 2, order(1, { vote: 3 })), // 2: R3 votes to R2 only: never sent to R1
      ev.send(1, 3, 0, 1, order(2)), // 3
      ev.deliver(2, 3, 0, 1, order(2)), // 4: R1 executes slot 2 here
      ev.execute(2, 1, 2, 'op2'),
      ev.deliver(3, 1, 2, 1, order(1, { vote: 2 })), // 6: late
    ];
    const [why] = whyNot(trace, [aheadOf(1, 1, 2, 2)], N);
    expect(why?.subject).toBe('seq 1');
    expect(why?.missed.map((m) => [m.reason, m.from])).toEqual([['partition', 0], ['late', 2], ['never-sent', 3]]);
    expect(why?.missed.find((m) => m.reason === 'never-sent')?.sentTo).toEqual([2]);
  });

  it('does not count a message about another slot, or one delivered in time', () => {
    const trace: TraceEvent[] = [ev.send(0, 1, 0, 1, order(1)), ev.deliver(1, 1, 0, 1, order(1)), drop(1, 0, 1, order(3), 'tape'), ev.execute(2, 1, 2, 'op2')];
    const [why] = whyNot(trace, [aheadOf(1, 1, 2, 2)], N);
    expect(why?.missed).toEqual([]);
    expect(why?.received).toEqual([1]);
  });

  it('adds the needed drop and the step that sent it to the slice, and leaves unneeded drops out', () => {
    const scenario = { n: N, clients: 1, byzantine: [] } as unknown as Scenario;
    const trace: TraceEvent[] = [
      ev.send(0, 1, 4, 0), ev.deliver(1, 1, 4, 0), // 0-1: the request reaches R0
      drop(1, 0, 1, order(1), 'tape'), ev.commit(1, 0, 1, 'op1'), // 2-3
      drop(1, 4, 2, '{"client":4,"requestId":1}', 'lost'), // 4: nobody needed this one
      ev.send(2, 2, 0, 1, order(2)), ev.deliver(3, 2, 0, 1, order(2)), ev.execute(3, 1, 2, 'op2'), // 5-7
    ];
    const x = explainCounterexample(trace, [aheadOf(1, 1, 2, 3)], scenario);
    expect(x.slice).toContain(2);
    expect(x.slice).toContain(1);
    expect(x.slice).toContain(3);
    expect(x.slice).not.toContain(4);
    expect([...x.omitted]).toEqual([2]);
  });
});

describe('forgeries', () => {
  it('marks a signed item whose symbolic signature was issued by another node than the one it claims', () => {
    const honest = JSON.stringify({ type: 'VOTE', seq: 1, d: 'a', sender: 3, sig: 'sig:3:4' });
    const forged = JSON.stringify({ type: 'VOTE', seq: 1, d: 'a', sender: 2, sig: 'sig:0:9' });
    const trace: TraceEvent[] = [ev.send(0, 1, 3, 1, honest), ev.send(0, 2, 0, 1, forged)];
    const [f] = forgeries(trace, [0], N);
    expect(f?.forged).toEqual([{ path: '$', claimedAs: 2, issuedBy: 0, why: 'claims to be signed by R2 but its signature sig:0:9 was issued by R0' }]);
  });

  it('catches a genuine signature reused over other content, inside a certificate', () => {
    const vote = { type: 'VOTE', seq: 1, d: 'a', sender: 1, sig: 'sig:1:2' };
    const cert = JSON.stringify({ type: 'NEW-VIEW', proofs: [{ ...vote, d: 'b' }] });
    const trace: TraceEvent[] = [ev.send(0, 1, 1, 0, JSON.stringify(vote)), ev.deliver(1, 1, 1, 0, JSON.stringify(vote)), ev.send(2, 2, 0, 2, cert)];
    const [f] = forgeries(trace, [0], N);
    expect(f?.forged[0]?.path).toBe('proofs[0]');
    expect(f?.forged[0]?.why).toContain("reuses R1's signature over other content (d changed)");
  });

  it('shows an equivocation as the diff against what the same replica sent another for the same slot', () => {
    const trace: TraceEvent[] = [ev.send(0, 1, 0, 1, order(1, { op: 'x' })), ev.send(0, 2, 0, 2, order(1, { op: 'y' })), ev.send(0, 3, 0, 3, order(1, { op: 'y' }))];
    const found = forgeries(trace, [0], N);
    expect(found.map((f) => [f.index, f.derived?.kind, f.derived?.against])).toEqual([[0, 'equivocation', 1], [1, 'equivocation', 0], [2, 'equivocation', 0]]);
    expect(found[0]?.derived?.changes).toEqual([{ path: 'op', before: 'y', after: 'x' }]);
  });

  it('without a known slot, takes only one step\'s copies as versions of one message: a later vote of another phase is no equivocation', () => {
    const ballot = (step: string, id: string) => JSON.stringify({ kind: 'ballot', step, h: 1, r: 0, id, by: 0, sig: `sig:0:${step}` });
    const phases: TraceEvent[] = [ev.send(1, 1, 0, 1, ballot('pre', 'x')), ev.send(1, 2, 0, 2, ballot('pre', 'x')), ev.send(2, 3, 0, 1, ballot('pc', 'x')), ev.send(2, 4, 0, 2, ballot('pc', 'x'))];
    expect(forgeries(phases, [0], N)).toEqual([]);
    const split: TraceEvent[] = [ev.send(1, 1, 0, 1, ballot('pre', 'x')), ev.send(1, 2, 0, 2, ballot('pre', 'y'))];
    expect(forgeries(split, [0], N).map((f) => [f.index, f.derived?.kind, f.derived?.changes.map((c) => c.path)])).toEqual([[0, 'equivocation', ['id']], [1, 'equivocation', ['id']]]);
  });

  it('says nothing of a faulty replica that sends the same message to everyone, and nothing of honest replicas', () => {
    const trace: TraceEvent[] = [ev.send(0, 1, 0, 1, order(1)), ev.send(0, 2, 0, 2, order(1)), ev.send(0, 3, 1, 2, order(1, { op: 'z' }))];
    expect(forgeries(trace, [0], N)).toEqual([]);
  });

  it('diffs JSON by path, arrays by position', () => {
    expect(jsonDiff({ a: [1, { b: 2 }], c: 'x' }, { a: [1, { b: 3 }, 4], c: 'x', e: true })).toEqual([
      { path: 'a[1].b', before: 2, after: 3 }, { path: 'a[2]', before: undefined, after: 4 }, { path: 'e', before: undefined, after: true },
    ]);
  });
});

describe('less noise in the diagram', () => {
  it('collapses a run of unneeded drops and timers into one line, and keeps needed drops as arrows', () => {
    const scenario = { n: N, clients: 1, byzantine: [] } as unknown as Scenario;
    const needed = drop(3, 0, 1, order(1), 'tape');
    const events: TraceEvent[] = [ev.timer(1, 1, 'view'), ev.timer(2, 1, 'view'), drop(2, 4, 2, '{}', 'lost'), needed, ev.timer(4, 2, 'view')];
    const diagram = sequenceDiagram({ scenario, events, violating: new Set(), omitted: new Map([[needed, 'dropped (tape), needed by R1']]) });
    const lines = diagram.split('\n').filter((l) => !l.includes('participant'));
    expect(lines).toEqual([
      'sequenceDiagram',
      '  Note over R1,C4: ⋯ 2 timers (R1 view ×2) · 1 message dropped, none needed ⋯',
      '  R0-xR1: MISSING, dropped (tape), needed by R1: ORDER slot 1, op #34;op1#34;',
      '  Note over R2: timer view',
    ]);
  });
});
