/**
 * A user's strategy is a module like a user's target: `--adversary ./x.ts` (mixed with built-in
 * names) and `assertReplica(…, { adversary })` load it from any folder, the counterexample records
 * it by path and sha256, `replay` loads it again — and refuses it, exit 2, once it has changed or gone.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assertReplica, ByzcheckViolation, OptionsError } from '../src/vitest.js';
import { byzcheck, ROOT } from './fixtures/cli.js';

interface Recorded {
  readonly campaign: { readonly adversaries: readonly string[]; readonly adversaryModules?: readonly { path: string; sha256: string }[] };
  readonly scenario: { readonly byzantine: readonly { adversary: string }[] };
  readonly traceHash: string;
}

let dir = '';
let strategy = '';
const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const read = (file: string): Recorded => JSON.parse(readFileSync(file, 'utf8')) as Recorded;
/** The report path a run or replay printed last (`Replay: npx byzcheck replay <path>`). */
const reportOf = (stdout: string): string => join(ROOT, /Replay: npx byzcheck replay (\S+)/.exec(stdout)?.[1] ?? 'missing');

beforeAll(() => {
  // Outside the repository: nothing but the running byzcheck can resolve its 'byzcheck' import.
  dir = mkdtempSync(join(tmpdir(), 'byzcheck-strategy-'));
  strategy = join(dir, 'two-faced.ts');
  copyFileSync(join(ROOT, 'examples', 'my-strategy.ts'), strategy);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a strategy module from a folder outside the repository', () => {
  let cli = '';

  test('finds a violation through the CLI, mixed with a built-in name, and is recorded by path and hash', () => {
    const r = byzcheck('run', '--target', 'examples/my-replica.ts', '--adversary', `silent,${strategy}`, '--properties', 'agreement',
      '--seed', '3', '--runs', '200', '--no-progress', '-o', join(dir, 'reports'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('adversaries: silent, two-faced;');
    expect(r.stdout).toMatch(/agreement: replicas \d+ and \d+ disagree at seq 1/);
    cli = reportOf(r.stdout);
    const file = read(cli);
    expect(file.scenario.byzantine.map((b) => b.adversary)).toContain('two-faced');
    expect(file.campaign.adversaries).toEqual(['silent', 'two-faced']);
    expect(file.campaign.adversaryModules).toEqual([{ path: relative(ROOT, strategy), sha256: sha256(strategy) }]);
  }, 60_000);

  test('finds the same violation through assertReplica, on a worker thread too', async () => {
    const run = (workers: number) => assertReplica('examples/my-replica.ts', {
      adversary: `silent,${strategy}`, properties: 'agreement', seed: 3, runs: 200, out: join(dir, `vitest-${workers}`), workers,
    });
    const error = await run(2).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ByzcheckViolation);
    const message = (error as ByzcheckViolation).message;
    expect(message).toMatch(/agreement: replicas \d+ and \d+ disagree at seq 1/);
    const recorded = read(join(ROOT, /npx byzcheck replay (\S+)/.exec(message)?.[1] ?? 'missing'));
    expect(recorded.traceHash).toBe(read(cli).traceHash);
    expect(recorded.campaign.adversaryModules?.[0]?.sha256).toBe(sha256(strategy));
  }, 60_000);

  test('replays with the same trace hash, then refuses the file once it changed or is gone (exit 2)', () => {
    const replay = byzcheck('replay', cli);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain('identical to the recorded run (same trace hash)');
    expect(replay.stdout).toContain('✗ violation reproduced');

    writeFileSync(strategy, `${readFileSync(strategy, 'utf8')}// tweaked after the campaign\n`);
    const changed = byzcheck('replay', cli);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toContain(`adversary module ${relative(ROOT, strategy)} changed since`);
    expect(changed.stderr).toContain('npx byzcheck run --target examples/my-replica.ts --adversary silent,');

    rmSync(strategy);
    const gone = byzcheck('replay', cli);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain(`adversary module ${relative(ROOT, strategy)} (recorded by ${cli}) is missing`);
  }, 60_000);
});

describe('strategy modules that cannot be used', () => {
  test('a module without a strategy, and one shadowing a built-in name, are usage errors naming the file', () => {
    const empty = join(dir, 'empty.ts');
    writeFileSync(empty, 'export const nothing = 1;\n');
    const none = byzcheck('run', '--target', 'naive-broadcast', '--adversary', empty, '--runs', '1');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`adversary module ${relative(ROOT, empty)} exports no strategy`);

    const shadow = join(dir, 'shadow.ts');
    writeFileSync(shadow, "import { defineAdversary, fc, z } from 'byzcheck';\nexport const s = defineAdversary({ name: 'silent', description: 'x', params: () => fc.constant({}), schema: z.object({}), enact: ({ ctx, createHonest }) => createHonest(ctx) });\n");
    const clash = byzcheck('run', '--target', 'naive-broadcast', '--adversary', shadow, '--runs', '1');
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain("exports a strategy named 'silent', the name of a built-in one");
  }, 60_000);

  test('assertReplica names a missing module as a bad options.adversary', async () => {
    const missing = join(dir, 'nowhere.ts');
    const error = await assertReplica('naive-broadcast', { adversary: missing, runs: 1 }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(OptionsError);
    expect((error as OptionsError).message).toBe(`assertReplica(): options.adversary: no such adversary module: ${missing}`);
  });
});
