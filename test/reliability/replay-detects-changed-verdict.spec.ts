import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { byzcheck } from '../fixtures/cli.js';

const out = mkdtempSync(join(tmpdir(), 'byzcheck-replay-changed-'));
const recorded = join(out, 'naive-broadcast-seed1', 'counterexample.json');

interface CounterexampleJson {
  campaign: { target: string };
  scenario: { byzantine: unknown[] };
  traceHash: string;
  trace: { t: number }[];
}

/** Writes a copy of the recorded counterexample, changed by `edit`, and returns its path. */
function variant(name: string, edit: (file: CounterexampleJson) => unknown): string {
  const file = JSON.parse(readFileSync(recorded, 'utf8')) as CounterexampleJson;
  const path = join(out, `${name}.json`);
  writeFileSync(path, JSON.stringify(edit(file) ?? file));
  return path;
}

describe('replay exits 1 when the replay no longer matches the recorded run', () => {
  beforeAll(() => {
    expect(byzcheck('run', '--target', 'naive-broadcast', '--seed', '1', '--adversary', 'equivocator', '--out', out, '--no-progress').code).toBe(1);
  });

  it('a replay identical to the record reproduces the violation (exit 1)', () => {
    const r = byzcheck('replay', recorded);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('identical to the recorded run');
    expect(r.stdout).toContain('✗ violation reproduced');
  });

  it('a violation that no longer happens (the replica was fixed) says so and exits 1', () => {
    const r = byzcheck('replay', variant('fixed', (f) => void (f.campaign.target = 'test/fixtures/silent-target.ts')));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ the recorded violation no longer happens: recorded (agreement|validity|total-order|client-safety) violated \(.+\); now no violation/);
    expect(r.stdout).toContain('keep its scenario as a regression test');
    expect(r.stdout).not.toContain('✓ no violation');
  });

  it('an edited scenario whose verdict changed says so and exits 1', () => {
    const r = byzcheck('replay', variant('edited', (f) => void (f.scenario.byzantine = [])));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ the (recorded violation no longer happens|verdict differs from the recorded one): recorded /);
  });

  it('a different trace with the same verdict exits 1 with a one-line diff of the first differing trace event', () => {
    const r = byzcheck('replay', variant('tampered', (f) => {
      const event = f.trace[5] as { t: number };
      event.t += 1000;
      f.traceHash = createHash('sha256').update(f.trace.map((e) => `${JSON.stringify(e)}\n`).join('')).digest('hex');
    }));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('DIFFERENT from the recorded run');
    expect(r.stdout).toMatch(/^ {2}first difference at trace event 5 \(step \d+\): recorded \{.*"t":\d{4,}.*\} vs now \{.*\}$/m);
    expect(r.stdout).toContain('✗ violation reproduced, with a different trace');
  });

  it('a bare scenario file that passes still exits 0', () => {
    const scenario = variant('bare', (f) => f.scenario);
    const r = byzcheck('replay', scenario, '--target', 'test/fixtures/silent-target.ts');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ no violation in this run');
  });
});
