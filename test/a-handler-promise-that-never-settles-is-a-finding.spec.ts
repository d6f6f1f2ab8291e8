import { describe, expect, it } from 'vitest';
import type { Replica, ReplicaContext, Target } from '../src/adapter/contract.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { spaceFor } from '../src/check/space.js';
import { ADVERSARIES } from '../adversaries/index.js';
import { baseScenario, contextFor, targetOf } from './fixtures/world-kit.js';

// A stranger's async replica awaited a promise nothing resolves: `byzcheck run` exited 13 with no
// word (Node's loop ran empty under the awaited run) and a vitest test hung until its timeout.

const requests = [{ client: 0, atMs: 0, operation: 'get a' }];

function stuckAt(node: number, settleMs: number): Target<unknown> {
  return targetOf((ctx: ReplicaContext<unknown>): Replica<unknown> => ({
    onMessage: () => {},
    onRequest: async () => {
      if (ctx.config.id === node) await new Promise(() => {});
      ctx.commit(1, 'x');
    },
  }), { limits: { handlerSettleMs: settleMs } });
}

describe('an async handler whose Promise never settles', () => {
  it('is a replica-contract finding naming the replica and the event, marked a hang', async () => {
    const started = Date.now();
    const out = await runScenarioChecked(baseScenario({ requests, clients: 1 }), contextFor(stuckAt(0, 300)), true);
    const errors = out.facts.replicaErrors;
    expect(errors).toHaveLength(1);
    expect(errors[0]?.replica).toBe(0);
    expect(errors[0]?.event).toMatch(/^request from client 4/);
    expect(errors[0]?.message).toMatch(/did not settle within 0\.3 s/);
    expect(errors[0]?.hang).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 20_000);

  it('keeps the limit out of the scenario, like the other step limits', () => {
    expect(Object.keys(spaceFor(stuckAt(0, 300), ADVERSARIES, false).limits).sort()).toEqual(['events', 'timeMs']);
  });
});
