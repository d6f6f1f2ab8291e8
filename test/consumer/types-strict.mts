// A consumer's strict type-check of the public API (skipLibCheck off: byzcheck's .d.ts are checked too).
import type { CheckResult, Property, Scenario, Target } from 'byzcheck';
import { faultsTolerated } from 'byzcheck';
import { assertReplica, type AssertReplicaOptions } from 'byzcheck/vitest';
import { testReplica, type TestReplicaOptions } from 'byzcheck/node-test';

const options: AssertReplicaOptions = { runs: 10, seed: 3 };
const nodeOptions: TestReplicaOptions = { ...options, name: 'strict', timeout: 1000 };
const target: Target<{ n: number }> = {
  name: 'strict', description: 'type-checked only',
  createReplica: (ctx) => ({ onRequest: () => ctx.broadcast({ n: faultsTolerated(ctx.config.n) }), onMessage: (_from, message) => void message.n }),
};
const pending: Promise<CheckResult> = assertReplica('silent.js', options);
const property: Property | undefined = undefined;
const scenario: Scenario | undefined = undefined;
void [target, pending, property, scenario, nodeOptions, testReplica];
