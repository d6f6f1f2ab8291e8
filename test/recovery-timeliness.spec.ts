import { describe, expect, it } from 'vitest';
import { ADVERSARIES } from '../adversaries/index.js';
import { liveness } from '../properties/liveness.js';
import { recoveryTimeliness } from '../properties/recovery-timeliness.js';
import { timeliness } from '../properties/timeliness.js';
import type { ReplicaContext, Target } from '../src/adapter/contract.js';
import { runScenario, type RunContext } from '../src/check/run-scenario.js';
import type { Scenario } from '../src/scenario/types.js';
import type { RunFacts } from '../src/sim/facts.js';
import pbft, { PbftReplica, type PbftMessage } from '../targets/pbft/index.js';

/** The reference with one realistic bug: stopping the view-change timer forgets to cancel it. */
class TimerNeverCancelled extends PbftReplica {
  protected override stopViewChangeTimer(): void {
    this.viewChangeTimerRunning = false;
  }
}

/** The reference with another: the primary ignores requests its backups forward (clients retransmit to it 200 ms later). */
class IgnoresForwards extends PbftReplica {
  protected override onForwardedRequest(): void {}
}

/**
 * Replica 0, view 0's primary, is cut off until 450 ms, so the others move to view 1; GST at 500 ms,
 * and the client's five later requests come after it, one every 100 ms.
 */
const PARTITIONED_PRIMARY: Scenario = {
  version: 1, n: 4, clients: 1,
  requests: [0, 600, 700, 800, 900, 1000].map((atMs, i) => ({ client: 0, atMs, operation: `put a ${i}` })),
  byzantine: [], beyondF: false,
  network: { delayMsMin: 1, delayMsMax: 5, preGstDelayMsMax: 5, dropPercent: 0, partitions: [{ startMs: 0, endMs: 450, side: [0], direction: 'both' }] },
  gstMs: 500, limits: { timeMs: 20_000, events: 500_000 }, seed: 1, tape: [],
};

function run(create: (ctx: ReplicaContext<PbftMessage>) => PbftReplica): RunFacts {
  const target: Target<PbftMessage> = { ...pbft, createReplica: create };
  const context: RunContext = { target: target as Target<unknown>, adversaries: new Map(ADVERSARIES.map((a) => [a.name, a])) };
  return (runScenario(PARTITIONED_PRIMARY, context) as { facts: RunFacts }).facts;
}

describe('recovery-timeliness', () => {
  it('holds for the reference PBFT, which changes view once for the partition and then stays put', () => {
    const facts = run((ctx) => new PbftReplica(ctx));
    expect(facts.settledTimelinessBoundMs).toBe(50);
    expect(Math.max(...facts.views.map((v) => v.view))).toBe(1);
    expect(recoveryTimeliness.check(facts)).toEqual([]);
  });

  it('flags a view-change timer left running after the recovery, which liveness and timeliness accept', () => {
    const facts = run((ctx) => new TimerNeverCancelled(ctx));
    expect(liveness.check(facts)).toEqual([]);
    expect(timeliness.check(facts)).toEqual([]);
    const [v, ...rest] = recoveryTimeliness.check(facts);
    expect(rest).toEqual([]);
    expect(v?.message).toBe(
      'replica 0 moved from view 1 to view 2 at 1401 ms, a needless view change: every replica honest, the network reliable after GST, and the cluster recovered by 611 ms ' +
      '(request 2 of client 4, submitted at 606 ms, was done by every replica in view 1 with no view change, and every earlier request too); replicas 2, 3, 1 followed',
    );
  });

  it('flags a primary that ignores forwarded requests once replica 0, whom clients ask first, is a backup: the witness itself may be slow', () => {
    const facts = run((ctx) => new IgnoresForwards(ctx));
    expect(liveness.check(facts)).toEqual([]);
    expect(timeliness.check(facts)).toEqual([]);
    const violations = recoveryTimeliness.check(facts);
    expect(violations.length).toBeGreaterThan(0);
    expect(violations[0]?.message).toMatch(/^request 3 of client 4 \("put a 2", submitted at \d+ ms\) was not executed by replicas 0, 1, 2, 3 by \d+ ms = submission \+ timeliness bound 50 ms/);
  });

  it('does not judge a run with a faulty replica, whose faults may go on for ever', () => {
    const facts = run((ctx) => new TimerNeverCancelled(ctx));
    expect(recoveryTimeliness.check({ ...facts, honest: [false, true, true, true], faultsFromMs: 0 })).toEqual([]);
  });
});
