/**
 * A Go replica outside byzcheck's checkout builds against the binding as the npm package ships it,
 * with exactly the go.mod docs/subprocess-protocol.md shows: no go.work, no network (GOPROXY=off).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAllChildren, subprocessTarget } from '../src/adapter/subprocess/index.js';
import { GO_MISSING, goAvailable } from '../src/adapter/subprocess/go-build.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { baseScenario, contextFor } from './fixtures/world-kit.js';

const ROOT = join(import.meta.dirname, '..');
const project = mkdtempSync(join(tmpdir(), 'byzcheck-go-user-'));

/** The go.mod block the protocol page shows a user of the installed package. */
function documentedGoMod(): string {
  const page = readFileSync(join(ROOT, 'docs', 'subprocess-protocol.md'), 'utf8');
  const block = [...page.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => /^module /m.test(b) && /^replace byzcheck\/replica => /m.test(b));
  if (block === undefined) throw new Error('docs/subprocess-protocol.md shows no go.mod with a replace of byzcheck/replica');
  return block;
}

beforeAll(() => {
  if (!goAvailable()) throw new Error(`${GO_MISSING}. .ci/run and npm test's pretest install it with apt-get.`);
  // Where `npm install byzcheck` puts the binding (the package ships bindings/ as it is).
  cpSync(join(ROOT, 'bindings', 'go'), join(project, 'node_modules', 'byzcheck', 'bindings', 'go'), { recursive: true, filter: (src) => !src.includes('.build') });
  writeFileSync(join(project, 'go.mod'), documentedGoMod());
  cpSync(join(ROOT, 'examples', 'tiny_replica_go', 'main.go'), join(project, 'main.go'));
}, 60_000);

afterAll(() => {
  closeAllChildren();
  rmSync(project, { recursive: true, force: true });
});

describe('a Go replica in its own module, on the installed package', () => {
  it('builds offline with the documented go.mod and runs as a replica', async () => {
    const env = { ...process.env, GOWORK: 'off', GOPROXY: 'off', GOFLAGS: '' };
    const build = spawnSync('go', ['build', '-o', 'replica', '.'], { cwd: project, encoding: 'utf8', env });
    expect(build.status, build.stderr).toBe(0);
    const target = subprocessTarget({ name: 'go-user', command: [join(project, 'replica')] });
    const { facts } = await runScenarioChecked(baseScenario({ requests: [{ client: 0, atMs: 0, operation: 'put a 1' }] }), contextFor(target));
    expect(facts.replicaErrors).toEqual([]);
    expect(new Set(facts.executions.map((e) => e.replica))).toEqual(new Set([0, 1, 2, 3]));
  }, 120_000);
});
