import { describe, expect, it } from 'vitest';
import type { Replica, ReplicaContext, Target } from '../src/adapter/contract.js';
import { runScenario } from '../src/check/run-scenario.js';
import type { ByzantinePlan, Scenario } from '../src/scenario/types.js';
import type { RunFacts } from '../src/sim/facts.js';
import type { TraceEvent } from '../src/sim/trace.js';
import naive from '../targets/naive-broadcast/index.js';
import { mutateJson } from '../adversaries/mutate-json.js';
import { agreement } from '../properties/agreement.js';
import { baseScenario, contextFor, deliveries, targetOf } from './fixtures/world-kit.js';

interface Proposal {
  readonly value: string;
  readonly round: number;
}

/** Replica 0 broadcasts a proposal and sends one to the client; everyone commits the value it receives. */
const proposer = (ctx: ReplicaContext<unknown>): Replica<unknown> => ({
  init: () => {
    if (ctx.config.id !== 0) return;
    const proposal: Proposal = { value: 'v', round: 1 };
    ctx.broadcast(proposal);
    ctx.send(ctx.config.n, proposal); // to the client (not a replica: never altered)
  },
  onMessage: (_from, payload) => ctx.commit(1, (payload as Proposal).value),
  onRequest: () => {},
});

const equivocating = (node: number, mask: number, variant: number, n = 4): Scenario =>
  baseScenario({ n, byzantine: [{ node, adversary: 'equivocator', params: { mask, variant } } satisfies ByzantinePlan] });

async function run(scenario: Scenario, target: Target<unknown>): Promise<{ facts: RunFacts; trace: readonly TraceEvent[] }> {
  const out = await runScenario(scenario, contextFor(target), true);
  return { facts: out.facts, trace: out.trace ?? [] };
}

const received = (trace: readonly TraceEvent[]) => Object.fromEntries(deliveries(trace).map((d) => [d.to, JSON.parse(d.payload) as unknown]));

describe('the equivocator adversary', () => {
  it('without a codec: replicas in the mask get the first JSON string altered, the others the honest payload', async () => {
    const { facts, trace } = await run(equivocating(0, 0b0110, 1), targetOf(proposer));
    expect(received(trace)).toEqual({
      1: { value: 'v~1', round: 1 },
      2: { value: 'v~1', round: 1 },
      3: { value: 'v', round: 1 },
      4: { value: 'v', round: 1 }, // the client is never lied to
    });
    expect(facts.commits.map((c) => [c.replica, c.value])).toEqual([[1, 'v~1'], [2, 'v~1'], [3, 'v']]);
    expect(facts.honest).toEqual([false, true, true, true]);
    expect(agreement.check(facts)).toHaveLength(1);
  });

  it('the variant picks the alteration', async () => {
    const { facts } = await run(equivocating(0, 0b0010, 3), targetOf(proposer));
    expect(facts.commits.map((c) => [c.replica, c.value])).toEqual([[1, 'v~3'], [2, 'v'], [3, 'v']]);
  });

  it('mask 0 (and a mask naming only itself) is honest behaviour', async () => {
    for (const mask of [0, 0b0001]) {
      const { facts } = await run(equivocating(0, mask, 1), targetOf(proposer));
      expect(facts.commits.map((c) => c.value)).toEqual(['v', 'v', 'v']);
    }
  });

  it('bits beyond n are ignored', async () => {
    const { facts } = await run(equivocating(0, 0b1111_0000, 2), targetOf(proposer));
    expect(facts.commits.map((c) => c.value)).toEqual(['v', 'v', 'v']);
  });

  it("with a codec: the codec's digest is altered (naive-broadcast's value), splitting honest replicas", async () => {
    const scenario = { ...equivocating(0, 0b0100, 1), requests: [{ client: 0, atMs: 0, operation: 'put a 1' }] };
    const { facts } = await run(scenario, naive);
    const byReplica = new Map(facts.commits.filter((c) => c.seq === 1).map((c) => [c.replica, c.value]));
    expect(byReplica.get(2)).toBe('put a 1~1');
    expect(byReplica.get(1)).toBe('put a 1');
    expect(byReplica.has(0)).toBe(false); // the faulty replica's own commits are not facts
    expect(agreement.check(facts).length).toBeGreaterThan(0);
  });

  it('without a codec, a signed vote of an unknown vocabulary: the masked replicas get a rival block id, validly signed afresh', async () => {
    const text = (b: { h: number; r: number; id: string }): string => `ballot|${b.h}|${b.r}|${b.id}`;
    const voter = (ctx: ReplicaContext<unknown>): Replica<unknown> => ({
      init: () => {
        if (ctx.config.id !== 0) return;
        const b = { kind: 'ballot', h: 1, r: 0, id: 'a1b2c3d4', by: 0 };
        ctx.broadcast({ ...b, sig: ctx.sign(text(b)) });
      },
      // Commits only what its signature vouches for: a garbage or badly signed vote is dropped.
      onMessage: (from, payload) => {
        const b = payload as { kind: string; h: number; r: number; id: string; sig: string };
        if (b.kind === 'ballot' && ctx.verify(from, text(b), b.sig)) ctx.commit(b.h, b.id);
      },
      onRequest: () => {},
    });
    const { facts, trace } = await run(equivocating(0, 0b0110, 1), targetOf(voter));
    const got = received(trace) as Record<string, { kind: string; id: string; sig: string }>;
    expect([1, 2, 3].map((to) => [got[to]?.kind, got[to]?.id])).toEqual([['ballot', 'a1b2c3d4~1'], ['ballot', 'a1b2c3d4~1'], ['ballot', 'a1b2c3d4']]);
    expect(facts.commits.map((c) => [c.replica, c.value])).toEqual([[1, 'a1b2c3d4~1'], [2, 'a1b2c3d4~1'], [3, 'a1b2c3d4']]);
    expect(agreement.check(facts)).toHaveLength(1);
  });

  it('in a cluster of 7, lies exactly to the replicas in its mask', async () => {
    const { trace } = await run(equivocating(3, 0b101_0010, 1, 7), targetOf((ctx) => ({
      init: () => {
        if (ctx.config.id === 3) ctx.broadcast({ value: 'v', round: 1 });
      },
      onMessage: () => {},
      onRequest: () => {},
    })));
    const got = received(trace) as Record<string, Proposal>;
    expect(Object.keys(got).map(Number).sort()).toEqual([0, 1, 2, 4, 5, 6]);
    for (const [to, p] of Object.entries(got)) expect(p.value).toBe([1, 4, 6].includes(Number(to)) ? 'v~1' : 'v');
  });
});

describe('mutateJson (the codec-less alteration)', () => {
  it('suffixes the first string leaf, depth-first in key order, and copies the rest', () => {
    const input = { a: 1, b: { c: 'x', d: 'y' }, e: ['z'] };
    expect(mutateJson(input, 2)).toEqual({ a: 1, b: { c: 'x~2', d: 'y' }, e: ['z'] });
    expect(input).toEqual({ a: 1, b: { c: 'x', d: 'y' }, e: ['z'] }); // not mutated in place
  });

  it('with no string, shifts the first number; with neither, returns the value unchanged', () => {
    expect(mutateJson({ n: [3, 4] }, 1)).toEqual({ n: [4, 4] });
    expect(mutateJson('s', 1)).toBe('s~1');
    expect(mutateJson(null, 1)).toBe(null);
    expect(mutateJson({ ok: true }, 1)).toEqual({ ok: true });
  });
});
