import { describe, expect, it } from 'vitest';
import { ADVERSARIES } from '../adversaries/index.js';
import { crash } from '../adversaries/crash.js';
import { PROPERTIES } from '../properties/index.js';
import type { ReplicaContext, Target } from '../src/adapter/contract.js';
import { runScenario, type RunContext } from '../src/check/run-scenario.js';
import { judge } from '../src/check/verdict.js';
import type { ByzantinePlan, Scenario } from '../src/scenario/types.js';
import type { RunFacts } from '../src/sim/facts.js';
import type { TraceEvent } from '../src/sim/trace.js';
import pbft, { PbftReplica, type PbftMessage } from '../targets/pbft/index.js';

/** The reference with one realistic bug: a backup that saw 2f+1 VIEW-CHANGEs never arms the timer that waits for the NEW-VIEW. */
class WaitsForNewViewForever extends PbftReplica {
  protected override checkViewChangeQuorum(w: number): void {
    const byView = this.viewChanges.get(w);
    if (byView === undefined || byView.size < this.viewChangeQuorum()) return;
    if (this.primaryOf(w) === this.id) this.sendNewView(w, [...byView.values()]);
  }
}

function scenario(n: number, byzantine: ByzantinePlan[]): Scenario {
  return {
    version: 1, n, clients: 1, requests: [{ client: 0, atMs: 0, operation: 'put a 1' }], byzantine, beyondF: false,
    network: { delayMsMin: 1, delayMsMax: 5, preGstDelayMsMax: 5, dropPercent: 0 },
    gstMs: 0, limits: { timeMs: 40_000, events: 500_000 }, seed: 1, tape: [],
  };
}

function run(s: Scenario, create: (ctx: ReplicaContext<PbftMessage>) => PbftReplica = (ctx) => new PbftReplica(ctx)): { facts: RunFacts; trace: readonly TraceEvent[] | null } {
  const target: Target<PbftMessage> = { ...pbft, createReplica: create };
  const context: RunContext = { target: target as Target<unknown>, adversaries: new Map(ADVERSARIES.map((a) => [a.name, a])) };
  return runScenario(s, context, true) as { facts: RunFacts; trace: readonly TraceEvent[] | null };
}

describe('crash after a number of sends', () => {
  it('cuts a broadcast short: the primary\'s PRE-PREPARE reaches the first two backups only, and nothing follows it', () => {
    const { trace } = run(scenario(4, [{ node: 0, adversary: 'crash', params: { afterSends: 2 } }]));
    const fromPrimary = (trace ?? []).flatMap((e) => (e.kind === 'deliver' && e.from === 0 && e.to < 4 ? [e] : []));
    expect(fromPrimary.map((e) => e.to)).toEqual([1, 2]);
    expect(fromPrimary.every((e) => String(e.payload).includes('PRE-PREPARE'))).toBe(true);
  });

  it('draws timed and send-triggered crashes alike, and the schema takes both (a timed plan is unchanged)', () => {
    expect(crash.schema.parse({ atMs: 30 })).toEqual({ atMs: 30 });
    expect(crash.schema.parse({ afterSends: 7 })).toEqual({ afterSends: 7 });
    expect(() => crash.schema.parse({ atMs: 1, afterSends: 2 })).toThrow();
  });

  it('finds a replica that never arms its NEW-VIEW timer once the next primary crashes in the middle of its NEW-VIEW broadcast (n = 7)', () => {
    // Replica 0 (primary of view 0) is down from the start; replica 1, primary of view 1, crashes
    // after a forward and its VIEW-CHANGE (7 sends) and one NEW-VIEW copy, to the replica that is down.
    const plan: ByzantinePlan[] = [{ node: 0, adversary: 'crash', params: { atMs: 0 } }, { node: 1, adversary: 'crash', params: { afterSends: 8 } }];
    const s = scenario(7, plan);
    const reference = run(s);
    expect(judge(s, reference.facts, PROPERTIES).violations).toEqual([]);
    const mutant = run(s, (ctx) => new WaitsForNewViewForever(ctx));
    // view-change-timeliness too: the honest replicas stay past the leader timeout in view 1, whose primary is down.
    expect(judge(s, mutant.facts, PROPERTIES).violations.map((v) => v.property)).toEqual(['liveness', 'client-liveness', 'view-change-timeliness']);
  });
});
