import { describe, expect, it } from 'vitest';
import type { Replica, ReplicaContext } from '../src/adapter/contract.js';
import { runScenario } from '../src/check/run-scenario.js';
import { baseScenario, contextFor, targetOf } from './fixtures/world-kit.js';

// A stranger's replica (no codec) sent bigint rounds beside a signed digest; the equivocator at a
// faulty replica threw "Do not know how to serialize a BigInt" comparing its lie with the original,
// so the faulty replica went inert: a silent node instead of an equivocating one.

describe('a strategy working on a payload with bigint fields', () => {
  it('equivocates instead of throwing', async () => {
    const seen = new Map<number, string>();
    const target = targetOf((ctx: ReplicaContext<unknown>): Replica<unknown> => ({
      init: () => {
        if (ctx.config.id === 0) ctx.broadcast({ type: 'PROPOSE', round: 1n, digest: 'abc', sig: ctx.sign('abc') });
      },
      onMessage: (_from, m) => {
        seen.set(ctx.config.id, String((m as { digest?: unknown }).digest));
      },
      onRequest: () => {},
    }));
    const scenario = baseScenario({ byzantine: [{ node: 0, adversary: 'equivocator', params: { mask: 0b0110, variant: 1 } }] });
    const out = await runScenario(scenario, contextFor(target), true);
    expect((out.trace ?? []).filter((e) => e.kind === 'error')).toEqual([]);
    expect(seen.get(3)).toBe('abc');
    expect(seen.get(1)).not.toBe('abc');
    expect(seen.get(2)).toBe(seen.get(1));
  });
});
