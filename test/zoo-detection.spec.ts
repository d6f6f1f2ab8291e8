import { describe, expect, it } from 'vitest';
import { runCampaign } from '../src/campaign/pool.js';
import type { CampaignSpec } from '../src/campaign/spec.js';

const campaign = (target: string, seed: number, runs: number): CampaignSpec => ({
  target, adversaries: null, properties: null, beyondF: false, seed, runs, clusterSizes: [4, 7],
});

// The zoo variants byzcheck finds today with the default generator (targets/zoo/README.md has the
// full table, misses included). Each pinned from a fixed seed within a fixed number of runs.
const FOUND: readonly { bug: string; seed: number; runs: number; property: string }[] = [
  { bug: 'client-signature-not-verified', seed: 2, runs: 100, property: 'validity' },
  { bug: 'new-primary-ignores-prepared', seed: 2, runs: 100, property: 'agreement' },
  { bug: 'no-join-on-f-plus-1', seed: 3, runs: 100, property: 'liveness' },
  { bug: 'execute-out-of-order', seed: 1, runs: 100, property: 'liveness' },
];

describe('the bug zoo', () => {
  it.each(FOUND)('zoo/$bug is found from seed $seed within $runs runs, violating $property', async ({ bug, seed, runs, property }) => {
    const outcome = await runCampaign(campaign(`zoo/${bug}`, seed, runs), { workers: 1 });
    expect(outcome.counterexample?.verdict.violations.map((v) => v.property)).toContain(property);
    expect(outcome.counterexample?.reproducible).toBe(true);
  });

  it.each(FOUND)('the reference PBFT passes the campaign that finds zoo/$bug (no false alarm)', async ({ seed, runs }) => {
    const outcome = await runCampaign(campaign('pbft', seed, runs), { workers: 1 });
    expect(outcome.counterexample?.verdict ?? null).toBeNull();
  });
});
