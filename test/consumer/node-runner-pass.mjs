// node --test: a campaign that passes, and a violation caught as a rejection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertReplica, ByzcheckViolation, testReplica } from 'byzcheck/node-test';

testReplica('silent.js', { runs: 20, seed: 2, out: 'reports-node-test' });

test('assertReplica rejects with the violation on the buggy replica', async () => {
  await assert.rejects(assertReplica('replica.ts', { runs: 300, seed: 1, out: 'reports-node-test' }), ByzcheckViolation);
});
