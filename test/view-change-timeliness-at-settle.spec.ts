import { describe, expect, it } from 'vitest';
import { ADVERSARIES } from '../adversaries/index.js';
import { PROPERTIES } from '../properties/index.js';
import { viewChangeTimeliness } from '../properties/view-change-timeliness.js';
import type { ClientRequest, ReplicaContext, Target } from '../src/adapter/contract.js';
import { runScenario, type RunContext } from '../src/check/run-scenario.js';
import type { Scenario } from '../src/scenario/types.js';
import type { RunFacts } from '../src/sim/facts.js';
import pbft, { PbftReplica, type PbftMessage } from '../targets/pbft/index.js';

/**
 * A surviving mutant of the mutation benchmark, applied by hand (replica-core.ts, executeRequest:
 * `return true` → `return false`): an execution never resets the view-change back-off, so once a
 * replica has changed view it waits the doubled timeout for every later silent primary too. The
 * mutation suite's default campaign kills it (and the two other survivors of that class, replica-
 * core.ts:332 and :334) at run 161 of seed 1 with this judgement.
 */
class BackoffNeverReset extends PbftReplica {
  protected override executeRequest(seq: number, r: ClientRequest): boolean {
    super.executeRequest(seq, r);
    return false;
  }
}

/**
 * Run 268 of the crash / silent campaign of seed 11:
 * slow links before GST (665 ms) make the backups leave view 0 at 693 ms; view 1's primary, replica
 * 1, executes requests in it and then crashes (after 45 sends), and the run settles at 697 ms while
 * every honest replica is in view 1 — a view entered before the run settled.
 */
const CRASH_IN_VIEW_ONE: Scenario = {"version":1,"n":4,"clients":2,"requests":[{"client":0,"atMs":172,"operation":"get b"},{"client":0,"atMs":52,"operation":"put b 25"},{"client":0,"atMs":93,"operation":"get c"},{"client":0,"atMs":2,"operation":"put b 38"},{"client":1,"atMs":92,"operation":"get a"},{"client":0,"atMs":156,"operation":"get a"},{"client":0,"atMs":1,"operation":"transfer 1 alice carol"},{"client":0,"atMs":9,"operation":"put a 34"},{"client":0,"atMs":96,"operation":"transfer 97 carol carol"},{"client":0,"atMs":107,"operation":"get b"},{"client":0,"atMs":183,"operation":"transfer 16 bob alice"},{"client":0,"atMs":192,"operation":"transfer 83 carol carol"}],"byzantine":[{"node":1,"adversary":"crash","params":{"afterSends":45}}],"beyondF":false,"network":{"delayMsMin":1,"delayMsMax":4,"preGstDelayMsMax":24,"dropPercent":0,"duplicatePercent":28,"partitions":[{"startMs":867,"endMs":970,"side":[2,3],"direction":"both"},{"startMs":173,"endMs":542,"side":[2,3],"direction":"out"}],"roundPartitions":[{"round":0,"groups":[0,1,0,1]},{"round":5,"groups":[0,1,0,1]}]},"gstMs":665,"limits":{"timeMs":130265,"events":500000},"seed":792205698,"tape":[112,234,180,229,195,17,165]};

function run(create: (ctx: ReplicaContext<PbftMessage>) => PbftReplica): RunFacts {
  const target: Target<PbftMessage> = { ...pbft, createReplica: create };
  const context: RunContext = { target: target as Target<unknown>, adversaries: new Map(ADVERSARIES.map((a) => [a.name, a])) };
  return (runScenario(CRASH_IN_VIEW_ONE, context) as { facts: RunFacts }).facts;
}

/** The properties other than view-change-timeliness that the run violates. */
function others(facts: RunFacts): string[] {
  return PROPERTIES.filter((p) => p !== viewChangeTimeliness).flatMap((p) => p.check(facts).map((v) => v.property));
}

describe('view-change-timeliness in the view the faults left the replicas in', () => {
  it('holds for the reference PBFT, which leaves the crashed primary one base timeout after its last execution', () => {
    const facts = run((ctx) => new PbftReplica(ctx));
    expect(facts.views.filter((v) => v.replica === 0).map((v) => [v.view, v.timeMs])).toEqual([[0, 18], [1, 694], [2, 1097]]);
    expect(viewChangeTimeliness.check(facts)).toEqual([]);
    expect(others(facts)).toEqual([]);
  });

  it('flags the surviving mutant whose back-off an execution never resets, which every other property accepts', () => {
    const facts = run((ctx) => new BackoffNeverReset(ctx));
    expect(others(facts)).toEqual([]);
    expect(viewChangeTimeliness.check(facts).map((v) => v.message)).toEqual([
      'every honest replica stayed in view 1, whose leader 1 is silent, past 1307 ms = max(submission of request 1 of client 5 at 92 ms, settled, ' +
      'the view\'s last execution at 697 ms) + one client retransmission 200 ms + timeliness bound 10 ms + leader timeout 400 ms, though no honest replica ' +
      'executed that request in the view and honest replicas ran its normal case (replica 0 left only at 1497 ms): 1 faulty ≤ f = 1, every faulty replica ' +
      'silent and the network synchronous (nothing dropped or duplicated) from 697 ms on',
    ]);
  });

  it('does not judge that view without the target\'s leader timeouts, nor once the run settles after it was left', () => {
    const facts = run((ctx) => new BackoffNeverReset(ctx));
    const { leaderTimeoutsMs: _timeouts, ...undeclared } = facts;
    expect(viewChangeTimeliness.check(undeclared)).toEqual([]);
    expect(viewChangeTimeliness.check({ ...facts, syncFromMs: 1500 })).toEqual([]);
  });
});
