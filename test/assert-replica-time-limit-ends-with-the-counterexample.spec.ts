import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertReplica, ByzcheckViolation, OptionsError } from '../src/vitest.js';

// A stranger's vitest test hit its 300 s timeout while byzcheck was still shrinking: vitest said
// "Test timed out" and nothing of the violation already found. `timeLimit` (like `--time-limit`)
// ends the campaign in time, with the smallest counterexample reached and its replay command. The
// fixture grinds long enough (~7 s unloaded for find, shrink and replay) that a 3 s limit always lands in the shrink.

const out = mkdtempSync(join(tmpdir(), 'byzcheck-time-limit-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('assertReplica with a time limit', () => {
  it('stops a slow shrink at the limit and throws the violation found, ending with the replay command', async () => {
    const failure = await assertReplica('test/fixtures/slow-shrink-target.ts', {
      runs: 50, seed: 1, timeLimit: 3_000, properties: 'agreement', out, targetOptions: { iterations: 20_000_000 },
    }).then(() => null, (error: unknown) => error);
    expect(failure).toBeInstanceOf(ByzcheckViolation);
    const message = (failure as ByzcheckViolation).message;
    expect(message).toMatch(/agreement/);
    expect(message.trimEnd().split('\n').at(-1)).toMatch(/^Replay: npx byzcheck replay /);
    expect((failure as ByzcheckViolation).result.interrupted).toBe(true);
  }, 300_000);

  it('refuses a time limit that is not a positive number, naming it', async () => {
    await expect(assertReplica('naive-broadcast', { timeLimit: -1 })).rejects.toThrow(OptionsError);
    await expect(assertReplica('naive-broadcast', { timeLimit: -1 })).rejects.toThrow(/timeLimit/);
  });
});
