/**
 * byzcheck inside node's own test runner (`node --test`): the same `assertReplica` as
 * `byzcheck/vitest` (it depends on no runner), and `testReplica` to declare one campaign as a test.
 *
 *   import { testReplica } from 'byzcheck/node-test';
 *   testReplica('src/replica.ts', { runs: 500 });
 */
import { test } from 'node:test';
import { assertReplica, type AssertReplicaOptions } from './vitest.js';

export { assertReplica, ByzcheckViolation, type AssertReplicaOptions } from './vitest.js';

/** Options of {@link testReplica}: the campaign's, plus the test's name and time limit. */
export interface TestReplicaOptions extends AssertReplicaOptions {
  /** The test's name (default `byzcheck: <target>`). */
  readonly name?: string;
  /**
   * Milliseconds before node:test fails the test (default: none). With a timeout and no `timeLimit`,
   * the campaign's time limit is 80 % of it, so a slow campaign ends with its counterexample (the
   * smallest reached) rather than node:test's bare timeout.
   */
  readonly timeout?: number;
}

/**
 * Declares a node:test test that runs a byzcheck campaign against `target` (a built-in name or a
 * module path) and fails with the shrunk counterexample and its replay command on a violation.
 */
export function testReplica(target: string, options: TestReplicaOptions = {}): void {
  const { name, timeout, ...campaign } = options;
  const limited = timeout === undefined || campaign.timeLimit !== undefined ? campaign : { ...campaign, timeLimit: Math.floor(timeout * 0.8) };
  test(name ?? `byzcheck: ${target}`, timeout === undefined ? {} : { timeout }, async () => {
    await assertReplica(target, limited);
  });
}
