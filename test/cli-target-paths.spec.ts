/**
 * `--target` takes a user's module from any folder: TypeScript or JavaScript, ESM or CommonJS-style
 * TypeScript, in a folder without package.json or in a CommonJS package, a folder's index module; and
 * its `'byzcheck'` import is the running byzcheck even where byzcheck is not installed.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { byzcheck } from './fixtures/cli.js';

/** A replica body that never acts: nothing is committed, so no property can fail. */
const SILENT = "{ name: 'silent', description: 'ignores everything', createReplica: () => ({ onMessage: () => undefined, onRequest: () => undefined }), limits: { timeMs: 2000, events: 5000 } }";

let dir = '';
let out = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'byzcheck-targets-'));
  out = join(dir, 'reports');
  const write = (file: string, text: string): void => {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  };
  // No package.json anywhere above a temp folder: .ts files there are CommonJS to node and tsx.
  write('loose/esm.ts', `import { faultsTolerated, type Target } from 'byzcheck';\nconst t: Target<never> = ${SILENT};\nexport default { ...t, description: 'f=' + faultsTolerated(4) };\n`);
  write('loose/export-equals.ts', `import byzcheck = require('byzcheck');\nconst t: byzcheck.Target<never> = ${SILENT};\nexport = { ...t, description: 'f=' + byzcheck.faultsTolerated(4) };\n`);
  write('cjs-package/package.json', '{ "name": "cjs-package" }\n');
  write('cjs-package/replica.ts', `import type { Target } from 'byzcheck';\nexport const target: Target<never> = ${SILENT};\n`);
  write('folder/index.mjs', `import { faultsTolerated } from 'byzcheck';\nexport default { ...${SILENT}, description: 'f=' + faultsTolerated(4) };\n`);
  write('plain.js', `export function createReplica() { return { onMessage() {}, onRequest() {} }; }\nexport const limits = { timeMs: 2000, events: 5000 };\n`);
});

describe('byzcheck run --target <path>', () => {
  test.each([
    ['an ESM TypeScript module outside any package', 'loose/esm.ts'],
    ["a CommonJS-style TypeScript module (export =, import = require('byzcheck'))", 'loose/export-equals.ts'],
    ['an ESM TypeScript module in a CommonJS package', 'cjs-package/replica.ts'],
    ['a folder, through its index.mjs', 'folder'],
    ['a JavaScript module exporting just createReplica', 'plain.js'],
  ])('runs %s', (_what, file) => {
    const r = byzcheck('run', '--target', join(dir, file), '--seed', '3', '--runs', '10', '--no-progress', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('✓ no violation in 10 runs');
    expect(r.code).toBe(0);
  });

  test('runs a built-in target given as its folder', () => {
    const r = byzcheck('run', '--target', 'targets/naive-broadcast', '--seed', '1', '--no-progress', '--out', out);
    expect(r.stdout).toContain('✗ violation found');
    expect(r.code).toBe(1);
  });

  test('says "no such file" for a missing module path, exit 2', () => {
    const r = byzcheck('run', '--target', './missing.ts', '--seed', '1', '--no-progress', '--out', out);
    expect(r.stderr.trim()).toBe('byzcheck: no such file: ./missing.ts');
    expect(r.code).toBe(2);
  });

  test('says "unknown target" with the built-in names for a bare unknown name, exit 2', () => {
    const r = byzcheck('run', '--target', 'no-such-target', '--seed', '1', '--no-progress', '--out', out);
    expect(r.stderr).toMatch(/^byzcheck: unknown target 'no-such-target'\. Built-in targets: .*naive-broadcast/);
    expect(r.code).toBe(2);
  });
});
