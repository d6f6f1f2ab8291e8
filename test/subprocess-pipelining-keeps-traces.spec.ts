import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Target } from '../src/adapter/contract.js';
import { wireStats } from '../src/adapter/subprocess/child.js';
import { closeAllChildren, subprocessTarget, type SubprocessTarget } from '../src/adapter/subprocess/index.js';
import type { Pipelining } from '../src/adapter/subprocess/target.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { spaceFor } from '../src/check/space.js';
import { traceHash } from '../src/check/trace-hash.js';
import { scenarioArbitrary } from '../src/scenario/arbitrary.js';
import type { Scenario } from '../src/scenario/types.js';
import { sweepScenario } from '../src/sweep/scenario.js';
import seed002 from '../targets/seed002/index.js';
import { REPLICA_PY, seed002PythonTarget } from '../targets/seed002-python/index.js';
import { baseScenario, contextFor } from './fixtures/world-kit.js';

afterAll(closeAllChildren);

const BINDING = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'bindings', 'python');
/** The same replica program with its binding capped at protocol 1: one event per round trip, no vouched signatures. */
const PROTOCOL_1 = ['python3', '-c', `import runpy, sys; sys.path.insert(0, ${JSON.stringify(BINDING)}); import byzcheck_replica.runner as r; r.PROTOCOL = 1; sys.argv = [${JSON.stringify(REPLICA_PY)}]; runpy.run_path(sys.argv[0], run_name='__main__')`];

const byMode = new Map<Pipelining, SubprocessTarget>((['off', 'event', 'instant'] as const).map((mode) => [mode, seed002PythonTarget({ pipelining: mode })]));
const protocol1 = seed002PythonTarget({ command: PROTOCOL_1 });

/**
 * Generated scenarios (short tapes, lossy pre-GST networks, n ∈ {4, 7, 10}), FIFO ones cut short in
 * the middle of an instant, and seed 002's sweep trials (a tape that never runs out: 5–35 ms delays
 * drawn for every message, faulty replicas whose honest code is still written ahead).
 */
function scenarios(): Scenario[] {
  const generated = fc.sample(scenarioArbitrary(spaceFor(seed002 as Target<unknown>, [], false)), { seed: 22, numRuns: 4 });
  const fifo = (events: number, byzantine: Scenario['byzantine']): Scenario => baseScenario({
    n: 7, clients: 2, byzantine, tape: [], network: { delayMsMin: 1, delayMsMax: 1, preGstDelayMsMax: 1, dropPercent: 0 },
    requests: [0, 1, 0].map((client, i) => ({ client, atMs: i * 5, operation: `put k${i} ${i}` })), limits: { timeMs: 3_000, events },
  });
  const sweep = [2, 4].map((malicious) => sweepScenario({ n: 10, malicious, trial: 1, seed: 11, adversary: 'seed002-faulty', timeoutMs: 2_000 }));
  return [...generated, ...sweep, fifo(53, []), fifo(100_000, [{ node: 3, adversary: 'seed002-faulty', params: {} }]), fifo(90, [{ node: 2, adversary: 'twins', params: { sideMask: 0b0110001 } }])];
}

async function hashes(target: Target<unknown>, list: readonly Scenario[]): Promise<{ hashes: string[]; ahead: number; steps: number }> {
  const before = { ...wireStats };
  const out: string[] = [];
  for (const s of list) {
    const run = await runScenarioChecked(s, contextFor(target), true);
    out.push(`${run.facts.stopReason} ${traceHash(run.trace ?? [])}`);
  }
  return { hashes: out, ahead: wireStats.ahead - before.ahead, steps: wireStats.steps - before.steps };
}

describe('events written ahead give the traces of one event per round trip', () => {
  it('seed-002 in Python: the same trace hashes with every pipelining, with protocol 1, and in process', async () => {
    const list = scenarios();
    const inProcess = await hashes(seed002 as Target<unknown>, list);
    const v1 = await hashes(protocol1, list);
    expect(v1.ahead).toBe(0);
    expect(v1.hashes).toEqual(inProcess.hashes);
    const results = new Map<Pipelining, Awaited<ReturnType<typeof hashes>>>();
    for (const [mode, target] of byMode) results.set(mode, await hashes(target, list));
    for (const [mode, result] of results) expect({ mode, hashes: result.hashes }).toEqual({ mode, hashes: inProcess.hashes });
    // The modes differ in what they write ahead, not in what the runs do.
    expect(results.get('off')?.ahead).toBe(0);
    const event = results.get('event')?.ahead ?? 0;
    const instant = results.get('instant')?.ahead ?? 0;
    expect(event).toBeGreaterThan(0);
    expect(instant).toBeGreaterThan(event);
  }, 240_000);
});

describe('timers written ahead', () => {
  const RACE = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures', 'subprocess', 'timer_race.py');
  const race = (pipelining: Pipelining) => subprocessTarget({ name: `timer-race-${pipelining}`, command: ['python3', RACE], pipelining });

  it('a timer due at the instant a message cancels it is never handed to the child, and one due first fires', async () => {
    const s = baseScenario({ n: 4, limits: { timeMs: 50, events: 10_000 } });
    const off = await runScenarioChecked(s, contextFor(race('off')), true);
    const instant = await runScenarioChecked(s, contextFor(race('instant')), true);
    expect(instant.facts.replicaErrors).toEqual([]);
    const logs = (instant.trace ?? []).flatMap((e) => (e.kind === 'log' ? [e.message] : []));
    expect(logs).toContain('timer t fired');
    expect(logs).toContain('hop 3 from 1');
    expect(traceHash(instant.trace ?? [])).toBe(traceHash(off.trace ?? []));
  }, 60_000);
});
