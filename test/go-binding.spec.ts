import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Target } from '../src/adapter/contract.js';
import { closeAllChildren, subprocessTarget } from '../src/adapter/subprocess/index.js';
import { buildGoBinary, GO_MISSING, goAvailable } from '../src/adapter/subprocess/go-build.js';
import { check } from '../src/check/driver.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { spaceFor } from '../src/check/space.js';
import { PROPERTIES } from '../properties/index.js';
import { ADVERSARY_MAP, baseScenario, contextFor } from './fixtures/world-kit.js';

const ROOT = join(import.meta.dirname, '..');
let tiny: Target<unknown>;

beforeAll(() => {
  // Not a skip: without Go these bindings are unchecked, so the suite fails saying what to install.
  if (!goAvailable()) throw new Error(`${GO_MISSING}. .ci/run and npm test's pretest install it with apt-get.`);
  tiny = subprocessTarget({ name: 'tiny-go', command: [buildGoBinary(join(ROOT, 'examples', 'tiny_replica_go'), 'tiny-go')] });
}, 120_000);

afterAll(closeAllChildren);

describe('the Go binding (bindings/go)', () => {
  it('passes go vet and its own go test suite', () => {
    const env = { ...process.env, GOWORK: 'off', GOFLAGS: '-mod=mod' };
    const vet = spawnSync('go', ['vet', './...'], { cwd: join(ROOT, 'bindings', 'go'), encoding: 'utf8', env });
    expect(vet.status, vet.stderr).toBe(0);
    const test = spawnSync('go', ['test', '-count=1', './...'], { cwd: join(ROOT, 'bindings', 'go'), encoding: 'utf8', env });
    expect(test.status, test.stdout + test.stderr).toBe(0);
    expect(test.stdout).toMatch(/^ok\s+byzcheck\/replica/m);
  }, 120_000);
});

describe("the tiny Go replica (examples/tiny_replica_go), the Python example's counterpart", () => {
  it('runs as a subprocess target: every replica executes the requests and the client accepts', async () => {
    const scenario = baseScenario({ requests: [{ client: 0, atMs: 0, operation: 'put a 1' }, { client: 0, atMs: 5, operation: 'get a' }] });
    const { facts } = await runScenarioChecked(scenario, contextFor(tiny));
    expect(facts.replicaErrors).toEqual([]);
    expect(facts.accepted.map((a) => a.requestId)).toEqual([1, 2]);
    expect(new Set(facts.executions.map((e) => e.replica))).toEqual(new Set([0, 1, 2, 3]));
  });

  it('byzcheck finds its bug: a lying replica 0 breaks safety', async () => {
    const equivocator = ADVERSARY_MAP.get('equivocator');
    const result = await check({
      target: tiny, adversaries: ADVERSARY_MAP, space: spaceFor(tiny, equivocator === undefined ? [] : [equivocator], false), properties: PROPERTIES, runs: 40, seed: 1,
    });
    const properties = result.counterexample?.verdict.violations.map((v) => v.property) ?? [];
    expect(properties.length).toBeGreaterThan(0);
    for (const p of properties) expect(['agreement', 'validity', 'total-order', 'integrity', 'client-safety']).toContain(p);
  });

  it('keeps its protocol logic under 30 lines (the types and handlers, without package, imports and main)', async () => {
    const { readFileSync } = await import('node:fs');
    const source = readFileSync(join(ROOT, 'examples', 'tiny_replica_go', 'main.go'), 'utf8');
    const logic = source.slice(source.indexOf('type order'), source.indexOf('func main()')).split('\n').filter((l) => l.trim() !== '');
    expect(logic.length).toBeLessThan(30);
  });
});
