#!/usr/bin/env -S node --max-semi-space-size=64
// The flag gives V8 a young generation long runs need (src/campaign/gc-tuning.ts: SEMI_SPACE_MB).
// byzcheck runs compiled JavaScript from dist/; tsx is loaded later, and only for a user's .ts module.
// In a source checkout whose dist/ is missing or older than the sources, it runs the sources through
// tsx instead, so a stale build never answers for edited code (`npm run build` makes it fast again).
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import { distIsStale } from './dist-freshness.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const COMPILED = new URL('../dist/src/cli/entry.js', import.meta.url);

// Node 22.1+ keeps V8's compiled code between starts (in its cache folder); older Node skips this.
module.enableCompileCache?.();

if (existsSync(COMPILED) && !distIsStale(ROOT)) {
  await import(COMPILED.href);
} else {
  // Both module systems: a user's .ts module outside a "type": "module" package is CommonJS to tsx.
  const [esm, cjs] = await Promise.all([import('tsx/esm/api'), import('tsx/cjs/api')]);
  esm.register();
  cjs.register();
  await import('../src/cli/entry.ts');
}
