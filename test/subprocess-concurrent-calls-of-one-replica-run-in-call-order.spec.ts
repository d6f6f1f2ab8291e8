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

const FIXTURES = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures', 'subprocess');
const TWO_TIMERS = join(FIXTURES, 'two_timers.py');
const JITTERY_ASKER = join(FIXTURES, 'jittery_asker.py');

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

/** `twins` hands every client request to both copies of node 2 at once; each copy's child asks for a number. */
const TWINS: Scenario = baseScenario({
  n: 4, seed: 3, clients: 1,
  byzantine: [{ node: 2, adversary: 'twins', params: { sideMask: 0b0011 } }],
  requests: [0, 1, 2].map((i) => ({ client: 0, atMs: i * 3, operation: `op${i}` })),
  limits: { timeMs: 2_000, events: 300 },
});

describe('handlers of two subprocess replica instances that a strategy calls at once', () => {
  it('draw from the run\'s generator in call order, whichever child happens to ask first', async () => {
    // The children pause 0-15 ms of wall time before asking: only the call order may decide who draws first.
    const own = subprocessTarget({ name: 'jittery', command: ['python3', JITTERY_ASKER], hosting: 'own' });
    const hashes = new Set<string>();
    for (let k = 0; k < 6; k++) hashes.add(traceHash((await runScenarioChecked(TWINS, contextFor(own), true)).trace ?? []));
    // A hosting child handles its lines one at a time, in the order they were written: the call order.
    const hosted = subprocessTarget({ name: 'jittery', command: ['python3', JITTERY_ASKER] });
    const inCallOrder = traceHash((await runScenarioChecked(TWINS, contextFor(hosted), true)).trace ?? []);
    expect([...hashes]).toEqual([inCallOrder]);
  }, 120_000);
});
