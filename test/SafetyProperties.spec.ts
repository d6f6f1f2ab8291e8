import { describe, expect, it } from 'vitest';
import { clientSafety } from '../properties/client-safety.js';
import { integrity } from '../properties/integrity.js';
import { totalOrder } from '../properties/total-order.js';
import { validity } from '../properties/validity.js';
import type { ExecuteFact, RunFacts } from '../src/sim/facts.js';
import type { Tripwire } from '../src/property.js';

function facts(parts: Partial<Pick<RunFacts, 'executions' | 'submitted' | 'accepted' | 'replies'>>): RunFacts {
  return {
    n: 4, f: 1, honest: [true, true, true, true], gstMs: 0, livenessBoundMs: undefined, timelinessBoundMs: undefined,
    commits: [], executions: [], replies: [], installs: [], memberships: [], submitted: [], accepted: [], replicaErrors: [], views: [],
    events: 0, deliveries: 0, drops: 0, lostAfterGst: 0, faultsFromMs: Number.POSITIVE_INFINITY, calmUntilMs: Number.POSITIVE_INFINITY, calmDelayMsMax: 10, rejectedSignatures: 0, endTimeMs: 0, stopReason: 'quiescent',
    ...parts,
  };
}

let step = 0;
function exec(replica: number, seq: number, operation: string, origin?: { client: number; requestId: number }): ExecuteFact {
  return { replica, seq, operation, result: `ok:${operation}`, origin, step: step++, timeMs: 0 };
}
const submit = (client: number, requestId: number, operation: string) => ({ client, requestId, operation, step: step++, timeMs: 0 });

describe('validity', () => {
  it('holds when every execution is a submitted operation of the request it names', () => {
    const f = facts({ submitted: [submit(4, 1, 'put a 1')], executions: [exec(0, 1, 'put a 1', { client: 4, requestId: 1 }), exec(1, 1, 'put a 1')] });
    expect(validity.check(f)).toEqual([]);
  });

  it('flags an operation no client submitted', () => {
    const f = facts({ submitted: [submit(4, 1, 'put a 1')], executions: [exec(2, 1, 'put a 666')] });
    const [v] = validity.check(f);
    expect(v?.nodes).toEqual([2]);
    expect(v?.message).toContain('no client submitted it');
  });

  it('flags an operation attributed to a request that submitted something else', () => {
    const f = facts({ submitted: [submit(4, 1, 'put a 1'), submit(5, 1, 'put b 2')], executions: [exec(0, 1, 'put b 2', { client: 4, requestId: 1 })] });
    expect(validity.check(f).map((v) => v.message)).toEqual([
      'replica 0 executed "put b 2" at seq 1 as request 1 of client 4, but that request was "put a 1"',
    ]);
  });
});

describe('integrity', () => {
  it('allows the same operation text from two different requests', () => {
    const f = facts({ executions: [exec(0, 1, 'get a', { client: 4, requestId: 1 }), exec(0, 2, 'get a', { client: 4, requestId: 2 })] });
    expect(integrity.check(f)).toEqual([]);
  });

  it('flags one replica executing one request twice, with both sequence numbers', () => {
    const f = facts({ executions: [exec(1, 1, 'put a 1', { client: 4, requestId: 1 }), exec(1, 3, 'put a 1', { client: 4, requestId: 1 })] });
    const [v] = integrity.check(f);
    expect(v?.seqs).toEqual([1, 3]);
    expect(v?.nodes).toEqual([1, 4]);
  });

  it('does not confuse two replicas each executing the request once', () => {
    const f = facts({ executions: [exec(1, 1, 'x', { client: 4, requestId: 1 }), exec(2, 1, 'x', { client: 4, requestId: 1 })] });
    expect(integrity.check(f)).toEqual([]);
  });
});

describe('total order', () => {
  it('holds for logs that are prefixes of each other, and for a log with a state-transfer gap', () => {
    const f = facts({
      executions: [exec(0, 1, 'a'), exec(0, 2, 'b'), exec(0, 3, 'c'), exec(1, 1, 'a'), exec(1, 2, 'b'), exec(2, 3, 'c')],
    });
    expect(totalOrder.check(f)).toEqual([]);
  });

  it('flags two replicas executing different operations at one slot', () => {
    const f = facts({ executions: [exec(0, 1, 'a'), exec(0, 2, 'b'), exec(1, 1, 'a'), exec(1, 2, 'c')] });
    const [v] = totalOrder.check(f);
    expect(v?.seqs).toEqual([2]);
    expect(v?.values).toEqual(['b', 'c']);
  });

  it('flags a batch executed in a different order', () => {
    const f = facts({ executions: [exec(0, 1, 'a'), exec(0, 1, 'b'), exec(1, 1, 'b'), exec(1, 1, 'a')] });
    expect(totalOrder.check(f)).toHaveLength(1);
  });

  it('flags a replica executing slots out of order', () => {
    const f = facts({ executions: [exec(3, 2, 'b'), exec(3, 1, 'a')] });
    expect(totalOrder.check(f)[0]?.message).toBe('replica 3 executed seq 1 after seq 2');
  });

  it('trips on an execution ahead of the replica\'s decisions once that step is over, not before', () => {
    const wire = (totalOrder.tripwire as () => Tripwire)();
    const f = facts({});
    const commit = (replica: number, seq: number, at: number) => f.commits.push({ replica, seq, value: `v${seq}`, step: at, timeMs: 0 });
    const run = (kind: 'commit' | 'execute', add: () => void) => (add(), wire(f, kind));
    // Replica 1 executes slot 2 while slot 1 is open; a commit of slot 1 in the same step would excuse it.
    expect(run('commit', () => commit(1, 2, 10))).toBe(false);
    expect(run('execute', () => f.executions.push({ ...exec(1, 2, 'b'), step: 10 }))).toBe(false);
    expect(run('commit', () => commit(2, 1, 10))).toBe(false);
    // The next step begins without replica 1 deciding slot 1: the breach is final, as check() says.
    expect(run('commit', () => commit(2, 2, 11))).toBe(true);
    expect(totalOrder.check(f)[0]?.message).toBe('replica 1 executed seq 2 before it had decided seq 1 (decided up to 0)');
  });

  it('does not trip when the same step decides the slot below after executing', () => {
    const wire = (totalOrder.tripwire as () => Tripwire)();
    const f = facts({});
    f.commits.push({ replica: 1, seq: 2, value: 'v2', step: 20, timeMs: 0 });
    expect(wire(f, 'commit')).toBe(false);
    f.executions.push({ ...exec(1, 2, 'b'), step: 20 });
    expect(wire(f, 'execute')).toBe(false);
    f.commits.push({ replica: 1, seq: 1, value: 'v1', step: 20, timeMs: 0 });
    expect(wire(f, 'commit')).toBe(false);
    f.commits.push({ replica: 2, seq: 1, value: 'v1', step: 21, timeMs: 0 });
    expect(wire(f, 'commit')).toBe(false);
    expect(totalOrder.check(f)).toEqual([]);
  });
});

describe('client safety', () => {
  const reply = (replica: number, result: string) => ({ replica, client: 4, requestId: 1, result, step: step++ });
  const accept = (result: string, replicas: number[]) => ({ client: 4, requestId: 1, result, replicas, step: step++, timeMs: 0 });

  it('holds when an honest replica sent the accepted result', () => {
    expect(clientSafety.check(facts({ replies: [reply(0, 'ok'), reply(1, 'ok')], accepted: [accept('ok', [0, 1])] }))).toEqual([]);
  });

  it('flags a result only faulty replicas vouched for', () => {
    const [v] = clientSafety.check(facts({ replies: [reply(0, 'ok')], accepted: [accept('forged', [2, 3])] }));
    expect(v?.nodes).toEqual([4, 2, 3]);
    expect(v?.values).toEqual(['forged']);
  });
});
