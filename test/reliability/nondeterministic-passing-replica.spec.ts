import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byzcheck } from '../fixtures/cli.js';

const out = mkdtempSync(join(tmpdir(), 'byzcheck-nondeterministic-'));
const TARGET = 'test/fixtures/reliability/random-timer-target.ts';
const dir = join(out, 'test-fixtures-reliability-random-timer-target-seed1');
const FINDING = /^ {2}determinism: target '.*random-timer-target\.ts' is nondeterministic: the same scenario run twice gave different traces .*; first difference at trace event \d+: \{.*\} versus \{.*\}$/m;

// The fixture's replicas never commit, so every property holds: only a determinism check sees them.
describe('a passing replica that uses Math.random in its timers is a determinism finding', () => {
  const run = byzcheck('run', '--target', TARGET, '--runs', '50', '--seed', '1', '--out', out, '--no-progress');

  it('exits 1 naming the first differing trace event', () => {
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(FINDING);
  });

  it('writes the reports, and junit.xml counts the determinism failure', () => {
    const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(xml).toMatch(/<testsuites name="byzcheck" tests="\d+" failures="1"/);
    expect(xml).toMatch(/<testcase name="determinism"[^>]*>\n {6}<failure message="target /);
    expect(readFileSync(join(dir, 'counterexample.md'), 'utf8')).toMatch(/^# Counterexample: determinism violated$/m);
  });

  it('replay of the finding runs the scenario twice and reproduces the mismatch (exit 1)', () => {
    const r = byzcheck('replay', join(dir, 'counterexample.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(FINDING);
    expect(r.stdout).not.toContain('verdict differs');
  });

  it('finds the same run whatever the worker count', () => {
    const other = mkdtempSync(join(tmpdir(), 'byzcheck-nondeterministic-workers-'));
    const r = byzcheck('run', '--target', TARGET, '--runs', '300', '--seed', '1', '--workers', '2', '--out', other, '--no-progress');
    expect(r.code).toBe(1);
    const scenario = (text: string): string | undefined => /^ {2}scenario: .*$/m.exec(text)?.[0];
    expect(scenario(r.stdout)).toBe(scenario(run.stdout));
    expect(r.stdout).toMatch(/violation found at run 1;/);
  });

  it('a deterministic passing replica stays exit 0', () => {
    const r = byzcheck('run', '--target', 'test/fixtures/silent-target.ts', '--runs', '50', '--seed', '1', '--out', out, '--no-progress');
    expect(r.code).toBe(0);
  });
});
