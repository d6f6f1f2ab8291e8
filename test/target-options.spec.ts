/**
 * Target options are data: `--target-option key=value` and `assertReplica(…, { targetOptions })`
 * are validated by the target's schema (exit 2 / OptionsError naming the option), change what the
 * replica does, are recorded in the scenario and counterexample, and replay with no flag or
 * environment variable. pbft-small-window is pbft with other option defaults.
 */
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runScenario, type RunOutcome } from '../src/check/run-scenario.js';
import { spaceFor } from '../src/check/space.js';
import { traceHash } from '../src/check/trace-hash.js';
import { ALL_ADVERSARIES } from '../src/cli/selection.js';
import { OptionsError } from '../src/check/options-error.js';
import { scenarioArbitrary } from '../src/scenario/arbitrary.js';
import { assertReplica, ByzcheckViolation } from '../src/vitest.js';
import pbft from '../targets/pbft/index.js';
import smallWindow from '../targets/pbft-small-window/index.js';
import { byzcheck, ROOT } from './fixtures/cli.js';

const TARGET = 'test/fixtures/options-target.ts';
const CAMPAIGN = ['run', '--target', TARGET, '--adversary', 'none', '--properties', 'agreement', '--seed', '1', '--runs', '30', '--no-progress'];

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'byzcheck-target-options-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Recorded {
  readonly campaign: { readonly targetOptions?: unknown };
  readonly scenario: { targetOptions?: unknown };
  readonly traceHash: string;
}

describe('--target-option', () => {
  test('changes behaviour, is recorded in counterexample.json, and replays with no flag or environment variable', () => {
    expect(byzcheck(...CAMPAIGN, '-o', join(dir, 'default')).code).toBe(0);

    const r = byzcheck(...CAMPAIGN, '--target-option', 'corruptSeq=1', '-o', join(dir, 'corrupt'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`target ${TARGET} (corruptSeq=1)`);
    expect(r.stdout).toMatch(/agreement: replicas \d+ and \d+ disagree at seq 1/);
    expect(r.stdout).toContain('--target-option corruptSeq=1');
    const file = join(ROOT, /Replay: npx byzcheck replay (\S+)/.exec(r.stdout)?.[1] ?? 'missing');
    const recorded = JSON.parse(readFileSync(file, 'utf8')) as Recorded;
    expect(recorded.scenario.targetOptions).toEqual({ corruptSeq: 1 });
    expect(recorded.campaign.targetOptions).toEqual({ corruptSeq: 1 });

    const replay = byzcheck('replay', file);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain(`trace hash: ${recorded.traceHash}`);
    expect(replay.stdout).toContain('✗ violation reproduced');

    // The scenario's options are what the replay runs with: without them the violation is gone.
    const { targetOptions: _dropped, ...scenario } = recorded.scenario;
    const bare = join(dir, 'without-options.json');
    writeFileSync(bare, JSON.stringify({ ...recorded, scenario }));
    const without = byzcheck('replay', bare);
    expect(without.code).toBe(1);
    expect(without.stdout).toContain('✗ the recorded violation no longer happens');
  }, 60_000);

  test('a bad value or an unknown option is exit 2 naming it and what it expects', () => {
    const bad = byzcheck(...CAMPAIGN, '--target-option', 'corruptSeq=-1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`bad --target-option for target ${TARGET}`);
    expect(bad.stderr).toMatch(/target option 'corruptSeq': .*>=0, got -1/);
    const unknown = byzcheck(...CAMPAIGN, '--target-option', 'strict=true');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`target option 'strict': ${TARGET} has no such option; valid options: corruptSeq`);
    const text = byzcheck('run', '--target', 'pbft', '--target-option', 'logWindow=wide', '--runs', '1');
    expect(text.code).toBe(2);
    expect(text.stderr).toContain("target option 'logWindow': Invalid input: expected number, received string, got \"wide\"");
    const malformed = byzcheck('run', '--target', 'pbft', '--target-option', 'logWindow', '--runs', '1');
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain("'logWindow' is not key=value");
  }, 60_000);
});

describe('assertReplica({ targetOptions })', () => {
  test('finds the violation the option causes, and names a bad option in an OptionsError', async () => {
    const options = { adversary: 'none', properties: 'agreement', seed: 1, runs: 30, out: join(dir, 'vitest') };
    await expect(assertReplica(TARGET, options)).resolves.toBeDefined();
    await expect(assertReplica(TARGET, { ...options, targetOptions: { corruptSeq: 1 } })).rejects.toThrow(ByzcheckViolation);
    const error = await assertReplica(TARGET, { ...options, targetOptions: { corruptSeq: 'one' } }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(OptionsError);
    expect((error as OptionsError).message).toContain("assertReplica(): options.targetOptions: target option 'corruptSeq': Invalid input: expected number, received string");
  }, 60_000);
});

describe('pbft-small-window', () => {
  test('is pbft with the small-window options: the same trace for the same scenario', () => {
    const options = { logWindow: 2, checkpointInterval: 2, catchUpHistory: 0 };
    const space = spaceFor(pbft, [...ALL_ADVERSARIES.values()], false, [4], true, options);
    for (const scenario of fc.sample(scenarioArbitrary(space), { seed: 7, numRuns: 4 })) {
      expect(scenario.targetOptions).toEqual(options);
      const viaOptions = runScenario(scenario, { target: pbft, adversaries: ALL_ADVERSARIES }, true) as RunOutcome;
      const { targetOptions: _o, ...plain } = scenario;
      const alias = runScenario(plain, { target: smallWindow, adversaries: ALL_ADVERSARIES }, true) as RunOutcome;
      expect(traceHash(viaOptions.trace ?? [])).toBe(traceHash(alias.trace ?? []));
    }
  }, 60_000);
});
