import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byzcheck } from '../fixtures/cli.js';

const out = mkdtempSync(join(tmpdir(), 'byzcheck-unreproduced-'));
const TARGET = 'test/fixtures/reliability/once-broken-target.ts';
const dir = join(out, 'test-fixtures-reliability-once-broken-target-seed1');

// The fixture's bug fires once per process: the campaign sees it, the traced replay does not.
describe('a violation that does not reproduce on its traced replay is kept, marked and counted', () => {
  // Judged by integrity only: the fixture orders nothing, so other properties may fail for real.
  const run = byzcheck('run', '--target', TARGET, '--runs', '20', '--seed', '1', '--properties', 'integrity', '--out', out, '--no-progress');

  it('exits 1 and prints the violation first seen, marked as not reproduced with the likely cause', () => {
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ violation found at run \d+ \(did not reproduce on replay\)/);
    expect(run.stdout).toMatch(/^ {2}integrity: replica \d+ executed request \d+ of client \d+ twice/m);
    expect(run.stdout).toContain('WARNING: Violation did not reproduce on replay: the traced replay of the same scenario found no violation. Likely cause: the target is nondeterministic');
    expect(run.stdout).toContain('step timeout');
  });

  it('counterexample.json keeps the failing verdict and records what the replay gave', () => {
    const file = JSON.parse(readFileSync(join(dir, 'counterexample.json'), 'utf8')) as {
      verdict: { ok: boolean; violations: { property: string }[] };
      notReproduced?: { replayVerdict: { ok: boolean }; likelyCause: string };
    };
    expect(file.verdict.ok).toBe(false);
    expect(file.verdict.violations[0]?.property).toBe('integrity');
    expect(file.notReproduced?.replayVerdict.ok).toBe(true);
  });

  it('counterexample.md names the violated property and says what broke', () => {
    const md = readFileSync(join(dir, 'counterexample.md'), 'utf8');
    expect(md).toMatch(/^# Counterexample: integrity violated \(did not reproduce on replay\)$/m);
    expect(md).toMatch(/## What broke\n\n- \*\*integrity\*\*: replica \d+ executed/);
    expect(md).toContain('> **Warning:** Violation did not reproduce on replay');
  });

  it('junit.xml counts it as a failure', () => {
    const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(xml).toMatch(/<testsuites name="byzcheck" tests="\d+" failures="1"/);
    expect(xml).toMatch(/<testcase name="integrity"[^>]*>\n {6}<failure message="replica \d+ executed/);
    expect(xml).toContain('<property name="reproduced" value="false"/>');
    expect(xml).toContain('Violation did not reproduce on replay');
  });

  it('summary.md says a violation was found', () => {
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(/^# byzcheck campaign: .*: violation found$/m);
  });
});
