import { describe, expect, it } from 'vitest';
import { timeliness } from '../properties/timeliness.js';
import type { ExecuteFact, RunFacts, SubmitFact, ViewFact } from '../src/sim/facts.js';

const submit = (requestId: number, timeMs: number): SubmitFact => ({ client: 4, requestId, operation: `op${requestId}`, step: requestId, timeMs });
const exec = (replica: number, requestId: number, timeMs: number): ExecuteFact => ({
  replica, seq: requestId, operation: `op${requestId}`, result: 'ok', origin: { client: 4, requestId }, step: 100 + replica, timeMs,
});
const view = (replica: number, v: number, timeMs: number): ViewFact => ({ replica, view: v, step: 1_000 + timeMs, timeMs });
const everyone = (requestId: number, timeMs: number): ExecuteFact[] => [0, 1, 2, 3].map((r) => exec(r, requestId, timeMs));

/** A calm run of n = 4 honest replicas with a 100 ms bound, GST at 500 ms, that went quiet at 2 s. */
function facts(parts: Partial<RunFacts>): RunFacts {
  return {
    n: 4, f: 1, honest: [true, true, true, true], gstMs: 500, livenessBoundMs: 10_000, timelinessBoundMs: 100,
    commits: [], executions: [], replies: [], installs: [], memberships: [], submitted: [], accepted: [], replicaErrors: [],
    views: [0, 1, 2, 3].map((r) => view(r, 0, 5)),
    events: 10, deliveries: 10, drops: 0, lostAfterGst: 0, faultsFromMs: Number.POSITIVE_INFINITY, calmUntilMs: Number.POSITIVE_INFINITY, calmDelayMsMax: 10, rejectedSignatures: 0, endTimeMs: 2_000, stopReason: 'quiescent',
    ...parts,
  };
}

describe('timeliness', () => {
  it('holds when every honest replica executes each request within the bound of its submission, GST notwithstanding', () => {
    expect(timeliness.check(facts({ submitted: [submit(1, 0), submit(2, 40)], executions: [...everyone(1, 30), ...everyone(2, 140)] }))).toEqual([]);
  });

  it('flags a request executed late by one replica in a calm run, naming it, the deadline and why nothing excuses it', () => {
    const executions = [...[0, 1, 2].map((r) => exec(r, 1, 30)), exec(3, 1, 350)];
    const [v, ...rest] = timeliness.check(facts({ submitted: [submit(1, 20)], executions }));
    expect(rest).toEqual([]);
    expect(v?.property).toBe('timeliness');
    expect(v?.nodes).toEqual([4, 3]);
    expect(v?.steps).toEqual([1]);
    expect(v?.message).toContain('was not executed by replica 3 by 120 ms = submission + timeliness bound 100 ms');
    expect(v?.message).toContain('every replica honest and the network synchronous for the whole run');
  });

  it('flags a needless view change in a calm run, however fast the requests were', () => {
    const views = [...facts({}).views, view(2, 1, 400), view(1, 1, 403)];
    const [v, ...rest] = timeliness.check(facts({ submitted: [submit(1, 0)], executions: everyone(1, 30), views }));
    expect(rest).toEqual([]);
    expect(v?.message).toContain('replica 2 moved from view 0 to view 1 at 400 ms, a needless view change');
    expect(v?.message).toContain('; replica 1 followed by 403 ms');
    expect(v?.nodes).toEqual([2, 1]);
  });

  it('flags a replica whose first message already asks for a later view than the others start in', () => {
    const views = [view(0, 0, 5), view(1, 0, 5), view(2, 0, 5), view(3, 1, 400)];
    expect(timeliness.check(facts({ views })).map((v) => v.nodes)).toEqual([[3]]);
  });

  it('excuses slowness and view changes once the network has misbehaved, before GST as after it', () => {
    const slow = { submitted: [submit(1, 20), submit(2, 300)], executions: [...everyone(1, 30), ...everyone(2, 900)], views: [...facts({}).views, view(2, 1, 600)] };
    // The first late message was sent at 350 ms: request 2's deadline (400 ms) and the view change come after it.
    expect(timeliness.check(facts({ ...slow, calmUntilMs: 350 }))).toEqual([]);
    // A deadline must come strictly before the calm ends; the same run calm until 401 ms is judged.
    expect(timeliness.check(facts({ ...slow, calmUntilMs: 401 })).map((v) => v.nodes)).toEqual([[4, 0, 1, 2, 3]]);
    expect(timeliness.check(facts({ ...slow, calmUntilMs: 601 })).length).toBe(2);
  });

  it('judges a faulty replica\'s run only before its strategy starts, and not runs stopped by an error or a tripwire, or targets without a bound', () => {
    const slow = { submitted: [submit(1, 0), submit(2, 300)], executions: [...everyone(1, 30), ...everyone(2, 900)], views: [...facts({}).views, view(1, 1, 600)] };
    expect(timeliness.check(facts(slow)).length).toBe(2);
    // Replica 3 crashes at 700 ms: request 2 (due at 400 ms) is judged, the view change at 600 ms too; replica 3 itself owes nothing.
    const crashed = facts({ ...slow, honest: [true, true, true, false], faultsFromMs: 700, executions: [...everyone(1, 30), ...everyone(2, 900)].filter((e) => e.replica !== 3) });
    const [late, moved] = timeliness.check(crashed);
    expect(late?.nodes).toEqual([4, 0, 1, 2]);
    expect(late?.message).toContain('every replica running the honest code until 700 ms (when a faulty replica\'s strategy starts) and the network synchronous');
    expect(moved?.nodes).toEqual([1]);
    expect(timeliness.check(facts({ ...slow, honest: [true, true, true, false], faultsFromMs: 350 })).map((v) => v.message)).toEqual([]);
    expect(timeliness.check(facts({ ...slow, honest: [true, true, true, false], faultsFromMs: 0 }))).toEqual([]);
    expect(timeliness.check(facts({ ...slow, stopReason: 'replica-error' }))).toEqual([]);
    expect(timeliness.check(facts({ ...slow, stopReason: 'violation' }))).toEqual([]);
    expect(timeliness.check(facts({ ...slow, timelinessBoundMs: undefined }))).toEqual([]);
  });

  it('judges no deadline past the end of a run cut short by a limit', () => {
    const cut = { submitted: [submit(1, 0), submit(2, 1_950)], executions: everyone(1, 30), stopReason: 'time-limit' as const };
    expect(timeliness.check(facts(cut))).toEqual([]);
    expect(timeliness.check(facts({ ...cut, stopReason: 'quiescent' })).map((v) => v.values)).toEqual([['op2']]);
  });

  it('owes a request only to the members of the view at its slot, and counts state transfer as done', () => {
    const memberships = [{ replica: 0, fromSeq: 0, members: [0, 1, 2], step: 0, timeMs: 0 }];
    const executions = [0, 1].map((r) => exec(r, 1, 30));
    const installs = [{ replica: 2, seq: 3, digest: 'd', step: 50, timeMs: 90 }];
    expect(timeliness.check(facts({ submitted: [submit(1, 0)], executions, installs, memberships }))).toEqual([]);
    expect(timeliness.check(facts({ submitted: [submit(1, 0)], executions, memberships })).map((v) => v.nodes)).toEqual([[4, 2]]);
  });
});
