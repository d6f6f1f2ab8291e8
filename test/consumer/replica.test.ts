import { expect, test } from 'vitest';
import { assertReplica, ByzcheckViolation } from 'byzcheck/vitest';

test('assertReplica finds the bug in the TypeScript replica and names the replay command', async () => {
  const error: unknown = await assertReplica('replica.ts', { runs: 300, seed: 1, out: 'reports-vitest' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ByzcheckViolation);
  expect((error as Error).message).toMatch(/^byzcheck found a violation in replica\.ts \(seed 1\)/);
  expect((error as Error).message).toMatch(/\nReplay: npx byzcheck replay \S+counterexample\.json$/);
});

test('assertReplica resolves for the JavaScript replica that never acts', async () => {
  const result = await assertReplica('silent.js', { runs: 20, seed: 2, out: 'reports-vitest' });
  expect(result.counterexample).toBeNull();
});
