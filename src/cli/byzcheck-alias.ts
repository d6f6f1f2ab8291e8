/**
 * Makes `'byzcheck'` (and its public subpaths) in a user's module mean the byzcheck that is running,
 * whether or not byzcheck is installed beside that module: one copy of the API, so a module in a
 * scratch folder works and a module in a project with another byzcheck version is run consistently.
 * ESM imports go through a resolve hook (module.register); CommonJS `require` (TypeScript's
 * `import x = require('byzcheck')`) through Node's resolver, the way tsx itself hooks it.
 */
import { createRequire, register } from 'node:module';
import { fileURLToPath } from 'node:url';

const EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
/** Public specifiers and the running byzcheck's module for each. */
const ENTRIES: Readonly<Record<string, string>> = {
  byzcheck: new URL(`../index${EXT}`, import.meta.url).href,
  'byzcheck/vitest': new URL(`../vitest${EXT}`, import.meta.url).href,
  'byzcheck/node-test': new URL(`../node-test${EXT}`, import.meta.url).href,
};

const HOOKS = `
let entries = {};
export function initialize(data) { entries = data.entries; }
export function resolve(specifier, context, next) {
  // The running byzcheck's file, resolved by the rest of the chain (tsx must see its own .ts sources).
  return next(Object.hasOwn(entries, specifier) ? entries[specifier] : specifier, context);
}`;

/** Node's CommonJS resolver, which has no public hook before Node 22.15 (module.registerHooks). */
interface CommonJsLoader {
  _resolveFilename(request: string, ...rest: unknown[]): string;
}

let aliased = false;

/** Installs the alias once per thread; later calls do nothing. */
export function aliasByzcheck(): void {
  if (aliased) return;
  aliased = true;
  register(`data:text/javascript,${encodeURIComponent(HOOKS)}`, { data: { entries: ENTRIES } });
  const loader = createRequire(import.meta.url)('node:module') as CommonJsLoader;
  const files = new Map(Object.entries(ENTRIES).map(([specifier, url]) => [specifier, fileURLToPath(url)]));
  const resolveFilename = loader._resolveFilename;
  loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
    return files.get(request) ?? resolveFilename.call(this, request, ...rest);
  };
}
