import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { closeAllChildren, subprocessTarget } from '../src/adapter/subprocess/index.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { traceHash } from '../src/check/trace-hash.js';
import { baseScenario, contextFor } from './fixtures/world-kit.js';

afterAll(closeAllChildren);

const CHILD = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures', 'subprocess', 'v2_signer.py');
const target = (version: 'v1' | 'v2') => subprocessTarget({ name: `signer-${version}`, command: ['python3', CHILD, version] });

describe('protocol 2: events written ahead to a child that asks for signatures in the middle of its steps', () => {
  it('gives the same trace as the same child speaking protocol 1, signatures verified', async () => {
    // No tape, 1 ms links: every gossip round lands at one instant, so events are written ahead.
    const scenario = baseScenario({ n: 7, requests: [{ client: 0, atMs: 0, operation: 'a' }, { client: 0, atMs: 0, operation: 'b' }] });
    const v1 = await runScenarioChecked(scenario, contextFor(target('v1')), true);
    const v2 = await runScenarioChecked(scenario, contextFor(target('v2')), true);
    expect(v2.facts.replicaErrors).toEqual([]);
    const logs = (v2.trace ?? []).filter((e) => e.kind === 'log').map((e) => JSON.stringify(e));
    expect(logs.some((l) => l.includes('valid=True'))).toBe(true);
    expect(logs.some((l) => l.includes('valid=False'))).toBe(false);
    expect(traceHash(v2.trace ?? [])).toBe(traceHash(v1.trace ?? []));
  });
});
