import { describe, expect, it } from 'vitest';
import { runCampaign } from '../../src/campaign/pool.js';
import type { CampaignSpec } from '../../src/campaign/spec.js';
import { check, replayTraced, sameVerdict, type CheckOptions } from '../../src/check/driver.js';
import { defaultSpace } from '../../src/scenario/arbitrary.js';
import naive from '../../targets/naive-broadcast/index.js';
import { equivocator } from '../../adversaries/equivocator.js';
import { agreement } from '../../properties/agreement.js';
import { replicaContract } from '../../properties/replica-contract.js';
import { target as silent } from '../fixtures/silent-target.js';
import { ADVERSARY_MAP } from '../fixtures/world-kit.js';

function options(target: CheckOptions['target'], runs: number, seed: number): CheckOptions {
  return {
    target,
    adversaries: ADVERSARY_MAP,
    space: defaultSpace([equivocator], { timeMs: 5_000, events: 20_000 }),
    properties: [agreement, replicaContract],
    runs,
    seed,
  };
}

describe('an aborted check() counts only the runs it finished and never reports a wrong verdict', () => {
  it('aborted after the 5th run, it reports exactly those 5 runs, with the coverage of a 5-run campaign and no violation', async () => {
    const stop = new AbortController();
    const result = await check({ ...options(silent, 1_000, 3), signal: stop.signal, onProgress: (p) => p.runs === 5 && stop.abort() });
    const five = await check(options(silent, 5, 3));
    expect(result).toMatchObject({ runs: 5, interrupted: true, counterexample: null });
    expect(result.stats).toEqual(five.stats);
    expect(result.deliveries).toBe(five.deliveries);
  });

  it('aborted before it starts, it runs nothing and says it was interrupted', async () => {
    const result = await check({ ...options(silent, 100, 3), signal: AbortSignal.abort() });
    expect(result).toMatchObject({ runs: 0, interrupted: true, counterexample: null });
  });

  it('aborted while shrinking, it keeps the smallest failure so far, marked cut short, whose traced replay gives the same verdict', async () => {
    const stop = new AbortController();
    const result = await check({ ...options(naive, 200, 8), signal: stop.signal, onProgress: (p) => p.phase === 'shrink' && p.shrinks === 1 && stop.abort() });
    const cx = result.counterexample;
    expect(cx).not.toBeNull();
    if (cx === null) return;
    expect(result.interrupted).toBe(true);
    expect(cx.shrinkCutShort).toBe(true);
    expect(cx.minimiseRuns).toBe(0);
    expect(cx.verdict.violations.map((v) => v.property)).toContain('agreement');
    expect(cx.reproducible).toBe(true);
    const again = await replayTraced(cx.scenario, options(naive, 1, 8), [agreement, replicaContract]);
    expect(again.traceHash).toBe(cx.traceHash);
    expect(sameVerdict(again.verdict, cx.verdict)).toBe(true);
  });

  it('a campaign on worker threads stopped by its signal counts the runs its chunks finished and says it was interrupted', async () => {
    const spec: CampaignSpec = { target: 'test/fixtures/silent-target.ts', adversaries: null, properties: null, beyondF: false, seed: 11, runs: 100_000 };
    const stop = new AbortController();
    const outcome = await runCampaign(spec, { workers: 2, signal: stop.signal, onProgress: (p) => p.runs >= 300 && stop.abort() });
    expect(outcome.interrupted).toBe(true);
    expect(outcome.runs).toBeGreaterThanOrEqual(300);
    expect(outcome.runs).toBeLessThan(100_000);
    expect(outcome.runs).toBe(outcome.results.reduce((sum, r) => sum + r.runs, 0));
    expect(Object.values(outcome.stats.clusterSizes).reduce((a, b) => a + b, 0)).toBe(outcome.runs);
    expect(outcome.counterexample).toBeNull();
  }, 60_000);
});
