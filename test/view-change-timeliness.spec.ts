import { describe, expect, it } from 'vitest';
import { ADVERSARIES } from '../adversaries/index.js';
import { PROPERTIES } from '../properties/index.js';
import { viewChangeTimeliness } from '../properties/view-change-timeliness.js';
import type { ReplicaContext, Target } from '../src/adapter/contract.js';
import { runScenario, type RunContext } from '../src/check/run-scenario.js';
import type { Scenario } from '../src/scenario/types.js';
import type { RunFacts } from '../src/sim/facts.js';
import pbft, { PbftReplica, type PbftMessage } from '../targets/pbft/index.js';

/**
 * A surviving mutant of the mutation benchmark, applied by hand (replica.ts, checkViewChangeQuorum:
 * `else if (this.timerArmedForView !== w)` → `else if (true)`): a backup re-arms the timer waiting
 * for the NEW-VIEW at every VIEW-CHANGE for the view, and replicas re-send theirs at every status
 * tick, so a silent new primary is suspected only once the status back-off outgrows the timeout.
 */
class RearmsOnEveryViewChange extends PbftReplica {
  protected override checkViewChangeQuorum(w: number): void {
    this.timerArmedForView = -1;
    super.checkViewChangeQuorum(w);
  }
}

/** The reference with a realistic bug: stopping the view-change timer forgets to cancel it. */
class TimerNeverCancelled extends PbftReplica {
  protected override stopViewChangeTimer(): void {
    this.viewChangeTimerRunning = false;
  }
}

/**
 * n = 7 with replicas 0 and 1 silent from the start — the primaries of views 0 and 1 — and a
 * network that never drops: the backups time out on view 0, change to view 1 (whose primary is
 * silent too: they must time out again) and then to view 2. One client, six requests.
 */
const TWO_SILENT_PRIMARIES: Scenario = {
  version: 1, n: 7, clients: 1,
  requests: [0, 100, 200, 1500, 1600, 3000].map((atMs, i) => ({ client: 0, atMs, operation: `put a ${i}` })),
  byzantine: [{ node: 0, adversary: 'silent', params: {} }, { node: 1, adversary: 'silent', params: {} }], beyondF: false,
  network: { delayMsMin: 1, delayMsMax: 5, preGstDelayMsMax: 5, dropPercent: 0, partitions: [] },
  gstMs: 0, limits: { timeMs: 20_000, events: 500_000 }, seed: 1, tape: [],
};

function run(create: (ctx: ReplicaContext<PbftMessage>) => PbftReplica): RunFacts {
  const target: Target<PbftMessage> = { ...pbft, createReplica: create };
  const context: RunContext = { target: target as Target<unknown>, adversaries: new Map(ADVERSARIES.map((a) => [a.name, a])) };
  return (runScenario(TWO_SILENT_PRIMARIES, context) as { facts: RunFacts }).facts;
}

/** The properties other than view-change-timeliness that the run violates. */
function others(facts: RunFacts): string[] {
  return PROPERTIES.filter((p) => p !== viewChangeTimeliness).flatMap((p) => p.check(facts).map((v) => v.property));
}

describe('view-change-timeliness', () => {
  it('holds for the reference PBFT, which waits out each silent primary for its timeout and no longer', () => {
    const facts = run((ctx) => new PbftReplica(ctx));
    // View 1 is entered at 601 ms and left 801 ms later: the doubled timeout (800 ms) and one delay.
    expect(facts.views.filter((v) => v.replica === 2).map((v) => [v.view, v.timeMs, v.leader])).toEqual([[0, 100, 0], [1, 601, 1], [2, 1402, 2]]);
    expect(viewChangeTimeliness.check(facts)).toEqual([]);
    expect(others(facts)).toEqual([]);
  });

  it('flags the surviving mutant that re-arms the NEW-VIEW timer at every VIEW-CHANGE, which every other property accepts', () => {
    const facts = run((ctx) => new RearmsOnEveryViewChange(ctx));
    expect(others(facts)).toEqual([]);
    expect(viewChangeTimeliness.check(facts).map((v) => v.message)).toEqual([
      'every honest replica stayed in view 1, whose leader 1 is silent, from 601 ms past 1411 ms = that + timeliness bound 10 ms + leader timeout 800 ms ' +
      '(replica 6 left only at 2102 ms): 2 faulty ≤ f = 2, every faulty replica silent and the network synchronous (nothing dropped or duplicated) from 0 ms on',
    ]);
  });

  it('flags a needless view change away from a working primary once the faulty replicas are silent', () => {
    const facts = run((ctx) => new TimerNeverCancelled(ctx));
    expect(others(facts)).toEqual([]);
    const [v, ...rest] = viewChangeTimeliness.check(facts);
    expect(rest).toEqual([]);
    expect(v?.message).toMatch(/^replica 3 moved from view 2 to view 3 at 2623 ms, a needless view change: .* every honest replica in view 2 from 1402 ms, none behind, and its leader working/);
  });

  it('judges nothing while a faulty replica may still be sending, nor views reached before the run settled', () => {
    const facts = run((ctx) => new RearmsOnEveryViewChange(ctx));
    expect(viewChangeTimeliness.check({ ...facts, syncFromMs: facts.endTimeMs, settledFromMs: facts.endTimeMs })).toEqual([]);
    // Settled only once every replica had moved to view 1: its wait is no longer judged, view 2 works.
    expect(viewChangeTimeliness.check({ ...facts, syncFromMs: 700 })).toEqual([]);
  });

  it('without a declared leader, waits out every view that executes no fresh request', () => {
    const facts = run((ctx) => new RearmsOnEveryViewChange(ctx));
    const views = facts.views.map(({ leader: _leader, ...v }) => v);
    expect(viewChangeTimeliness.check({ ...facts, views })).toEqual([]);
  });
});
