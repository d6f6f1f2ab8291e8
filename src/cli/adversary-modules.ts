/**
 * Users' strategy modules (`--adversary equivocator,./my-strategy.ts`): loaded through the same
 * loader as users' targets, recorded by path and content hash, and refused by a later replay or
 * worker when the file has gone or changed — a replay must run the strategy that found the violation.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { AnyAdversary } from '../adversary.js';
import { withAdversaries, type AdversaryModuleRef, type Registry } from '../registry.js';
import { BUILTIN_REGISTRY } from './builtins.js';
import { UsageError } from './errors.js';
import { importUserModule, MODULE_EXTENSIONS } from './user-module.js';

/** Whether an `--adversary` entry names a module file rather than a registered strategy. */
export function isModuleEntry(entry: string): boolean {
  return entry.startsWith('.') || entry.startsWith('/') || MODULE_EXTENSIONS.some((ext) => entry.endsWith(ext));
}

function isAdversary(value: unknown): value is AnyAdversary {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['name'] === 'string' && typeof v['params'] === 'function' && typeof v['enact'] === 'function' && typeof v['schema'] === 'object';
}

/** The strategies a module exports: its default (one, or an array), then its named exports, each once. */
function adversariesOf(module: Record<string, unknown>): AnyAdversary[] {
  const found: AnyAdversary[] = [];
  const add = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(add);
    else if (isAdversary(value) && !found.includes(value)) found.push(value);
  };
  const cjs = module['default'];
  add(cjs);
  // A CommonJS module's `module.exports` arrives as `default`: its properties are its named exports.
  if (typeof cjs === 'object' && cjs !== null && !isAdversary(cjs) && !Array.isArray(cjs)) Object.values(cjs).forEach(add);
  for (const [key, value] of Object.entries(module)) if (key !== 'default') add(value);
  return found;
}

/** sha256 of a file's bytes, hex. */
export function fileSha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** A loaded strategy module: how it is recorded, and the strategies it holds. */
export interface AdversaryModule {
  /** Path relative to the working directory, and content hash. */
  readonly ref: AdversaryModuleRef;
  /** The strategies it exports, default first. */
  readonly adversaries: readonly AnyAdversary[];
}

async function importStrategies(file: string, shown: string): Promise<AnyAdversary[]> {
  let module: Record<string, unknown>;
  try {
    module = await importUserModule(file);
  } catch (error) {
    throw new UsageError(`cannot load adversary module ${shown}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const adversaries = adversariesOf(module);
  if (adversaries.length === 0) {
    throw new UsageError(`adversary module ${shown} exports no strategy: export default defineAdversary({ name, description, params, schema, enact }) (from 'byzcheck')`);
  }
  for (const a of adversaries) {
    if (BUILTIN_REGISTRY.adversaries.has(a.name)) throw new UsageError(`adversary module ${shown} exports a strategy named '${a.name}', the name of a built-in one; rename it`);
  }
  return adversaries;
}

/** Loads a strategy module named on the command line (relative to the working directory). */
export async function loadAdversaryModule(entry: string): Promise<AdversaryModule> {
  const file = resolve(entry);
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`no such adversary module: ${entry}`);
  const path = relative(process.cwd(), file) || file;
  const sha256 = fileSha256(file);
  return { ref: { path, sha256 }, adversaries: await importStrategies(file, path) };
}

/**
 * Loads a recorded strategy module, refusing one that is missing or whose content changed since it
 * was recorded; `recordedBy` says by what (a counterexample file, a campaign) and `retry` how to
 * get a fresh recording, so the message ends with a command.
 */
export async function loadRecordedModule(ref: AdversaryModuleRef, recordedBy: string, retry: string): Promise<AdversaryModule> {
  const file = resolve(ref.path);
  if (!existsSync(file)) {
    throw new UsageError(`adversary module ${ref.path} (recorded by ${recordedBy}) is missing: no file ${file}. Run from the folder the campaign ran in, or restore the file; to find a violation again: ${retry}`);
  }
  const now = fileSha256(file);
  if (now !== ref.sha256) {
    throw new UsageError(
      `adversary module ${ref.path} changed since ${recordedBy} was recorded (sha256 ${ref.sha256.slice(0, 12)}… then, ${now.slice(0, 12)}… now): ` +
        `replaying it would not run the strategy that found the violation. Restore the file, or find a violation again: ${retry}`,
    );
  }
  return { ref, adversaries: await importStrategies(file, ref.path) };
}

/** The registry of a run: the built-in strategies and properties plus the modules' strategies. */
export function registryWith(modules: readonly AdversaryModule[]): Registry {
  const extra = modules.flatMap((m) => m.adversaries);
  const names = new Set<string>();
  for (const a of extra) {
    if (names.has(a.name)) throw new UsageError(`two adversary modules export a strategy named '${a.name}' (${modules.map((m) => m.ref.path).join(', ')})`);
    names.add(a.name);
  }
  return extra.length === 0 ? BUILTIN_REGISTRY : withAdversaries(BUILTIN_REGISTRY, extra);
}

/** What `--adversary` entries resolve to: the strategy names to draw from (null: every built-in one), the modules and the registry holding them. */
export interface AdversarySelection {
  /** Strategy names to draw from; null for every built-in one. */
  readonly names: readonly string[] | null;
  /** The modules loaded, in the order named. */
  readonly modules: readonly AdversaryModule[];
  /** Built-in strategies and properties plus the modules' strategies. */
  readonly registry: Registry;
}

/** Resolves `--adversary` entries (names and module paths, or undefined for all built-ins). */
export async function resolveAdversaryEntries(entries: readonly string[] | undefined): Promise<AdversarySelection> {
  if (entries === undefined) return { names: null, modules: [], registry: BUILTIN_REGISTRY };
  const modules: AdversaryModule[] = [];
  const names: string[] = [];
  for (const entry of entries) {
    if (!isModuleEntry(entry)) {
      names.push(entry);
      continue;
    }
    const module = await loadAdversaryModule(entry);
    if (modules.some((m) => m.ref.path === module.ref.path)) continue;
    modules.push(module);
    names.push(...module.adversaries.map((a) => a.name));
  }
  return { names, modules, registry: registryWith(modules) };
}
