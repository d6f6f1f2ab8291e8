import { afterAll, describe, expect, it } from 'vitest';
import { closeAllChildren } from '../src/adapter/subprocess/registry.js';
import type { CampaignOutcome } from '../src/campaign/merge.js';
import { runCampaign } from '../src/campaign/pool.js';
import type { CampaignSpec } from '../src/campaign/spec.js';
import { plannedScenarios } from '../src/check/runs-ahead.js';
import { DEFAULT_LIMITS } from '../src/check/space.js';
import { WARM_UP_RUNS, WarmUp } from '../src/check/warm-up.js';
import { BUILTIN_REGISTRY } from '../src/cli/builtins.js';
import { defaultSpace } from '../src/scenario/arbitrary.js';

const pbft: CampaignSpec = { target: 'pbft', adversaries: null, properties: null, beyondF: false, seed: 11, runs: WARM_UP_RUNS, search: 'guided' };

/** What a campaign reports that must not depend on lanes. */
function essence(o: CampaignOutcome) {
  const cx = o.counterexample;
  return {
    runs: o.runs, deliveries: o.deliveries, stats: o.stats, search: o.search, failedChunk: o.failedChunk,
    counterexample: cx === null ? null : { scenario: cx.scenario, verdict: cx.verdict, traceHash: cx.traceHash, failedAtRun: cx.failedAtRun, events: cx.events },
  };
}

describe("a guided campaign's warm-up", () => {
  it("draws fast-check's first hundred scenarios of the chunk seed, each one alone or all at once, and nothing past them", () => {
    const space = defaultSpace([...BUILTIN_REGISTRY.adversaries.values()], DEFAULT_LIMITS);
    const warm = new WarmUp(space, 77, 500);
    const random = plannedScenarios(space, 77, WARM_UP_RUNS + 1);
    expect(warm.length).toBe(WARM_UP_RUNS);
    expect(warm.all()).toEqual(random.slice(0, WARM_UP_RUNS));
    for (const i of [0, 1, 37, WARM_UP_RUNS - 1]) expect(warm.at(i)).toEqual(random[i]);
    expect(warm.at(WARM_UP_RUNS)).toBeUndefined();
    expect(new WarmUp(space, 77, 30).length).toBe(30);
    expect(new WarmUp(space, 78, 500).at(5)).not.toEqual(random[5]);
  });

  it('runs exactly the scenarios a random campaign of the same seed runs first: same coverage, same deliveries', async () => {
    const guided = await runCampaign(pbft, { workers: 1 });
    const random = await runCampaign({ ...pbft, search: 'random' }, { workers: 1 });
    expect(guided.counterexample).toBeNull();
    expect(guided.search).toMatchObject({ warmUp: WARM_UP_RUNS, fresh: 0, mutated: 0 });
    expect(guided.stats).toEqual(random.stats);
    expect(guided.deliveries).toBe(random.deliveries);
  }, 300_000);

  it('finds a bug that random finds in its first hundred runs at the very same run', async () => {
    for (const seed of [1, 2]) {
      const spec: CampaignSpec = { target: 'zoo/new-primary-ignores-prepared', adversaries: null, properties: ['agreement'], beyondF: false, seed, runs: 300, search: 'guided' };
      const guided = await runCampaign(spec, { workers: 1 });
      const random = await runCampaign({ ...spec, search: 'random' }, { workers: 1 });
      const at = random.counterexample?.failedAtRun ?? Infinity;
      expect(at).toBeLessThanOrEqual(WARM_UP_RUNS);
      expect(guided.counterexample?.failedAtRun).toBe(at);
      expect(guided.counterexample?.verdict.violations.map((v) => v.property)).toContain('agreement');
      // The event minimiser alone shrinks a guided find: it has no fast-check path.
      expect(guided.counterexample?.path).toBeNull();
    }
  }, 300_000);

  it('feeds the schedule, which then spends its runs by arm: evenly-or-better over strategies, small clusters first', async () => {
    const warmUp = await runCampaign(pbft, { workers: 1 });
    const whole = await runCampaign({ ...pbft, runs: WARM_UP_RUNS + 300 }, { workers: 1 });
    expect(whole.search?.warmUp).toBe(WARM_UP_RUNS);
    expect(whole.search?.corpus).toBeGreaterThan(warmUp.search?.corpus ?? Infinity);
    // The warm-up is a prefix of the campaign, so the schedule's own 300 runs are the difference.
    const scheduled = (key: string, of: 'adversaries' | 'clusterSizes'): number => ((whole.stats[of][key] ?? 0) - (warmUp.stats[of][key] ?? 0)) / 300;
    const drawn = (key: string, of: 'adversaries' | 'clusterSizes'): number => (warmUp.stats[of][key] ?? 0) / WARM_UP_RUNS;
    // fast-check draws no faulty replica in about a third of runs; as one arm among ~20 it gets a small share.
    expect(drawn('(no faulty replica)', 'adversaries')).toBeGreaterThan(0.2);
    expect(scheduled('(no faulty replica)', 'adversaries')).toBeLessThan(0.15);
    // Random spreads runs evenly over n ∈ {4, 7, 10}; the schedule favours n = 4.
    expect(drawn('n=4', 'clusterSizes')).toBeLessThan(0.5);
    expect(scheduled('n=4', 'clusterSizes')).toBeGreaterThan(0.5);
  }, 300_000);
});

describe('a guided campaign over several lanes of a subprocess target', () => {
  afterAll(closeAllChildren);
  const TINY = 'python3 examples/tiny_replica.py';

  it('finds the same counterexample, at the same run, as one run at a time', async () => {
    const spec: CampaignSpec = { target: `exec:${TINY}`, adversaries: ['equivocator', 'crash', 'silent'], properties: null, beyondF: false, seed: 3, runs: 30, search: 'guided' };
    const one = await runCampaign(spec, { workers: 1, lanes: 1 });
    const three = await runCampaign(spec, { workers: 1, lanes: 3 });
    expect(one.counterexample?.failedAtRun).toBe(4);
    expect(essence(three)).toEqual(essence(one));
  }, 300_000);

  it('counts the same runs, deliveries, coverage and corpus past the warm-up when every run passes', async () => {
    const spec: CampaignSpec = { target: `exec:${TINY}`, adversaries: [], properties: ['replica-contract'], beyondF: false, seed: 8, runs: WARM_UP_RUNS + 6, search: 'guided' };
    const one = await runCampaign(spec, { workers: 1, lanes: 1 });
    const three = await runCampaign(spec, { workers: 1, lanes: 3 });
    expect(one.counterexample).toBeNull();
    expect(one.search).toMatchObject({ warmUp: WARM_UP_RUNS, fresh: 6 - (one.search?.mutated ?? 0) });
    expect(essence(three)).toEqual(essence(one));
  }, 900_000);
});
