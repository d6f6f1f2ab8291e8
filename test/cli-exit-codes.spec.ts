import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byzcheck, ROOT } from './fixtures/cli.js';

const out = mkdtempSync(join(tmpdir(), 'byzcheck-cli-'));

describe('byzcheck CLI', () => {
  it('lists targets, adversaries and properties under a heading each, one entry a line with its one-line description', () => {
    const r = byzcheck('list');
    expect(r.code).toBe(0);
    const sections = r.stdout.trim().split('\n\n').map((s) => s.split('\n'));
    expect(sections.map((s) => s[0])).toEqual(['targets:', 'adversaries:', 'properties:']);
    for (const s of sections) for (const line of s.slice(1)) expect(line).toMatch(/^ {2}\S+ +\S.*$/);
    expect(sections[0]).toContainEqual(expect.stringMatching(/^ {2}naive-broadcast +seed 000's shell 'pBFT'/));
    expect(sections[1]).toContainEqual(expect.stringMatching(/^ {2}equivocator +runs the honest code but tells/));
    expect(sections[2]).toContainEqual(expect.stringMatching(/^ {2}agreement +no two honest replicas commit different values/));
  });

  it('exits 1 on naive-broadcast with a shrunk counterexample whose replay command reproduces the verdict and trace hash', () => {
    // A random campaign's counterexample has a fast-check path that regenerates it alone.
    const run = byzcheck('run', '--target', 'naive-broadcast', '--seed', '1', '--adversary', 'equivocator', '--search', 'random', '--out', out, '--no-progress');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ {2}(agreement|validity|total-order|client-safety): .+\n {4}evidence: /m);
    const lines = run.stdout.trim().split('\n');
    const last = lines[lines.length - 1] ?? '';
    expect(last).toMatch(/^Replay: npx byzcheck replay \S+counterexample\.json$/);
    const file = last.replace('Replay: npx byzcheck replay ', '');
    expect(existsSync(join(ROOT, file)) || existsSync(file)).toBe(true);
    const hash = /trace hash: ([0-9a-f]{64})/.exec(run.stdout)?.[1];
    expect(hash).toBeDefined();

    const replay = byzcheck('replay', file);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain(`trace hash: ${hash}`);
    expect(replay.stdout).toContain('identical to the recorded run');
    expect(replay.stdout).toContain('✗ violation reproduced');

    const [, seed, path] = /or regenerate it: npx byzcheck run .*--seed (\d+) --path (\S+)/.exec(run.stdout) ?? [];
    const again = byzcheck('run', '--target', 'naive-broadcast', '--seed', seed as string, '--adversary', 'equivocator', '--path', path as string, '--out', out, '--no-progress');
    expect(again.code).toBe(1);
    expect(again.stdout).toContain(`trace hash: ${hash}`);
  });

  it('regenerates a guided find by its campaign (no --path: a mutant has none), with the same trace hash', () => {
    const run = byzcheck('run', '--target', 'naive-broadcast', '--seed', '1', '--adversary', 'equivocator', '--search', 'guided', '--out', out, '--no-progress');
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(/--path \d/);
    const hash = /trace hash: ([0-9a-f]{64})/.exec(run.stdout)?.[1];
    const words = /or regenerate it \(found by guided search, no --path\): npx byzcheck (.+)/.exec(run.stdout)?.[1]?.split(' ') ?? [];
    expect(words).toContain('--runs');
    const again = byzcheck(...words, '--out', out, '--no-progress');
    expect(again.code).toBe(1);
    expect(again.stdout).toContain(`trace hash: ${hash}`);
  });

  it('runs the README example replica exactly as the README shows and finds a violation in it', () => {
    const r = byzcheck('run', '--target', 'examples/my-replica.ts', '--seed', '7', '--out', out, '--no-progress');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {2}(agreement|validity|total-order|integrity|client-safety): .+\n {4}evidence: /m);
    const saved = JSON.parse(readFileSync(join(out, 'examples-my-replica-seed7', 'counterexample.json'), 'utf8')) as { campaign: { target: string } };
    expect(saved.campaign.target).toBe('examples/my-replica.ts');
  });

  it('exits 0 when no property is violated and prints how to repeat the campaign', () => {
    const r = byzcheck('run', '--target', 'test/fixtures/silent-target.ts', '--runs', '20', '--seed', '3', '--out', out, '--no-progress');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ no violation in 20 runs');
    expect(r.stdout).toContain('npx byzcheck run --target test/fixtures/silent-target.ts --seed 3 --runs 20');
  });

  it.each([
    [['run', '--target', 'no-such-target'], /unknown target 'no-such-target'\. Built-in targets: .*naive-broadcast/],
    [['run', '--adversary', 'nobody'], /unknown adversary 'nobody'; valid adversaries: .*equivocator/],
    [['run', '--properties', 'liveliness'], /unknown property 'liveliness'; valid properties: .*agreement/],
    [['run', '--runs', '0'], /'0' is not a positive integer/],
    [['run', '--time-limit', 'soon'], /'soon' is not a duration/],
    [['run', '--path', '1:2'], /--path .* needs the campaign's --seed/],
    [['run', '--shard', '0/4'], /'0\/4' is not a shard: shards are 1-based, 1\/4 … 4\/4 .*\$\(\(JOB_COMPLETION_INDEX\+1\)\)\/4/],
    [['run', '--shard', '5/4'], /'5\/4' is not a shard: use i\/N with 1 ≤ i ≤ N/],
    [['replay', 'does/not/exist.json'], /cannot read does\/not\/exist\.json/],
    [['replay', 'test/fixtures/bad-scenario.json', '--target', 'naive-broadcast'], /scenario\.requests\[0\]\.client: 3 is not a client index/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('exits 2 with a clear message for %j', (args, message) => {
    const r = byzcheck(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
