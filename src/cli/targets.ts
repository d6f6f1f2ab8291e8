import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Target } from '../adapter/contract.js';
import { declaredTarget, TargetFileError } from '../adapter/subprocess/declared-target.js';
import { UsageError } from './errors.js';
import { startExecTarget, type ExecOptions } from './exec-target.js';
import { importUserModule, MODULE_EXTENSIONS } from './user-module.js';

/** Where the running code's `src/`, `targets/`, `adversaries/` live: the checkout, or its compiled copy `dist/`. */
const CODE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The package's root folder (package.json, README; `dist/` below it once compiled). */
export const PACKAGE_ROOT = basename(CODE_ROOT) === 'dist' ? dirname(CODE_ROOT) : CODE_ROOT;
/** The built-in targets of the running code, compiled or not. */
export const BUILTIN_TARGETS_DIR = join(CODE_ROOT, 'targets');
/** A built-in target's entry module: TypeScript from sources, JavaScript once compiled. */
const BUILTIN_INDEX = import.meta.url.endsWith('.ts') ? 'index.ts' : 'index.js';

/** Built-in target names: every folder under `targets/` holding an index module, nested ones as `zoo/<bug>`. */
export function listTargets(): string[] {
  const names: string[] = [];
  const visit = (dir: string, prefix: string, depth: number): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir).sort()) {
      const full = join(dir, entry);
      if (!statSync(full).isDirectory()) continue;
      const name = prefix + entry;
      if (existsSync(join(full, BUILTIN_INDEX))) names.push(name);
      if (depth < 2) visit(full, `${name}/`, depth + 1);
    }
  };
  visit(BUILTIN_TARGETS_DIR, '', 1);
  return names;
}

/** The target `byzcheck run` tests when none is named: the reference PBFT once it exists. */
export function defaultTarget(): string {
  return listTargets().includes('pbft') ? 'pbft' : 'naive-broadcast';
}

function isTarget(value: unknown): value is Target<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['createReplica'] === 'function';
}

/** Target names of subprocess replicas (`byzcheck run --exec "cmd"`) as they travel in reports and to workers. */
export const EXEC_PREFIX = 'exec:';

/** The module a folder target runs: its `index.*`, TypeScript first. */
function folderIndex(dir: string): string | undefined {
  return MODULE_EXTENSIONS.map((ext) => join(dir, `index${ext}`)).find((file) => existsSync(file));
}

/** Whether a target name is meant as a path (a built-in name never has an extension or a leading dot). */
function looksLikePath(name: string): boolean {
  return name.startsWith('.') || name.startsWith('/') || MODULE_EXTENSIONS.some((ext) => name.endsWith(ext));
}

/** The module file a target name stands for: a built-in, a module file, or a folder's index module. */
function targetFile(name: string): { file: string; builtin: boolean } {
  const builtin = join(BUILTIN_TARGETS_DIR, name, BUILTIN_INDEX);
  if (!name.includes('..') && !looksLikePath(name) && existsSync(builtin)) return { file: builtin, builtin: true };
  const path = resolve(name);
  if (existsSync(path) && statSync(path).isFile()) return { file: path, builtin: false };
  if (existsSync(path) && statSync(path).isDirectory()) {
    const index = folderIndex(path);
    if (index !== undefined) return { file: index, builtin: false };
    throw new UsageError(`target folder ${name} has no index module (${MODULE_EXTENSIONS.map((ext) => `index${ext}`).join(', ')})`);
  }
  if (looksLikePath(name) || (dirname(name) !== '.' && existsSync(dirname(path)))) throw new UsageError(`no such file: ${name}`);
  throw new UsageError(
    `unknown target '${name}'. Built-in targets: ${listTargets().join(', ')}; or give the path of a module exporting a replica factory (createReplica).`,
  );
}

/** `--exec` targets of this thread, by command and options: one handshake check, one pool of processes. */
const execTargets = new Map<string, Promise<Target<unknown>>>();

function loadExecTarget(command: string, options: ExecOptions): Promise<Target<unknown>> {
  const key = JSON.stringify([command, options]);
  let target = execTargets.get(key);
  if (target === undefined) {
    target = startExecTarget(command, options);
    execTargets.set(key, target);
    // A failed start is not cached: the error reaches this caller, a later load tries again.
    target.catch(() => execTargets.delete(key));
  }
  return target;
}

/** A target declared in a target.json (docs/target-json.md); a bad file is a usage error naming each bad field. */
function jsonTarget(name: string, exec: ExecOptions): Target<unknown> {
  const file = resolve(name);
  if (!existsSync(file)) throw new UsageError(`no such file: ${name}`);
  try {
    return declaredTarget(file, name, {
      ...(exec.stepTimeoutMs !== undefined ? { stepTimeoutMs: exec.stepTimeoutMs } : {}),
      ...(exec.maxLineBytes !== undefined ? { maxLineBytes: exec.maxLineBytes } : {}),
    });
  } catch (error) {
    if (error instanceof TargetFileError) throw new UsageError(`target.json is not valid (${name}):\n${error.problems.map((p) => `  ${p}`).join('\n')}`);
    throw error;
  }
}

/**
 * Loads a target by built-in name, module path (TypeScript or JavaScript, from any folder), folder
 * with an `index.*`, a `target.json` declaring a subprocess replica, or `exec:<command>` for one. A module may export a
 * {@link Target} as `default` or `target` (or `export =` it), or just a `createReplica` factory.
 */
export async function loadTarget(name: string, exec: ExecOptions = {}): Promise<Target<unknown>> {
  if (name.startsWith(EXEC_PREFIX)) return loadExecTarget(name.slice(EXEC_PREFIX.length), exec);
  if (name.endsWith('.json')) return jsonTarget(name, exec);
  const { file, builtin } = targetFile(name);
  let module: Record<string, unknown>;
  try {
    module = builtin ? ((await import(pathToFileURL(file).href)) as Record<string, unknown>) : await importUserModule(file);
  } catch (error) {
    throw new UsageError(`cannot load target module ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const cjs = module['default'];
  const nested = typeof cjs === 'object' && cjs !== null ? [(cjs as Record<string, unknown>)['default'], (cjs as Record<string, unknown>)['target']] : [];
  for (const candidate of [module['default'], module['target'], ...nested, module]) {
    if (isTarget(candidate)) {
      return { ...candidate, name, description: typeof candidate.description === 'string' ? candidate.description : `replica from ${name}` };
    }
  }
  throw new UsageError(`target module ${file} exports no replica factory: export default { createReplica(ctx) { … } }, or export function createReplica(ctx)`);
}
