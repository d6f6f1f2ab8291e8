import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { closeAllChildren, subprocessTarget } from '../src/adapter/subprocess/index.js';
import { buildGoBinary, GO_MISSING, goAvailable } from '../src/adapter/subprocess/go-build.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { traceHash } from '../src/check/trace-hash.js';
import { baseScenario, contextFor } from './fixtures/world-kit.js';

const LOGS = mkdtempSync(join(tmpdir(), 'byzcheck-v2-bindings-'));
afterAll(async () => {
  await closeAllChildren();
  rmSync(LOGS, { recursive: true, force: true });
});

const FIXTURES = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures', 'subprocess');
const CHILD = join(FIXTURES, 'v2_signer.py');
const target = (version: 'v1' | 'v2') => subprocessTarget({ name: `signer-${version}`, command: ['python3', CHILD, version] });

// No tape, 1 ms links: every gossip round lands at one instant, so events are written ahead.
const scenario = baseScenario({ n: 7, requests: [{ client: 0, atMs: 0, operation: 'a' }, { client: 0, atMs: 0, operation: 'b' }] });

describe('protocol 2: events written ahead to a child that asks for signatures in the middle of its steps', () => {
  it('gives the same trace as the same child speaking protocol 1, signatures verified', async () => {
    const v1 = await runScenarioChecked(scenario, contextFor(target('v1')), true);
    const v2 = await runScenarioChecked(scenario, contextFor(target('v2')), true);
    expect(v2.facts.replicaErrors).toEqual([]);
    const logs = (v2.trace ?? []).filter((e) => e.kind === 'log').map((e) => JSON.stringify(e));
    expect(logs.some((l) => l.includes('valid=True'))).toBe(true);
    expect(logs.some((l) => l.includes('valid=False'))).toBe(false);
    expect(traceHash(v2.trace ?? [])).toBe(traceHash(v1.trace ?? []));
  });
});

/** Runs `command` with a copy of what byzcheck writes to it appended to `log` (to see that events were written ahead). */
const teed = (name: string, command: readonly string[]) => {
  const log = join(LOGS, `${name}.log`);
  return { log, target: subprocessTarget({ name, command: ['sh', '-c', 'tee -a "$0" | exec "$@"', log, ...command] }) };
};

describe('protocol 2 through the bindings: the same signer on the Python and Go bindings', () => {
  it.each([
    ['Python', () => ['python3', join(FIXTURES, 'binding_signer.py')]],
    ['Go', () => {
      if (!goAvailable()) throw new Error(GO_MISSING);
      return [buildGoBinary(join(FIXTURES, 'go_signer'), 'go-signer')];
    }],
  ])('%s: negotiates 2, gets events written ahead, and gives the hand-written protocol-1 child\'s trace', async (name, command) => {
    const { log, target: bound } = teed(`signer-${name}`, command());
    const v1 = await runScenarioChecked(scenario, contextFor(target('v1')), true);
    const run = await runScenarioChecked(scenario, contextFor(bound), true);
    expect(run.facts.replicaErrors).toEqual([]);
    expect(readFileSync(log, 'utf8')).toContain('"more":true'); // byzcheck sends it only to protocol-2 children
    expect(traceHash(run.trace ?? [])).toBe(traceHash(v1.trace ?? []));
  }, 120_000);
});
