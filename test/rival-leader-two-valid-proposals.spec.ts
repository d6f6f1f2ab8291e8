import { describe, expect, it } from 'vitest';
import { ADVERSARIES } from '../adversaries/index.js';
import { rivalLeader, type RivalLeaderParams } from '../adversaries/rival-leader.js';
import { PROPERTIES } from '../properties/index.js';
import type { Target } from '../src/adapter/contract.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { traceHash } from '../src/check/trace-hash.js';
import { judge } from '../src/check/verdict.js';
import type { Scenario } from '../src/scenario/types.js';
import type { TraceEvent } from '../src/sim/trace.js';
import chainedHotstuff from './fixtures/chained-hotstuff.js';
import { fourRequestScenario } from './fixtures/four-requests.js';

const ADVERSARY_MAP = new Map(ADVERSARIES.map((a) => [a.name, a]));
const target = chainedHotstuff as unknown as Target<unknown>;

// Replica 0 leads view 4 of the chained-HotStuff fixture (no codec; QCs are lists of [signer, sig]
// tuples) — not the run's first view. Its code proposes the pending batch; its twin, which missed
// every other client request, proposes another batch on the same QC. Replica 3 (the real side)
// gets its code's block, replicas 1 and 2 (the rival side) its twin's: two valid blocks for one
// view, each hashed and signed by the fixture's own code, each voted for by a correct replica.
const PLAN: RivalLeaderParams = { lead: 0, every: false, dark: 0, rivals: 2, drop: 1, deaf: false, narrow: false, cutMs: 0, cutLengthMs: 500 };

function planScenario(params: RivalLeaderParams): Scenario {
  return fourRequestScenario([{ node: 0, adversary: 'rival-leader', params }], {
    clients: 4,
    requests: [
      { client: 0, atMs: 0, operation: 'put a 1' }, { client: 1, atMs: 0, operation: 'put b 2' },
      // Still pending when replica 0 leads view 4.
      { client: 2, atMs: 5, operation: 'get a' }, { client: 3, atMs: 5, operation: 'put c 3' },
    ],
  });
}

type Sent = { from: number; to: number; payload: Record<string, unknown> };

function sends(trace: readonly TraceEvent[]): Sent[] {
  return trace.flatMap((e) => (e.kind === 'send' && e.to < 4 ? [{ from: e.from, to: e.to, payload: JSON.parse(e.payload) as Record<string, unknown> }] : []));
}

describe('rival-leader: two valid proposals for a view the faulty replica leads, codec-free', () => {
  it('sends its code\'s block to one side and its twin\'s to the other, and a correct replica votes for each', async () => {
    const s = planScenario(PLAN);
    const out = await runScenarioChecked(s, { target, adversaries: ADVERSARY_MAP, properties: PROPERTIES }, true);
    const all = sends(out.trace ?? []);
    const proposals = all.filter((m) => m.from === 0 && m.payload.t === 'prop' && m.payload.v === 4);
    const hashOf = (m: Sent): string => (m.payload.blk as { hash: string }).hash;
    const byRecipient = new Map(proposals.map((m) => [m.to, hashOf(m)]));
    const real = byRecipient.get(3);
    const rival = byRecipient.get(1);
    expect(real).toBeDefined();
    expect(rival).toBeDefined();
    expect(rival).not.toBe(real);
    expect(byRecipient.get(2)).toBe(rival);
    const votes = all.filter((m) => m.payload.t === 'vote' && m.payload.v === 4).map((m) => [m.from, m.payload.hash]);
    expect(votes).toContainEqual([3, real]);
    expect(votes).toContainEqual([2, rival]);
    // Quorums intersect: the correct fixture keeps agreement and serves every request.
    expect(judge(s, out.facts, PROPERTIES).violations.map((v) => v.property)).toEqual([]);
    expect(out.facts.accepted.length).toBe(4);
  });

  it('is deterministic: the same plan gives the same trace', async () => {
    const run = async (): Promise<string> => traceHash((await runScenarioChecked(planScenario(PLAN), { target, adversaries: ADVERSARY_MAP }, true)).trace ?? []);
    expect(await run()).toBe(await run());
  });

  it('asks the network for the victim\'s cut only when the plan has one', () => {
    const at = { node: 0, n: 4, coalition: [0] };
    expect(rivalLeader.partitions?.(PLAN, at)).toEqual([]);
    // The rival side's first replica after the faulty one is the victim.
    expect(rivalLeader.partitions?.({ ...PLAN, dark: 1, cutMs: 200, cutLengthMs: 4_000 }, at)).toEqual([{ startMs: 200, endMs: 4_200, side: [2], direction: 'out' }]);
  });
});
