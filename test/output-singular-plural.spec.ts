import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plural } from '../src/report/plural.js';
import { byzcheck } from './fixtures/cli.js';

describe('counts in output agree with their nouns', () => {
  it('says "1 run", "2 runs", "1 delivery", "0 deliveries"', () => {
    expect([plural(1, 'run'), plural(2, 'run'), plural(1, 'event'), plural(1, 'delivery'), plural(0, 'delivery')]).toEqual(['1 run', '2 runs', '1 event', '1 delivery', '0 deliveries']);
  });

  it('prints "1 run" for a campaign of one run', () => {
    const out = mkdtempSync(join(tmpdir(), 'byzcheck-plural-'));
    const r = byzcheck('run', '--target', 'test/fixtures/silent-target.ts', '--seed', '3', '--runs', '1', '--out', out, '--no-progress');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('up to 1 run\n');
    expect(r.stdout).toMatch(/✓ no violation in 1 run \(/);
  });
});
