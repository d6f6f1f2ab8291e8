import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeAllChildren } from '../src/adapter/subprocess/index.js';
import { check } from '../src/check/driver.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { spaceFor } from '../src/check/space.js';
import { execTarget } from '../src/cli/exec-target.js';
import { PROPERTIES } from '../properties/index.js';
import { ADVERSARY_MAP, baseScenario, contextFor } from './fixtures/world-kit.js';

const ROOT = join(import.meta.dirname, '..');

afterAll(closeAllChildren);

describe('the protocol document and its tiny Python replica', () => {
  it('embeds examples/tiny_replica.py verbatim, and the example stays within 30 lines', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'subprocess-protocol.md'), 'utf8');
    const file = readFileSync(join(ROOT, 'examples', 'tiny_replica.py'), 'utf8');
    const block = /## A tiny working replica[\s\S]*?```python\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(block).toBe(file);
    expect(file.trimEnd().split('\n').length).toBeLessThanOrEqual(30);
  });

  it('runs under --exec: every replica executes the requests and the client accepts', async () => {
    const target = execTarget(`python3 '${join(ROOT, 'examples', 'tiny_replica.py')}'`);
    const scenario = baseScenario({ requests: [{ client: 0, atMs: 0, operation: 'put a 1' }, { client: 0, atMs: 5, operation: 'get a' }] });
    const { facts } = await runScenarioChecked(scenario, contextFor(target));
    expect(facts.replicaErrors).toEqual([]);
    expect(facts.accepted.map((a) => a.requestId)).toEqual([1, 2]);
    expect(new Set(facts.executions.map((e) => e.replica))).toEqual(new Set([0, 1, 2, 3]));
  });

  it('byzcheck finds its bug: a lying replica 0 breaks safety', async () => {
    const target = execTarget(`python3 ${join(ROOT, 'examples', 'tiny_replica.py')}`);
    const equivocator = ADVERSARY_MAP.get('equivocator');
    const result = await check({
      target, adversaries: ADVERSARY_MAP, space: spaceFor(target, equivocator === undefined ? [] : [equivocator], false), properties: PROPERTIES, runs: 40, seed: 1,
    });
    const properties = result.counterexample?.verdict.violations.map((v) => v.property) ?? [];
    expect(properties.length).toBeGreaterThan(0);
    for (const p of properties) expect(['agreement', 'validity', 'total-order', 'integrity', 'client-safety']).toContain(p);
  });
});
