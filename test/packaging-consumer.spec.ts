/**
 * byzcheck as a user gets it: the packed tarball installed into a fresh project (test/consumer/),
 * used from plain node (import and require), vitest, node:test, a strict tsc and the CLI. One pack
 * and one install are shared by the cases. Dependencies come from the npm cache when they are there
 * (--prefer-offline), so no network beyond the npm registry is ever needed.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
/** What a clean clone holds that `npm pack` needs (its prepare script builds dist/ from it). */
const PACKED_SOURCES = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts', 'bin', 'bindings', 'src', 'targets', 'adversaries', 'properties', 'docs', 'examples', 'schemas', 'LICENSE', 'README.md'];
/** Dev tools the consumer runs, shared from this checkout rather than installed again. */
const TOOLS = ['vitest', 'typescript', '@types/node'];

let work = '';
let project = '';

function run(command: string, args: readonly string[], cwd = project): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
}

function ok(r: SpawnSyncReturns<string>): string {
  if (r.status !== 0) throw new Error(`exit ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** The installed command, as `npx byzcheck` runs it. */
const byzcheck = (...args: string[]): SpawnSyncReturns<string> => run(process.execPath, [join(project, 'node_modules', 'byzcheck', 'bin', 'byzcheck.js'), ...args]);

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'byzcheck-consumer-'));
  // Pack from a copy, so the build it runs cannot disturb this checkout's dist/ while other tests use it.
  const clone = join(work, 'clone');
  for (const entry of PACKED_SOURCES) cpSync(join(ROOT, entry), join(clone, entry), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
  ok(run('npm', ['pack', '--silent', '--pack-destination', work], clone));
  const tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);

  project = join(work, 'project');
  cpSync(join(ROOT, 'test', 'consumer'), project, { recursive: true, filter: (src) => !src.includes('elsewhere') });
  cpSync(join(ROOT, 'test', 'consumer', 'elsewhere'), join(work, 'elsewhere'), { recursive: true });
  ok(run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', tarball]));
  for (const tool of TOOLS) {
    mkdirSync(join(project, 'node_modules', tool, '..'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', tool), join(project, 'node_modules', tool), 'dir');
  }
}, 240_000);

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

describe('the installed package', () => {
  test('ships compiled JavaScript, declarations and the licence, and no tests or sources', () => {
    const installed = join(project, 'node_modules', 'byzcheck');
    const top = readdirSync(installed).sort();
    expect(top).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'bin', 'dist', 'package.json']));
    expect(top).not.toContain('test');
    expect(top).not.toContain('bench');
    expect(top).not.toContain('src');
    expect(readdirSync(join(installed, 'dist', 'src'))).toEqual(expect.arrayContaining(['index.js', 'index.d.ts', 'index.js.map', 'vitest.js', 'node-test.d.ts']));
    expect(readdirSync(join(installed, 'dist', 'targets', 'seed002-python'))).toContain('replica.py');
    // Editors complete a target.json through its "$schema": node_modules/byzcheck/schemas/target.schema.json.
    expect(readdirSync(join(installed, 'schemas'))).toEqual(['target.schema.json']);
    // Built Go binaries and Python caches of a checkout (megabytes each) never ship.
    const everything = readdirSync(installed, { recursive: true }).map(String);
    expect(everything.filter((path) => /(^|\/)(\.build|__pycache__)(\/|$)/.test(path))).toEqual([]);
  });

  test('imports in plain node as an ES module', () => {
    expect(ok(run(process.execPath, ['esm-import.mjs']))).toBe('esm ok f(4)=1 function,function,function,function,function\n');
  });

  test('loads with require() from CommonJS', () => {
    expect(ok(run(process.execPath, ['cjs-require.cjs']))).toBe('require ok f(7)=2 function,function,function\n');
  });

  test("runs assertReplica in the user's vitest suite", () => {
    const out = ok(run(process.execPath, [join('node_modules', 'vitest', 'vitest.mjs'), 'run', 'replica.test.ts']));
    expect(out).toMatch(/2 passed/);
  });

  test("runs testReplica and assertReplica under node's own test runner", () => {
    const pass = run(process.execPath, ['--test', 'node-runner-pass.mjs']);
    expect(pass.stdout + pass.stderr).toMatch(/# pass 2/);
    expect(pass.status).toBe(0);
    const fail = run(process.execPath, ['--test', 'node-runner-fail.mjs']);
    expect(fail.status).toBe(1);
    expect(fail.stdout).toContain('byzcheck found a violation in replica.ts (seed 1)');
    expect(fail.stdout).toMatch(/Replay: npx byzcheck replay \S+counterexample\.json/);
  });

  test('type-checks a file using the public types under a strict tsc, library declarations included', () => {
    const r = run(process.execPath, [join('node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test("runs the CLI on the user's TypeScript target and finds its violation", () => {
    const r = byzcheck('run', '--target', 'replica.ts', '--seed', '1', '--no-progress', '--out', 'reports-cli');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('✗ violation found');
    expect(r.stdout).toMatch(/Replay: npx byzcheck replay reports-cli\/\S+\/counterexample\.json/);
  });

  test("gives a module outside the project the running byzcheck for its 'byzcheck' import", () => {
    const r = byzcheck('run', '--target', join('..', 'elsewhere', 'uses-byzcheck.mts'), '--seed', '2', '--runs', '20', '--no-progress', '--out', 'reports-cli');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('✓ no violation in 20 runs');
    expect(r.status).toBe(0);
  });

  test('never loads tsx for JavaScript and built-in targets', () => {
    // A resolve hook that refuses tsx: the JavaScript runs must not notice, the TypeScript one must.
    const refuseTsx = `data:text/javascript,${encodeURIComponent(
      "import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(\"export function resolve(s, c, n) { if (s.startsWith('tsx')) throw new Error('tsx refused'); return n(s, c); }\"));",
    )}`;
    const bin = join(project, 'node_modules', 'byzcheck', 'bin', 'byzcheck.js');
    const withoutTsx = (...args: string[]): SpawnSyncReturns<string> => run(process.execPath, ['--import', refuseTsx, bin, ...args, '--seed', '2', '--runs', '5', '--no-progress', '--out', 'reports-cli']);
    expect(withoutTsx('run', '--target', 'silent.js').status).toBe(0);
    expect(withoutTsx('run', '--target', 'naive-broadcast').status).toBe(1);
    const ts = withoutTsx('run', '--target', 'replica.ts');
    expect(ts.stderr).toContain('tsx refused');
    expect(ts.status).toBe(2);
  });

  test('lists the compiled built-in targets and runs one', () => {
    expect(ok(byzcheck('list'))).toMatch(/^targets:\n  modsmart +\S.*\n  naive-broadcast +\S.*\n  pbft +reference PBFT/);
    const r = byzcheck('run', '--target', 'naive-broadcast', '--seed', '1', '--no-progress', '--out', 'reports-cli');
    expect(r.status).toBe(1);
  });
});
