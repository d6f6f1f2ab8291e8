import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Target } from '../src/adapter/contract.js';
import { closeAllChildren, subprocessTarget } from '../src/adapter/subprocess/index.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { traceHash } from '../src/check/trace-hash.js';
import type { Scenario } from '../src/scenario/types.js';
import { baseScenario, contextFor, logs } from './fixtures/world-kit.js';

afterAll(closeAllChildren);

const TWO_TIMERS = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures', 'subprocess', 'two_timers.py');

/**
 * view-change-storm fires all its honest code's pending timers at once (`all([...])`) every 30 ms:
 * two handlers of one replica instance (timers a and b of node 1) called without waiting for each other.
 */
const STORM: Scenario = baseScenario({
  n: 4, seed: 5,
  byzantine: [{ node: 1, adversary: 'view-change-storm', params: { periodMs: 30 } }],
  limits: { timeMs: 200, events: 400 },
});

async function traced(target: Target<unknown>) {
  const run = await runScenarioChecked(STORM, contextFor(target), true);
  const trace = run.trace ?? [];
  return {
    hash: traceHash(trace),
    errors: trace.flatMap((e) => (e.kind === 'error' ? [e.message] : [])),
    stormed: logs(trace).filter((e) => e.node === 1).map((e) => e.message),
  };
}

describe('handlers of one subprocess replica that a strategy calls at once', () => {
  it('run one after the other in call order, as in process: no "child still busy" error, whichever child serves', async () => {
    const own = await traced(subprocessTarget({ name: 'two-timers', command: ['python3', TWO_TIMERS], hosting: 'own' }));
    const hosted = await traced(subprocessTarget({ name: 'two-timers', command: ['python3', TWO_TIMERS] }));
    // Before, the second call reached the child while it still worked on the first: a replica error
    // in the trace, or none, as other lanes' steps happened to fill the I/O queue (the wall clock).
    expect(own.errors).toEqual([]);
    // Every 30 ms the storm fires a, then b: each handled, in that order.
    expect(own.stormed.slice(0, 4)).toEqual(['timer a fired (1 so far)', 'timer b fired (2 so far)', 'timer a fired (3 so far)', 'timer b fired (4 so far)']);
    expect(own.stormed.length).toBeGreaterThanOrEqual(12);
    expect(hosted).toEqual(own);
  }, 120_000);
});
