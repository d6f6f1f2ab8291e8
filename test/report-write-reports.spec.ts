import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, Counterexample } from '../src/check/driver.js';
import { emptyStats } from '../src/check/stats.js';
import { writeReports } from '../src/report/write-reports.js';
import { codec, naiveCampaign, settings } from './report-fixtures.js';

let result: CheckResult & { counterexample: Counterexample };
beforeAll(async () => {
  result = await naiveCampaign();
});

describe('writeReports', () => {
  it('writes counterexample.json/.md/.html, junit.xml and summary.md for a violation and returns their paths', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'byzcheck-reports-')), 'nested', 'dir');
    const written = writeReports(dir, { settings, result, seed: 1, elapsedSeconds: 0.5, codec, reportPath: 'shown/counterexample.json' });
    expect(written).toEqual({
      summary: join(dir, 'summary.md'),
      junit: join(dir, 'junit.xml'),
      counterexample: { json: join(dir, 'counterexample.json'), markdown: join(dir, 'counterexample.md'), html: join(dir, 'counterexample.html') },
    });
    const json = JSON.parse(readFileSync(join(dir, 'counterexample.json'), 'utf8')) as { traceHash: string; campaign: unknown };
    expect(json.traceHash).toBe(result.counterexample.traceHash);
    expect(json.campaign).toEqual(settings);
    expect(readFileSync(join(dir, 'counterexample.md'), 'utf8')).toContain('npx byzcheck replay shown/counterexample.json');
    expect(readFileSync(join(dir, 'counterexample.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain('<failure ');
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('violation found');
  });

  it('writes only junit.xml and summary.md without a violation, removing a stale counterexample from an earlier run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'byzcheck-reports-'));
    for (const name of ['counterexample.json', 'counterexample.md', 'counterexample.html']) writeFileSync(join(dir, name), 'stale');
    const clean: CheckResult = { runs: 5, shrinks: 0, deliveries: 10, interrupted: false, stats: emptyStats(), counterexample: null };
    const written = writeReports(dir, { settings, result: clean, seed: 2, elapsedSeconds: 0.1, reportPath: 'x.json' });
    expect(written).toEqual({ summary: join(dir, 'summary.md'), junit: join(dir, 'junit.xml') });
    expect(existsSync(join(dir, 'counterexample.json'))).toBe(false);
    expect(existsSync(join(dir, 'counterexample.html'))).toBe(false);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('no violation');
  });
});
