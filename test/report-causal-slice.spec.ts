import { describe, expect, it } from 'vitest';
import type { Violation } from '../src/property.js';
import { causalSlice, causalSliceIndices, violatingIndices, violationSteps } from '../src/report/causal-slice.js';
import type { TraceEvent } from '../src/sim/trace.js';
import { ev } from './report-fixtures.js';

/** Client 4 asks replica 0, which tells 1 and 2; 2 gossips to 1; 1 answers the client. */
const trace: TraceEvent[] = [
  ev.timer(0, 4), // 0
  ev.submit(0, 4, 1, 'op'), // 1
  ev.send(0, 1, 4, 0), // 2
  ev.deliver(1, 1, 4, 0), // 3
  ev.commit(1, 0, 1, 'op'), // 4
  ev.send(1, 2, 0, 1), // 5
  ev.send(1, 3, 0, 2), // 6
  ev.deliver(2, 3, 0, 2), // 7: a branch the violation does not depend on
  ev.commit(2, 2, 1, 'op'), // 8
  ev.send(2, 4, 2, 1), // 9
  ev.deliver(3, 2, 0, 1), // 10
  ev.commit(3, 1, 1, 'bad'), // 11
  ev.execute(3, 1, 1, 'bad'), // 12
  ev.log(3, 1, 'chatter'), // 13
  ev.send(3, 5, 1, 4), // 14: a consequence, not a cause
  ev.deliver(4, 4, 2, 1), // 15
];

function violation(steps: number[], nodes: number[] = [1], seqs: number[] = [1]): Violation {
  return { property: 'agreement', message: 'm', nodes, seqs, values: [], steps };
}

describe('causalSlice', () => {
  it('keeps the violating step, its delivery, the send behind it and so on back to the client submit, in trace order', () => {
    expect(causalSliceIndices(trace, [3])).toEqual([0, 1, 2, 3, 4, 5, 10, 11, 12]);
  });

  it('leaves out unrelated branches, consequences of the violation, and logs', () => {
    const kept = causalSlice(trace, [3]);
    expect(kept).not.toContain(trace[6]);
    expect(kept).not.toContain(trace[7]);
    expect(kept).not.toContain(trace[13]);
    expect(kept).not.toContain(trace[14]);
    expect(kept).not.toContain(trace[15]);
  });

  it('unions the histories of several steps without repeating events', () => {
    const both = causalSliceIndices(trace, [3, 2, 3]);
    expect(both).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12]);
    expect(new Set(both).size).toBe(both.length);
  });

  it('includes the submit of a request whose retransmission (at a later step) is the cause', () => {
    const retransmit: TraceEvent[] = [
      ev.timer(0, 4), ev.submit(0, 4, 7, 'op'), ev.send(0, 1, 4, 0), // 0-2: first try, never delivered
      ev.timer(5, 4, 'retransmit'), ev.send(5, 2, 4, 1), // 3-4
      ev.deliver(6, 2, 4, 1), ev.commit(6, 1, 1, 'op'), // 5-6
    ];
    expect(causalSliceIndices(retransmit, [6])).toEqual([1, 3, 4, 5, 6]);
  });

  it('leaves out drops at a relevant step unless named as extra events (the omission analysis decides which were needed)', () => {
    const dropping: TraceEvent[] = [ev.timer(0, 0, 'view'), ev.drop(0, 0, 1, 'partition'), ev.send(0, 1, 0, 2), ev.deliver(1, 1, 0, 2), ev.commit(1, 2, 1, 'x')];
    expect(causalSlice(dropping, [1]).map((e) => e.kind)).toEqual(['timer', 'send', 'deliver', 'commit']);
    expect(causalSliceIndices(dropping, [1], [1])).toEqual([0, 1, 2, 3, 4]);
  });

  it('pulls in the history of an extra event: a drop brings the step that sent it', () => {
    const t: TraceEvent[] = [ev.send(0, 1, 4, 0), ev.deliver(1, 1, 4, 0), ev.drop(1, 0, 1), ev.commit(1, 0, 1, 'x'), ev.timer(2, 1, 'view')];
    expect(causalSliceIndices(t, [2], [2])).toEqual([0, 1, 2, 3, 4]);
  });

  it('is empty for steps the trace does not have, and stops at a delivery whose send is not in the trace', () => {
    expect(causalSlice(trace, [99])).toEqual([]);
    expect(causalSliceIndices([ev.deliver(1, 9, 0, 1), ev.commit(1, 1, 1, 'x')], [1])).toEqual([0, 1]);
  });
});

describe('violation evidence', () => {
  it('collects the steps of all violations, sorted and unique', () => {
    expect(violationSteps([violation([7, 3]), violation([3, 5])])).toEqual([3, 5, 7]);
  });

  it('marks the decisions at the violation steps by the violation nodes and seqs, not other events there', () => {
    const hits = violatingIndices(trace, [violation([3])]);
    expect([...hits].sort((a, b) => a - b)).toEqual([11, 12]);
    expect(violatingIndices(trace, [violation([3], [1], [2])]).size).toBe(0);
    expect(violatingIndices(trace, [violation([3], [2])]).size).toBe(0);
  });
});
