import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byzcheck } from './fixtures/cli.js';

const out = mkdtempSync(join(tmpdir(), 'byzcheck-shards-'));

describe('byzcheck run --shard and byzcheck merge', () => {
  it('merges two shards of a passing campaign into the whole campaign', () => {
    const common = ['--target', 'test/fixtures/silent-target.ts', '--seed', '9', '--runs', '300', '--out', out, '--no-progress'];
    const whole = byzcheck('run', ...common);
    expect(whole.code).toBe(0);
    for (const shard of ['1/2', '2/2']) expect(byzcheck('run', ...common, '--shard', shard).code).toBe(0);
    const merged = byzcheck('merge', join(out, 'test-fixtures-silent-target-seed9-shard1of2'), join(out, 'test-fixtures-silent-target-seed9-shard2of2'));
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain('✓ no violation in 300 runs');
    const wholeFile = JSON.parse(readFileSync(join(out, 'test-fixtures-silent-target-seed9', 'campaign.json'), 'utf8')) as { results: unknown[] };
    const mergedFile = JSON.parse(readFileSync(join(out, 'test-fixtures-silent-target-seed9-merged', 'campaign.json'), 'utf8')) as { results: unknown[] };
    expect(mergedFile.results).toEqual(wholeFile.results);
  });

  it('reports a violation found by any shard, ending with the replay command, and exits 1', () => {
    const common = ['--target', 'naive-broadcast', '--adversary', 'equivocator', '--seed', '4', '--runs', '400', '--out', out, '--no-progress'];
    for (const shard of ['1/2', '2/2']) byzcheck('run', ...common, '--shard', shard);
    const merged = byzcheck('merge', join(out, 'naive-broadcast-seed4-shard1of2'), join(out, 'naive-broadcast-seed4-shard2of2'));
    expect(merged.code).toBe(1);
    expect(merged.stdout.trim().split('\n').pop()).toMatch(/^Replay: npx byzcheck replay .*naive-broadcast-seed4-merged\/counterexample\.json$/);
  });

  it('counts shards from 1 when it names the missing ones, and exits 2 for an incomplete merge', () => {
    const r = byzcheck('merge', join(out, 'test-fixtures-silent-target-seed9-shard1of2'));
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('WARNING: shards 2 of 2 are missing');
  });

  it('refuses shards of different campaigns and says which', () => {
    byzcheck('run', '--target', 'test/fixtures/silent-target.ts', '--seed', '10', '--runs', '100', '--shard', '1/2', '--out', out, '--no-progress');
    const r = byzcheck('merge', join(out, 'test-fixtures-silent-target-seed9-shard1of2'), join(out, 'test-fixtures-silent-target-seed10-shard1of2'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds a different campaign/);
  });

  it('prints coverage statistics with --stats', () => {
    const r = byzcheck('run', '--target', 'test/fixtures/silent-target.ts', '--seed', '3', '--runs', '200', '--stats', '--out', out, '--no-progress');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/coverage of the generated runs:\n {2}cluster sizes:\n {4}n=\d+ +\d+ runs/);
    expect(r.stdout).toContain('faulty replicas by strategy:');
    expect(r.stdout).toContain('network faults:');
  });
});
