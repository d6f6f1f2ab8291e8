import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byzcheck } from './fixtures/cli.js';

const out = mkdtempSync(join(tmpdir(), 'byzcheck-exec-'));

describe('byzcheck run --exec', () => {
  it('tests the README\'s Python replica, finds a violation, and its replay reproduces the trace hash', () => {
    const run = byzcheck('run', '--exec', 'python3 examples/tiny_replica.py', '--seed', '1', '--adversary', 'equivocator', '--search', 'random', '--out', out, '--no-progress');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/or regenerate it: npx byzcheck run --exec 'python3 examples\/tiny_replica.py' --seed \d+ --path /);
    const file = (run.stdout.trim().split('\n').pop() ?? '').replace('Replay: npx byzcheck replay ', '');
    const hash = /trace hash: ([0-9a-f]{64})/.exec(run.stdout)?.[1];
    const replay = byzcheck('replay', file);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain(`trace hash: ${hash}`);
    expect(replay.stdout).toContain('identical to the recorded run');
  });

  it('refuses shell syntax it would not run faithfully, with exit 2', () => {
    const r = byzcheck('run', '--exec', 'python3 replica.py | tee log', '--out', out, '--no-progress');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/script/);
  });
});

describe('byzcheck sweep', () => {
  it('prints success rate and latency per malicious count and writes both SVG charts', () => {
    const r = byzcheck('sweep', '--target', 'seed002', '--n', '4', '--malicious', '0..2', '--trials', '2', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/malicious +success +rate +mean ms +p95 ms/);
    expect(r.stdout).toMatch(/^ +0 +2\/2 +1\.00 /m);
    expect(existsSync(join(out, 'sweep', 'seed002', 'latency.svg'))).toBe(true);
    expect(existsSync(join(out, 'sweep', 'seed002', 'success-rate.svg'))).toBe(true);
  });
});
