import { describe, expect, it } from 'vitest';
import { liveness } from '../properties/liveness.js';
import type { ExecuteFact, RunFacts, SubmitFact } from '../src/sim/facts.js';

const submit = (requestId: number, timeMs: number): SubmitFact => ({ client: 4, requestId, operation: `op${requestId}`, step: requestId, timeMs });
const exec = (replica: number, requestId: number, timeMs: number, withOrigin = true): ExecuteFact => ({
  replica, seq: requestId, operation: `op${requestId}`, result: 'ok', origin: withOrigin ? { client: 4, requestId } : undefined, step: 100, timeMs,
});

function facts(parts: Partial<RunFacts>): RunFacts {
  return {
    n: 4, f: 1, honest: [true, true, true, true], gstMs: 100, livenessBoundMs: 500, timelinessBoundMs: undefined,
    commits: [], executions: [], replies: [], installs: [], memberships: [], submitted: [], accepted: [], replicaErrors: [], views: [],
    events: 10, deliveries: 10, drops: 0, lostAfterGst: 0, faultsFromMs: Number.POSITIVE_INFINITY, calmUntilMs: Number.POSITIVE_INFINITY, calmDelayMsMax: 10, rejectedSignatures: 0, endTimeMs: 10_000, stopReason: 'quiescent',
    ...parts,
  };
}

describe('liveness', () => {
  it('holds when every honest replica executes each request by max(submission, GST) + bound', () => {
    const f = facts({ submitted: [submit(1, 0)], executions: [0, 1, 2, 3].map((r) => exec(r, 1, 600)) });
    expect(liveness.check(f)).toEqual([]);
  });

  it('flags a request an honest replica never executed, naming the replica, the deadline and the premise', () => {
    const f = facts({ submitted: [submit(1, 0)], executions: [0, 1, 2].map((r) => exec(r, 1, 300)) });
    const [v] = liveness.check(f);
    expect(v?.nodes).toEqual([4, 3]);
    expect(v?.message).toContain('by 600 ms = max(submission, GST 100 ms) + bound 500 ms');
    expect(v?.message).toContain('premise held: 0 faulty ≤ f = 1');
  });

  it('flags an execution that came after the deadline', () => {
    const f = facts({ submitted: [submit(1, 200)], executions: [0, 1, 2, 3].map((r) => exec(r, 1, r === 2 ? 701 : 650)) });
    expect(liveness.check(f)[0]?.nodes).toEqual([4, 2]);
  });

  it('does not judge a faulty replica, nor runs with more than f faulty replicas', () => {
    const oneFaulty = facts({ honest: [false, true, true, true], submitted: [submit(1, 0)], executions: [1, 2, 3].map((r) => exec(r, 1, 300)) });
    expect(liveness.check(oneFaulty)).toEqual([]);
    const beyond = facts({ honest: [false, false, true, true], submitted: [submit(1, 0)] });
    expect(liveness.check(beyond)).toEqual([]);
  });

  it('does not judge a deadline beyond the end of a run cut short by a limit, but does once the run went quiet', () => {
    const cut = facts({ stopReason: 'time-limit', endTimeMs: 550, submitted: [submit(1, 0)] });
    expect(liveness.check(cut)).toEqual([]);
    const quiet = facts({ stopReason: 'quiescent', endTimeMs: 550, submitted: [submit(1, 0)] });
    expect(liveness.check(quiet)).toHaveLength(1);
  });

  it('is not judged when the target declares no bound', () => {
    expect(liveness.check(facts({ livenessBoundMs: undefined, submitted: [submit(1, 0)] }))).toEqual([]);
  });
});

describe('liveness with state transfer', () => {
  it('counts a request as done at a replica that installed state covering its slot in time', () => {
    const f = facts({
      submitted: [submit(1, 0)],
      executions: [0, 1, 2].map((r) => exec(r, 1, 300)),
      installs: [{ replica: 3, seq: 5, digest: 'd', step: 50, timeMs: 550 }],
    });
    expect(liveness.check(f)).toEqual([]);
  });

  it('does not count state installed too late, or state that does not reach the slot', () => {
    const late = facts({ submitted: [submit(1, 0)], executions: [0, 1, 2].map((r) => exec(r, 1, 300)), installs: [{ replica: 3, seq: 5, digest: 'd', step: 50, timeMs: 700 }] });
    expect(liveness.check(late)[0]?.nodes).toEqual([4, 3]);
    const short = facts({ submitted: [submit(1, 0)], executions: [0, 1, 2].map((r) => exec(r, 1, 300)), installs: [{ replica: 3, seq: 0, digest: 'd', step: 50, timeMs: 350 }] });
    expect(liveness.check(short)[0]?.nodes).toEqual([4, 3]);
  });

  describe('with declared views (reconfiguration)', () => {
    const view = (replica: number, fromSeq: number, members: number[]) => ({ replica, fromSeq, members, step: 0, timeMs: 0 });
    const n5 = { n: 5, honest: [true, true, true, true, true] };

    it('owes a request only to the honest members of the view at its slot: a spare and a removed replica need not execute', () => {
      const views = [0, 1, 2, 3].map((r) => view(r, 0, [0, 1, 2, 3]));
      const spare = facts({ ...n5, memberships: views, submitted: [submit(1, 0)], executions: [0, 1, 2, 3].map((r) => exec(r, 1, 300)) });
      expect(liveness.check(spare)).toEqual([]);
      const removed = facts({ ...n5, memberships: [...views, view(0, 1, [0, 1, 2, 4])], submitted: [submit(1, 0)], executions: [0, 1, 2, 4].map((r) => exec(r, 1, 300)) });
      expect(liveness.check(removed)).toEqual([]);
    });

    it('owes it to a replica that joined before its slot, and names the view in the premise', () => {
      const memberships = [view(0, 0, [0, 1, 2, 3]), view(0, 1, [0, 1, 2, 3, 4])];
      const [v] = liveness.check(facts({ ...n5, memberships, submitted: [submit(1, 0)], executions: [0, 1, 2, 3].map((r) => exec(r, 1, 300)) }));
      expect(v?.nodes).toEqual([4, 4]);
      expect(v?.message).toContain('premise held: view 0, 1, 2, 3, 4 at seq 1 with 0 faulty ≤ f = 1');
    });

    it('does not judge a request whose view holds more faulty members than it tolerates', () => {
      const memberships = [view(1, 0, [0, 1, 2])];
      const f = facts({ n: 4, honest: [false, true, true, true], memberships, submitted: [submit(1, 0)], executions: [] });
      expect(liveness.check(f)).toEqual([]);
    });
  });
});
