import { describe, expect, it } from 'vitest';
import { ADVERSARY_MAP, baseScenario } from './fixtures/world-kit.js';
import { replicaContract } from '../properties/replica-contract.js';
import { validity } from '../properties/validity.js';
import { judgeRun, shrunkCounterexample } from '../src/check/failure.js';
import { spaceFor } from '../src/check/space.js';
import type { Target } from '../src/adapter/contract.js';

// Ctrl-C or SIGTERM kills every replica process at once. When it came during the minimiser's first
// run (the rerun of the failing scenario), that run's replicas died under it, its verdict
// (replica-contract) was taken as what the failure gave on rerun, and the counterexample was marked
// "did not reproduce on replay" — a false alarm of nondeterminism about a replica that was fine.
const stop = new AbortController();
/** Replica instances still to be created doomed: they abort the campaign and die as killed children do. */
let doomedInstances = 0;
const inventing: Target<never> = {
  name: 'inventing',
  description: 'executes an operation nobody submitted; dies like a killed child process when doomed',
  createReplica: (ctx) => {
    const doomed = doomedInstances > 0;
    if (doomed) doomedInstances--;
    return {
      onMessage: () => undefined,
      onRequest: (r) => {
        if (doomed) {
          stop.abort();
          throw new Error('child was killed by SIGKILL');
        }
        ctx.execute(1, `${r.operation}~`, 'ok', { client: r.client, requestId: r.requestId });
      },
    };
  },
};

describe('an abort during the minimiser\'s first run', () => {
  it('leaves the counterexample reproducible when its replay repeats the violation', async () => {
    const scenario = baseScenario({ requests: [{ client: 0, atMs: 0, operation: 'put a 1' }] });
    const options = { target: inventing, adversaries: ADVERSARY_MAP, properties: [validity, replicaContract], space: spaceFor(inventing, [], false, [4]), runs: 1, seed: 1, signal: stop.signal };
    const { failure } = await judgeRun(scenario, options, false);
    expect(failure?.verdict.violations.map((v) => v.property)).toEqual(['validity']);
    doomedInstances = scenario.n; // the minimiser's first run: the failure's rerun
    const cx = await shrunkCounterexample(failure!, options, { seed: 1, path: null, failedAtRun: 1 }, 0, true, false);
    expect(cx.verdict.violations.map((v) => v.property)).toEqual(['validity']);
    expect(cx.notReproduced).toBeNull();
  });
});
