import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeAllChildren } from '../src/adapter/subprocess/registry.js';
import { byzcheck } from './fixtures/cli.js';

const out = mkdtempSync(join(tmpdir(), 'byzcheck-declared-'));

describe('byzcheck run --target target.json', () => {
  it('judges the declared liveness bound of a Python replica, reports it, and replays it with the same trace hash', () => {
    const run = byzcheck('run', '--target', 'test/fixtures/declared/target.json', '--seed', '1', '--adversary', 'none', '--properties', 'liveness', '--search', 'random', '--out', out, '--no-progress');
    expect(run.code).toBe(1);
    // The bound is the file's formula 1000 + (f + 1) * 500 at n = 4, the file's only cluster size; the
    // command finds starving_replica.py only because cwd defaults to the json file's folder.
    expect(run.stdout).toMatch(/liveness: request \d+ of client 4 .* bound 2000 ms/);
    expect(run.stdout).toContain('scenario: n=4');
    expect(run.stdout).toMatch(/or regenerate it: npx byzcheck run --target test\/fixtures\/declared\/target\.json --seed \d+ --path /);
    const file = (run.stdout.trim().split('\n').pop() ?? '').replace('Replay: npx byzcheck replay ', '');
    const hash = /trace hash: ([0-9a-f]{64})/.exec(run.stdout)?.[1];
    expect(hash).toBeDefined();
    const replay = byzcheck('replay', file);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain('against target test/fixtures/declared/target.json');
    expect(replay.stdout).toContain(`trace hash: ${hash}`);
    expect(replay.stdout).toMatch(/liveness: request \d+ of client 4/);
  });

  it('refuses a malformed target.json with exit 2, naming every bad field', () => {
    const r = byzcheck('run', '--target', 'test/fixtures/declared/bad-target.json', '--out', out, '--no-progress');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('target.json is not valid (test/fixtures/declared/bad-target.json)');
    expect(r.stderr).toContain('command: Invalid input: expected array, received string');
    expect(r.stderr).toMatch(/livenessBoundMs: unknown name 'g'/);
    expect(r.stderr).toContain('codec.sequence: unknown field');
  });

  it('says so when the file does not exist', () => {
    const r = byzcheck('run', '--target', 'test/fixtures/declared/missing.json', '--out', out, '--no-progress');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no such file: test/fixtures/declared/missing.json');
  });
});

describe('assertReplica with a target.json', () => {
  afterAll(closeAllChildren);

  it('throws the liveness violation the declared bound lets it judge', async () => {
    const { assertReplica } = await import('../src/vitest.js');
    await expect(assertReplica('test/fixtures/declared/target.json', { runs: 20, seed: 1, adversary: 'none', properties: 'liveness', out })).rejects.toThrow(/liveness: request \d+ of client 4/);
  });
});
