#!/usr/bin/env node
// `npm run build`: compiles src/, targets/, adversaries/ and properties/ to dist/ with the project's own
// tsc (JS, .d.ts, source maps; same layout under dist/), then copies the run-time files that are not
// TypeScript (Python replicas and the Python binding, Go sources) next to their compiled modules, and stamps the build
// so bin/byzcheck.js can tell a fresh dist/ from a stale one in a checkout.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { createRequire } from 'node:module';

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
/** Extensions a compiled module may need beside it at run time. */
// .go and .mod: the Go replicas of built-in targets are built from their sources on first use.
const ASSETS = new Set(['.py', '.go', '.mod']);

rmSync(DIST, { recursive: true, force: true });
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

const copyAssets = (dir) => {
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (entry.startsWith('.') || entry === '__pycache__') continue; // build caches (targets/seed001-go/.build, Python's)
    if (statSync(full).isDirectory()) copyAssets(full);
    else if (ASSETS.has(extname(entry))) {
      const to = join(DIST, relative(ROOT, full));
      mkdirSync(dirname(to), { recursive: true });
      cpSync(full, to);
    }
  }
};
// bindings/: the Python binding the built-in Python replicas import (dist/targets/x/../../bindings/python).
for (const dir of ['src', 'targets', 'adversaries', 'properties', 'bindings']) if (existsSync(join(ROOT, dir))) copyAssets(join(ROOT, dir));
writeFileSync(join(DIST, '.build-stamp'), `${new Date().toISOString()}\n`);
