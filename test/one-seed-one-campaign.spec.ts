import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { assertReplica, ByzcheckViolation } from 'byzcheck/vitest';
import { byzcheck } from './fixtures/cli.js';

const out = mkdtempSync(join(tmpdir(), 'byzcheck-one-seed-'));

test('assertReplica and byzcheck run find the same first counterexample for the same seed, in report folders of their own', async () => {
  const cli = byzcheck('run', '--target', 'examples/my-replica.ts', '--seed', '5', '--runs', '300', '--out', out, '--no-progress');
  expect(cli.code).toBe(1);
  const cliHash = /trace hash: ([0-9a-f]{64})/.exec(cli.stdout)?.[1];
  expect(cliHash).toBeDefined();
  const cliReport = /^Replay: npx byzcheck replay (\S+)$/m.exec(cli.stdout)?.[1] as string;
  expect(cliReport).toMatch(/examples-my-replica-seed5\/counterexample\.json$/);

  const error = (await assertReplica('examples/my-replica.ts', { runs: 300, seed: 5, out }).catch((e: unknown) => e)) as ByzcheckViolation;
  expect(error).toBeInstanceOf(ByzcheckViolation);
  expect(error.result.counterexample?.traceHash).toBe(cliHash);
  expect(error.message).toContain(`trace hash: ${cliHash as string}`);
  // The CLI's folder is taken, so the helper writes beside it and its replay command names its own report.
  const helperReport = /^Replay: npx byzcheck replay (\S+)$/m.exec(error.message)?.[1] as string;
  expect(helperReport).toMatch(/examples-my-replica-seed5-2\/counterexample\.json$/);
  expect(existsSync(join(out, 'examples-my-replica-seed5', 'counterexample.json'))).toBe(true);
  expect(existsSync(join(out, 'examples-my-replica-seed5-2', 'counterexample.json'))).toBe(true);
  const saved = JSON.parse(readFileSync(join(out, 'examples-my-replica-seed5-2', 'counterexample.json'), 'utf8')) as { traceHash: string };
  expect(saved.traceHash).toBe(cliHash);
}, 120_000);

test('a second run of the same campaign writes a numbered folder and prints its real path', () => {
  const args = ['run', '--target', 'test/fixtures/silent-target.ts', '--seed', '8', '--runs', '10', '--out', out, '--no-progress'];
  const first = byzcheck(...args);
  const second = byzcheck(...args);
  expect(first.code).toBe(0);
  expect(second.code).toBe(0);
  expect(first.stdout).toMatch(/reports: \S*test-fixtures-silent-target-seed8\/summary\.md/);
  expect(second.stdout).toMatch(/reports: \S*test-fixtures-silent-target-seed8-2\/summary\.md/);
});
