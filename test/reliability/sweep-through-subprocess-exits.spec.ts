import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byzcheck } from '../fixtures/cli.js';

describe('byzcheck sweep through a subprocess replica', () => {
  it('exits 0 once the sweep is done (its children are closed and waited for, not left as a pending await)', () => {
    const out = mkdtempSync(join(tmpdir(), 'byzcheck-sweep-'));
    const r = byzcheck('sweep', '--exec', 'python3 test/fixtures/subprocess/child.py ok', '--n', '4', '--malicious', '0..1', '--trials', '1', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ +0 +1\/1 +1\.00 /m);
  });
});
