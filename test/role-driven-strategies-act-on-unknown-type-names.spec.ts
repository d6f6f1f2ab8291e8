import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byzcheck } from './fixtures/cli.js';

// PBFT under names no role table knows (pitch, nod, salute, mutiny, crown) and no codec: double-dealer
// echoes the votes it hears only once it can tell a vote, so before roles were learnt from structure
// it found nothing in zoo/votes-per-message (a sender's vote counted once per message) in 100 runs.
const campaign = (target: string): ReturnType<typeof byzcheck> =>
  byzcheck('run', '--target', target, '--adversary', 'double-dealer', '--seed', '1', '--runs', '100', '--n', '4', '--out', mkdtempSync(join(tmpdir(), 'byzcheck-roles-')), '--no-progress');

describe('role-driven strategies on a codec-free protocol of unknown type names', () => {
  it('double-dealer breaks a replica that counts echoed votes', () => {
    const r = campaign('test/fixtures/renamed-types.ts');
    expect(r.stdout).toContain('violation found at run 2');
    expect(r.code).toBe(1);
  });

  it('and leaves the correct replica under the same names alone', () => {
    const r = campaign('test/fixtures/renamed-pbft.ts');
    expect(r.stdout).toContain('✓ no violation in 100 runs');
    expect(r.code).toBe(0);
  });
});
