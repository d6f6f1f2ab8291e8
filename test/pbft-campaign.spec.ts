import { describe, expect, it } from 'vitest';
import { ADVERSARIES } from '../adversaries/index.js';
import { PROPERTIES } from '../properties/index.js';
import { runCampaign } from '../src/campaign/pool.js';
import { check } from '../src/check/driver.js';
import { spaceFor } from '../src/check/space.js';
import { equivocatingPrimary } from '../adversaries/equivocating-primary.js';
import { agreement } from '../properties/agreement.js';
import pbft from '../targets/pbft/index.js';

const ALL = new Map(ADVERSARIES.map((a) => [a.name, a]));

describe('the reference PBFT raises no false alarm', () => {
  it('violates no property in 2,000 generated scenarios (n ∈ {4, 7}, ≤ f faulty, every strategy, network faults before GST)', async () => {
    const outcome = await runCampaign({ target: 'pbft', adversaries: null, properties: null, beyondF: false, seed: 2026, runs: 2_000, clusterSizes: [4, 7] }, { workers: 2 });
    expect(outcome.counterexample?.verdict ?? null).toBeNull();
    expect(outcome.runs).toBe(2_000);
    expect(outcome.stats.regimes).toEqual({ 'within-f': 2_000 });
    for (const name of ADVERSARIES.map((a) => a.name)) expect(outcome.stats.adversaries[name] ?? 0).toBeGreaterThan(0);
    for (const fault of ['drop', 'duplicate', 'partition (symmetric)', 'partition (one-way)', 'round partition']) expect(outcome.stats.faults[fault] ?? 0).toBeGreaterThan(0);
  });

  it('violates no property with real ed25519 signatures either (50 scenarios)', async () => {
    const outcome = await runCampaign({ target: 'pbft', adversaries: null, properties: null, beyondF: false, seed: 77, runs: 50, clusterSizes: [4], crypto: 'ed25519' }, { workers: 1 });
    expect(outcome.counterexample?.verdict ?? null).toBeNull();
    expect(outcome.runs).toBe(50);
  });
});

describe('the bound is tight: with f + 1 Byzantine replicas the correct PBFT loses agreement', () => {
  it('an equivocating primary and one colluder break agreement at n = 4 within 50 runs, shrunk to a small counterexample', async () => {
    const space = { ...spaceFor(pbft, [equivocatingPrimary], true), ns: [4] };
    const result = await check({ target: pbft, adversaries: ALL, space, properties: [agreement, ...PROPERTIES.filter((p) => p.name === 'replica-contract')], runs: 50, seed: 1 });
    const cx = result.counterexample;
    expect(cx?.verdict.violations[0]?.property).toBe('agreement');
    expect(cx?.verdict.regime).toBe('beyond-f');
    expect(cx?.scenario.n).toBe(4);
    expect(cx?.scenario.byzantine).toHaveLength(2);
    expect(cx?.failedAtRun).toBeLessThanOrEqual(50);
    // Shrink quality, pinned: measured 24 events (36 before the event minimiser); a regression in shrinking fails here.
    expect(cx?.events).toBeLessThanOrEqual(60);
    expect(cx?.reproducible).toBe(true);
  });
});
