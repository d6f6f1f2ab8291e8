import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Target } from '../src/adapter/contract.js';
import { wireStats } from '../src/adapter/subprocess/child.js';
import { closeAllChildren, subprocessTarget, type SubprocessTarget } from '../src/adapter/subprocess/index.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { spaceFor } from '../src/check/space.js';
import { traceHash } from '../src/check/trace-hash.js';
import { scenarioArbitrary } from '../src/scenario/arbitrary.js';
import type { Scenario } from '../src/scenario/types.js';
import { sweepScenario } from '../src/sweep/scenario.js';
import seed002 from '../targets/seed002/index.js';
import { REPLICA_PY, seed002PythonTarget } from '../targets/seed002-python/index.js';
import { baseScenario, contextFor } from './fixtures/world-kit.js';

const LOGS = mkdtempSync(join(tmpdir(), 'byzcheck-hosting-'));
afterAll(async () => {
  await closeAllChildren();
  rmSync(LOGS, { recursive: true, force: true });
});

const FIXTURES = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures', 'subprocess');

/** `command` with a copy of everything byzcheck writes to it in `log`. */
const teed = (log: string, command: readonly string[]): string[] => ['sh', '-c', 'tee -a "$0" | exec "$@"', join(LOGS, log), ...command];
const written = (log: string): string => readFileSync(join(LOGS, log), 'utf8');

async function hashes(target: Target<unknown>, list: readonly Scenario[]): Promise<string[]> {
  const out: string[] = [];
  for (const s of list) {
    const run = await runScenarioChecked(s, contextFor(target), true);
    out.push(`${run.facts.stopReason} ${traceHash(run.trace ?? [])} ${JSON.stringify(run.facts)}`);
  }
  return out;
}

/** A probed target: its first run already knows the child speaks protocol 4. */
async function probed(target: SubprocessTarget): Promise<SubprocessTarget> {
  await target.probe();
  return target;
}

describe('one child hosting every replica of a run (protocol 4)', () => {
  it('seed-002 in Python: hosted, with a child per replica, and in process give the same traces and facts', async () => {
    const generated = fc.sample(scenarioArbitrary(spaceFor(seed002 as Target<unknown>, [], false)), { seed: 23, numRuns: 4 });
    const sweep = [0, 3].map((malicious) => sweepScenario({ n: 10, malicious, trial: 2, seed: 11, adversary: 'seed002-faulty', timeoutMs: 2_000 }));
    const twins = baseScenario({
      n: 7, clients: 2, byzantine: [{ node: 2, adversary: 'twins', params: { sideMask: 0b0110001 } }], tape: [],
      network: { delayMsMin: 1, delayMsMax: 1, preGstDelayMsMax: 1, dropPercent: 0 },
      requests: [0, 1, 0].map((client, i) => ({ client, atMs: i * 5, operation: `put k${i} ${i}` })), limits: { timeMs: 3_000, events: 120 },
    });
    const list = [...generated, ...sweep, twins];
    const hosted = await probed(seed002PythonTarget({ name: 'seed002-hosted', command: teed('seed002.log', ['python3', REPLICA_PY]) }));
    const own = seed002PythonTarget({ hosting: 'own' });
    const inProcess = await hashes(seed002 as Target<unknown>, list);
    expect(await hashes(hosted, list)).toEqual(inProcess);
    expect(await hashes(own, list)).toEqual(inProcess);
    // One child got the events of all ten replicas of the sweep's runs.
    expect(written('seed002.log')).toContain(',"replica":9}');
  }, 240_000);

  it('a replica that draws numbers while the child works ahead leaves the host and replays on a child of its own, with the same trace', async () => {
    const scenario = (n: number, seed: number): Scenario => baseScenario({ n, seed });
    const list = [scenario(4, 1), scenario(7, 2), scenario(7, 3)];
    const command = ['python3', join(FIXTURES, 'asker.py')];
    const hosted = await probed(subprocessTarget({ name: 'asker-hosted', command: teed('asker.log', command) }));
    const own = subprocessTarget({ name: 'asker-own', command, hosting: 'own' });
    const expected = await hashes(own, list);
    const moves = wireStats.moves;
    expect(await hashes(hosted, list)).toEqual(expected);
    expect(written('asker.log')).toContain('"replica":3}');
    expect(wireStats.moves - moves).toBeGreaterThan(0);
  }, 120_000);
});

describe('a replica failing in a hosting child is reported as with a child of its own', () => {
  const scenario = baseScenario({ n: 4, requests: [{ client: 0, atMs: 0, operation: 'put a 1' }, { client: 0, atMs: 3, operation: 'put b 2' }] });
  it.each([
    ['exit', /child exited with code 3$/],
    ['hang', /no answer to request 1 of client 4 within the step timeout, twice/],
    ['raise', /child reported an error: Traceback[\s\S]*ValueError: cannot handle 'put a 1'/],
  ])('%s: the same finding, facts and trace', async (mode, finding) => {
    const command = ['python3', join(FIXTURES, 'faulty_binding.py'), mode];
    const options = { command, stepTimeoutMs: 1_500 };
    const own = await runScenarioChecked(scenario, contextFor(subprocessTarget({ name: `faulty-${mode}`, hosting: 'own', ...options })), true);
    const hosted = await runScenarioChecked(scenario, contextFor(await probed(subprocessTarget({ name: `faulty-${mode}`, ...options }))), true);
    expect(own.facts.replicaErrors.map((e) => e.message)).toEqual([expect.stringMatching(finding)]);
    // The detail (pid, stderr) is for people and never traced: the processes differ.
    const traced = (facts: typeof own.facts) => ({ ...facts, replicaErrors: facts.replicaErrors.map(({ detail: _, ...e }) => e) });
    expect(traced(hosted.facts)).toEqual(traced(own.facts));
    expect(traceHash(hosted.trace ?? [])).toBe(traceHash(own.trace ?? []));
  }, 60_000);
});
