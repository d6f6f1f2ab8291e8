import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byzcheck } from './fixtures/cli.js';

// A campaign the time limit cut short printed "repeat this campaign: … --runs 100000", a command
// that does not repeat it: it runs every run the limit skipped.
describe('a campaign stopped by --time-limit', () => {
  it('says its command runs the whole campaign, and how many runs this one did', () => {
    const out = mkdtempSync(join(tmpdir(), 'byzcheck-time-limit-'));
    const r = byzcheck('run', '--target', 'test/fixtures/silent-target.ts', '--seed', '3', '--runs', '100000', '--time-limit', '2s', '--out', out, '--no-progress');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('stopped by the time limit');
    expect(r.stdout).not.toContain('repeat this campaign');
    expect(r.stdout).toMatch(/run the whole campaign \(the time limit stopped this one after \d+ of 100000\): npx byzcheck run --target test\/fixtures\/silent-target.ts --seed 3 --runs 100000\n/);
  });
});
