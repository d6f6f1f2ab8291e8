import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { assertReplica, ByzcheckViolation } from 'byzcheck/vitest';

const out = mkdtempSync(join(tmpdir(), 'byzcheck-vitest-'));

test('assertReplica, called as the README shows, fails on the buggy example with the summary and replay command', async () => {
  const run = assertReplica('examples/my-replica.ts', { runs: 300, seed: 1, out });
  await expect(run).rejects.toBeInstanceOf(ByzcheckViolation);
  const error = (await run.catch((e: unknown) => e)) as ByzcheckViolation;
  const lines = error.message.split('\n');
  expect(lines[0]).toBe('byzcheck found a violation in examples/my-replica.ts (seed 1)');
  expect(error.message).toMatch(/\n {2}(agreement|validity|total-order|integrity|client-safety): /);
  expect(lines[lines.length - 1]).toMatch(/^Replay: npx byzcheck replay .*examples-my-replica-seed1\/counterexample\.json$/);
  expect(error.result.counterexample?.reproducible).toBe(true);
});

test('assertReplica resolves with the campaign result when nothing is violated', async () => {
  const result = await assertReplica('test/fixtures/silent-target.ts', { runs: 25, seed: 2, out });
  expect(result.runs).toBe(25);
  expect(result.counterexample).toBeNull();
});
