import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byzcheck } from '../fixtures/cli.js';

describe('a subprocess step a faulty replica started and never awaited', () => {
  it('does not spill into the next run: no honest replica is blamed for byzcheck finding its child busy', () => {
    const out = mkdtempSync(join(tmpdir(), 'byzcheck-fire-and-forget-'));
    const r = byzcheck(
      'run', '--exec', 'python3 examples/tiny_replica.py', '--adversary', './test/fixtures/reliability/fire-and-forget-strategy.ts',
      '--properties', 'validity', '--runs', '60', '--seed', '2', '--workers', '1', '--out', out, '--no-progress',
    );
    expect(r.stdout).not.toContain('still busy with another step');
    expect(r.stdout).not.toMatch(/^ +replica-contract:/m);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ no violation in 60 runs/);
  }, 120_000);
});
