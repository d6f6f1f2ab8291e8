/**
 * Loading a user's module (a target today; adversaries later) from any folder: TypeScript or
 * JavaScript, ESM or CommonJS-style, with or without a package.json. Compiled byzcheck registers tsx
 * only when such a module is TypeScript, so a JavaScript-only user never loads it; byzcheck running
 * from its own sources already runs under a TypeScript loader (tsx or vitest) and registers nothing.
 */
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { aliasByzcheck } from './byzcheck-alias.js';

/** Extensions tsx compiles. */
const TYPESCRIPT = new Set(['.ts', '.mts', '.cts']);
/** Module extensions a folder's `index.*` may have, in the order they are tried. */
export const MODULE_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'] as const;

const runningFromSources = import.meta.url.endsWith('.ts');
let typescriptReady = false;

/** Registers tsx for both module systems once: ESM `import` and CommonJS `require` of `.ts` files. */
async function registerTypeScript(): Promise<void> {
  if (typescriptReady || runningFromSources) return;
  typescriptReady = true;
  const [esm, cjs] = await Promise.all([import('tsx/esm/api'), import('tsx/cjs/api')]);
  esm.register();
  cjs.register();
}

/** Imports a user's module file by absolute path: its namespace, or its `module.exports` as `default`. */
export async function importUserModule(file: string): Promise<Record<string, unknown>> {
  aliasByzcheck();
  if (TYPESCRIPT.has(extname(file))) await registerTypeScript();
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}
