import { describe, expect, it } from 'vitest';
import type { Replica, ReplicaContext, Target } from '../src/adapter/contract.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { baseScenario, contextFor, targetOf } from './fixtures/world-kit.js';

// A faulty in-process replica (the target's code under an adversary) whose async handler awaited a
// promise nothing resolves stalled its run for ever: only honest replicas were watched. Its hang is
// handled as a faulty replica's throw is: traced, the replica turned inert, the run going on — no
// finding, since what a faulty slot does is the adversary's (an honest replica running the same
// code on the same event is watched, and its hang is the finding).

const requests = [{ client: 0, atMs: 0, operation: 'get a' }];

function stuckAt(node: number): Target<unknown> {
  return targetOf((ctx: ReplicaContext<unknown>): Replica<unknown> => ({
    onMessage: () => {},
    onRequest: async () => {
      if (ctx.config.id === node) await new Promise(() => {});
      ctx.commit(1, 'x');
    },
  }), { limits: { handlerSettleMs: 300 } });
}

describe('a faulty replica whose async handler never settles', () => {
  it('neither stalls the run nor becomes a finding: it is traced and turned inert', async () => {
    const scenario = baseScenario({ requests, clients: 1, byzantine: [{ node: 0, adversary: 'selective-sender', params: { mask: 15 } }] });
    const out = await runScenarioChecked(scenario, contextFor(stuckAt(0)), true);
    expect(out.facts.replicaErrors).toEqual([]);
    const hung = (out.trace ?? []).filter((e) => e.kind === 'error');
    expect(hung).toHaveLength(1);
    expect(hung[0]).toMatchObject({ node: 0 });
    expect(JSON.stringify(hung[0])).toMatch(/did not settle within 0\.3 s/);
    // The run went on: the honest replicas handled the request after the hang.
    expect(out.facts.commits.filter((c) => c.replica !== 0).length).toBeGreaterThan(0);
  }, 20_000);
});
