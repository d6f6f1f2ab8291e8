import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkRunsFor, planChunks } from '../src/campaign/chunks.js';
import { mergeOutcomes, type CampaignOutcome } from '../src/campaign/merge.js';
import { runCampaign } from '../src/campaign/pool.js';
import type { CampaignSpec } from '../src/campaign/spec.js';
import { DEFAULT_LIMITS } from '../src/check/space.js';
import { FreshDraws, strategyOf } from '../src/check/fresh-draws.js';
import { mutateScenario } from '../src/check/mutate-scenario.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { BehaviourProbe, messageType } from '../src/check/signature.js';
import { BUILTIN_REGISTRY } from '../src/cli/builtins.js';
import { loadTarget } from '../src/cli/targets.js';
import { defaultSpace, scenarioArbitrary } from '../src/scenario/arbitrary.js';
import { parseScenario } from '../src/scenario/schema.js';
import { Prng } from '../src/sim/prng.js';

const failing: CampaignSpec = { target: 'naive-broadcast', adversaries: ['equivocator'], properties: null, beyondF: false, seed: 5, runs: 1_200, search: 'guided' };
const passing: CampaignSpec = { target: 'test/fixtures/silent-target.ts', adversaries: null, properties: null, beyondF: false, seed: 11, runs: 1_100, search: 'guided' };

/** What must not depend on how a guided campaign was split. */
function essence(o: CampaignOutcome) {
  return {
    chunks: o.chunks, runs: o.runs, deliveries: o.deliveries, stats: o.stats, search: o.search, failedChunk: o.failedChunk,
    counterexample: o.counterexample === null ? null : { scenario: o.counterexample.scenario, verdict: o.counterexample.verdict, traceHash: o.counterexample.traceHash, path: o.counterexample.path },
  };
}

describe('a guided campaign', () => {
  it('is the same campaign for the same seed on 1 and 2 worker threads and merged from shards: same corpus tallies, same counterexample trace hash', async () => {
    for (const spec of [failing, passing]) {
      const one = await runCampaign(spec, { workers: 1 });
      const two = await runCampaign(spec, { workers: 2 });
      const shards = await Promise.all([0, 1].map((index) => runCampaign(spec, { workers: 1, shard: { index, count: 2 } })));
      expect(essence(two)).toEqual(essence(one));
      expect(essence(mergeOutcomes(shards))).toEqual(essence(one));
    }
    const found = await runCampaign(failing, { workers: 1 });
    expect(found.counterexample?.verdict.ok).toBe(false);
    expect(found.counterexample?.reproducible).toBe(true);
    // A mutant has no fast-check path: the counterexample holds the scenario itself, minimised by events.
    expect(found.counterexample?.path).toBeNull();
    const again = await runCampaign(failing, { workers: 1 });
    expect(again.counterexample?.traceHash).toBe(found.counterexample?.traceHash);
    expect((await runCampaign({ ...failing, seed: 6 }, { workers: 1 })).search).not.toEqual(found.search);
  });

  it('keeps a corpus entry only for a run that reached new behaviour: replicas that never act give a handful, PBFT many; mutants stay a minority', async () => {
    const silent = await runCampaign({ ...passing, runs: 300 }, { workers: 1 });
    const pbft = await runCampaign({ ...passing, target: 'pbft', runs: 300 }, { workers: 1 });
    expect(silent.runs).toBe(300);
    // Silent replicas differ only in how a run ends and what clients got, per cluster size.
    expect(silent.search?.corpus).toBeLessThan(20);
    // A corpus that stops growing still gets mutants, at the bandit's bounds (5–30 % of the 200 runs after the warm-up).
    expect(silent.search?.warmUp).toBe(100);
    expect(silent.search?.mutated).toBeGreaterThan(30);
    expect(silent.search?.mutated).toBeLessThan(80);
    expect(pbft.search?.corpus).toBeGreaterThan(3 * (silent.search?.corpus ?? 0));
    expect(pbft.search?.features).toBeGreaterThan(100);
  });

  it('is chunked in larger chunks than a random one, which keeps fast-check’s chunks of 100', () => {
    expect(chunkRunsFor('random')).toBe(100);
    expect(chunkRunsFor(undefined)).toBe(100);
    expect(planChunks(3, 1_200, chunkRunsFor('guided')).map((c) => c.runs)).toEqual([500, 500, 200]);
  });
});

describe('--search random', () => {
  it('is exactly the campaign a spec without a search runs: fast-check scenarios, paths and all', async () => {
    const { search: _, ...old } = failing;
    const random = await runCampaign({ ...failing, search: 'random' }, { workers: 1 });
    const before = await runCampaign(old, { workers: 1 });
    expect(essence(random)).toEqual(essence(before));
    expect(random.search).toBeUndefined();
    expect(random.counterexample?.path).toMatch(/^\d+(:\d+)*$/);
  });
});

describe('behaviour signatures and mutants', () => {
  it('type messages by codec, else by their type field, else by their key shape', () => {
    expect(messageType({ type: 'PREPARE', view: 0 }, undefined)).toBe('PREPARE');
    expect(messageType({ b: 1, a: 2 }, undefined)).toBe('{b,a}');
    expect(messageType([{ kind: 'vote' }], undefined)).toBe('[vote]');
    expect(messageType('x', { fields: () => ({ type: 'T' }) })).toBe('T');
  });

  it('name each handler call by what caused it and every type it sent, sorted, however many types one call sends', () => {
    const probe = new BehaviourProbe(undefined);
    const many = Array.from({ length: 35 }, (_, i) => `T${i}`);
    const replica = probe.wrap((ctx) => ({
      init: () => many.forEach((type) => ctx.broadcast({ type })),
      onMessage: (_from: number, payload: unknown) => {
        if ((payload as { type: string }).type === 'PING') for (const type of ['PONG', 'ACK', 'PONG']) ctx.send(0, { type });
      },
      onRequest: () => undefined,
    }))({ broadcast: () => undefined, send: () => undefined } as never);
    replica.init?.();
    replica.onMessage(1, { type: 'PING' });
    replica.onMessage(2, { type: 'PING' });
    const facts = { n: 4, installs: [], stopReason: 'quiescent', accepted: [], submitted: [], rejectedSignatures: 0 } as never;
    const features = probe.features(facts);
    expect(features).toContain(`n4|e:init>${[...many].sort().join('+')}#1`);
    expect(features).toContain('n4|e:m:PING>ACK+PONG#2');
  });

  it('give the same features for the same run, and different ones for a run that behaves differently', async () => {
    const target = await loadTarget('pbft');
    const space = defaultSpace([], DEFAULT_LIMITS);
    const [a, b] = fc.sample(scenarioArbitrary({ ...space, ns: [4] }), { seed: 3, numRuns: 2 }) as [never, never];
    const context = { target, adversaries: BUILTIN_REGISTRY.adversaries };
    const features = async (scenario: never): Promise<string[]> => {
      const probe = new BehaviourProbe(target.codec);
      const { facts } = await runScenarioChecked(scenario, context, false, probe);
      return probe.features(facts);
    };
    const first = await features(a);
    expect(await features(a)).toEqual(first);
    expect(first.some((f) => f.startsWith('n4|e:m:PREPARE>'))).toBe(true);
    expect(await features(b)).not.toEqual(first);
  });

  it('draw fresh scenarios of an arm from its own stream, the same whatever other arms took in between', () => {
    const adversaries = [...BUILTIN_REGISTRY.adversaries.values()];
    const space = defaultSpace(adversaries, DEFAULT_LIMITS);
    const arm = (s: { n: number }): string => `${s.n}|${strategyOf(s as never)}`;
    const alone = new FreshDraws(space, 42);
    const mixed = new FreshDraws(space, 42);
    const labels = alone.strategies(4);
    expect(labels.length).toBeGreaterThan(5);
    const target = labels.find((l) => l !== '') as string;
    const pure = Array.from({ length: 12 }, (_, i) => alone.next(4, target, i));
    const interleaved = Array.from({ length: 12 }, (_, i) => {
      mixed.next(7, '', i);
      mixed.next(4, labels[i % labels.length] === target ? '' : (labels[i % labels.length] as string), i);
      return mixed.next(4, target, i);
    });
    expect(pure.every((s) => arm(s) === `4|${target}`)).toBe(true);
    expect(interleaved).toEqual(pure);
  });

  it("take the fast-check bias of the run's position in its chunk, not of the arm's own count: an arm's first draw late in a chunk is no minimal scenario", () => {
    const space = defaultSpace([...BUILTIN_REGISTRY.adversaries.values()], DEFAULT_LIMITS);
    // Every arm's first draw, at the chunk's first position and at its 41st, over four campaign seeds.
    const meanRequests = (position: number): number => {
      const sizes = [1, 2, 3, 4].flatMap((seed) => {
        const fresh = new FreshDraws(space, seed);
        return fresh.strategies(4).map((label) => fresh.next(4, label, position).requests.length);
      });
      return sizes.reduce((a, b) => a + b, 0) / sizes.length;
    };
    // Index 0 is fast-check's most biased draw (fewest requests); by index 40 the bias has faded.
    expect(meanRequests(40)).toBeGreaterThan(meanRequests(0) + 1);
  });

  it('draw each arm directly: one scenario generated per fresh draw, of that size and first strategy, valid in the space', () => {
    const adversaries = [...BUILTIN_REGISTRY.adversaries.values()];
    let generated = 0;
    // scenarioArbitrary asks the liveness bound once per scenario it generates.
    const space = { ...defaultSpace(adversaries, DEFAULT_LIMITS), livenessBoundMs: () => (generated++, 0) };
    const fresh = new FreshDraws(space, 3);
    let draws = 0;
    for (const n of space.ns) {
      const labels = fresh.strategies(n);
      expect(labels).toEqual(['', ...adversaries.map((a) => a.name)]);
      for (const label of labels) {
        for (let i = 0; i < 3; i++, draws++) {
          const s = fresh.next(n, label, draws);
          expect(`${s.n}|${strategyOf(s)}`).toBe(`${n}|${label}`);
          expect(s.byzantine.length).toBeLessThanOrEqual((n - 1) / 3);
          expect(() => parseScenario(JSON.parse(JSON.stringify(s)), BUILTIN_REGISTRY.adversaries)).not.toThrow();
        }
      }
    }
    expect(generated).toBe(draws);
  });

  it('stay valid scenarios of the space (schema, parameters, f bound) and are deterministic in the PRNG', () => {
    const adversaries = [...BUILTIN_REGISTRY.adversaries.values()];
    const space = defaultSpace(adversaries, DEFAULT_LIMITS);
    const scenarios = fc.sample(scenarioArbitrary(space), { seed: 9, numRuns: 40 });
    const prng = new Prng(1);
    for (const scenario of scenarios) {
      let s = scenario;
      for (let i = 0; i < 10; i++) {
        s = mutateScenario(s, space, prng);
        expect(() => parseScenario(JSON.parse(JSON.stringify(s)), BUILTIN_REGISTRY.adversaries)).not.toThrow();
      }
    }
    const first = scenarios[0] as (typeof scenarios)[number];
    expect(mutateScenario(first, space, new Prng(4))).toEqual(mutateScenario(first, space, new Prng(4)));
  });
});
