import { describe, expect, it } from 'vitest';
import { runCampaign } from '../src/campaign/pool.js';
import type { CampaignProgress } from '../src/campaign/pool.js';
import { check, type CheckProgress } from '../src/check/driver.js';
import { createProgress } from '../src/cli/progress.js';
import { defaultSpace } from '../src/scenario/arbitrary.js';
import naive from '../targets/naive-broadcast/index.js';
import { equivocator } from '../adversaries/equivocator.js';
import { agreement } from '../properties/agreement.js';
import { replicaContract } from '../properties/replica-contract.js';
import { ADVERSARY_MAP } from './fixtures/world-kit.js';

// A slow replica can shrink for minutes after its first failure: the display must say at once what broke.
describe('progress names the properties a failure breaks as soon as it is found', () => {
  it('check() reports no broken property while exploring and the failing run\'s properties once it shrinks', async () => {
    const seen: CheckProgress[] = [];
    const result = await check({
      target: naive,
      adversaries: ADVERSARY_MAP,
      space: defaultSpace([equivocator], { timeMs: 5_000, events: 20_000 }),
      properties: [agreement, replicaContract],
      runs: 200,
      seed: 8,
      onProgress: (p) => seen.push(p),
    });
    expect(result.counterexample).not.toBeNull();
    expect(seen.filter((p) => p.phase === 'explore').every((p) => p.broken === undefined)).toBe(true);
    const first = seen.find((p) => p.phase === 'shrink');
    expect(first?.broken?.split(', ')).toContain('agreement');
  });

  it('runCampaign passes the broken properties up to the campaign progress', async () => {
    const seen: CampaignProgress[] = [];
    const outcome = await runCampaign(
      { target: 'naive-broadcast', adversaries: ['equivocator'], properties: ['agreement'], beyondF: false, seed: 8, runs: 400 },
      { workers: 2, onProgress: (p) => seen.push(p) },
    );
    expect(outcome.counterexample).not.toBeNull();
    expect(seen.some((p) => p.broken === 'agreement')).toBe(true);
    expect(seen.filter((p) => p.violations === 0).every((p) => p.broken === undefined)).toBe(true);
  }, 120_000);

  it('the plain display prints the first sight of a failure at once, naming what broke', () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
    const display = createProgress(100, stream, true);
    display.update({ runs: 3, deliveries: 10, shrinking: false, violations: 0 });
    expect(lines).toEqual([]);
    display.update({ runs: 4, deliveries: 20, shrinking: true, violations: 1, broken: 'agreement, validity' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('shrinking a failure (agreement, validity)');
    display.update({ runs: 4, deliveries: 30, shrinking: true, violations: 1, broken: 'agreement, validity' });
    expect(lines).toHaveLength(1);
  });
});
