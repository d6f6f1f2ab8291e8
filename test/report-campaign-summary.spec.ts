import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, Counterexample } from '../src/check/driver.js';
import { campaignSummary, distributionTable } from '../src/report/campaign-summary.js';
import { naiveCampaign, settings } from './report-fixtures.js';

let result: CheckResult & { counterexample: Counterexample };
beforeAll(async () => {
  result = await naiveCampaign();
});

const clean: CheckResult = {
  runs: 200, shrinks: 0, deliveries: 123456, interrupted: true,
  stats: { clusterSizes: { 'n=4': 150, 'n=7': 50 }, adversaries: { equivocator: 120, '(no faulty replica)': 80 }, faults: { drop: 30 }, regimes: { 'within-f': 200 } },
  counterexample: null,
};

describe('distributionTable', () => {
  it('lists counts with percentages, largest first, ties by name', () => {
    expect(distributionTable('size', { b: 1, a: 1, c: 2 }, 4)).toEqual([
      '| size | runs | share |', '| --- | ---: | ---: |', '| c | 2 | 50.0 % |', '| a | 1 | 25.0 % |', '| b | 1 | 25.0 % |',
    ]);
    expect(distributionTable('size', {}, 0)).toContain('| (none) | 0 | – |');
  });
});

describe('campaignSummary', () => {
  it('gives target, seed, runs, wall time, speed, deliveries and whether the campaign was interrupted', () => {
    const md = campaignSummary({ settings, result: clean, seed: 9, elapsedSeconds: 4, reportPath: 'x.json' });
    expect(md.split('\n')[0]).toBe('# byzcheck campaign: naive-broadcast, seed 9: no violation');
    for (const row of ['| seed | 9 |', '| runs | 200 |', '| wall time | 4.0 s |', '| runs/s | 50.0 |', '| deliveries | 123456 |']) expect(md).toContain(row);
    expect(md).toMatch(/\| interrupted \| yes/);
  });

  it('has coverage tables for cluster sizes, adversaries, faults and regimes', () => {
    const md = campaignSummary({ settings, result: clean, seed: 9, elapsedSeconds: 4, reportPath: 'x.json' });
    expect(md).toContain('| n=4 | 150 | 75.0 % |');
    expect(md).toContain('| equivocator | 120 | 60.0 % |');
    expect(md).toContain('| drop | 30 | 15.0 % |');
    expect(md).toContain('| within-f | 200 | 100.0 % |');
    expect(md).toMatch(/## Violations\n\nnone\n$/);
  });

  it('says how a guided campaign spent its runs, and that the coverage tables are its allocation; a random one says neither', () => {
    const guided: CheckResult = { ...clean, search: { warmUp: 100, fresh: 70, mutated: 30, features: 412, corpus: 57 } };
    const md = campaignSummary({ settings, result: guided, seed: 9, elapsedSeconds: 4, reportPath: 'x.json' });
    expect(md).toContain('| search | guided: 100 warm-up runs drawn as random draws them, 70 fresh draws, 30 mutants of corpus entries; 412 behaviour features, 57 corpus entries (per chunk, summed) |');
    expect(md).toContain('these tables are its allocation');
    const random = campaignSummary({ settings, result: clean, seed: 9, elapsedSeconds: 4, reportPath: 'x.json' });
    expect(random).not.toContain('| search |');
    expect(random).not.toContain('its allocation');
  });

  it('lists the violations of a counterexample with its replay command', () => {
    const md = campaignSummary({ settings, result, seed: 1, elapsedSeconds: 0.2, reportPath: 'reports/n/counterexample.json' });
    expect(md).toContain('violation found');
    for (const v of result.counterexample.verdict.violations) expect(md).toContain(`- **${v.property}**:`);
    expect(md).toContain('```sh\nnpx byzcheck replay reports/n/counterexample.json\n```');
  });
});
