import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Target } from '../adapter/contract.js';
import { UsageError } from './errors.js';
import { startExecTarget, type ExecOptions } from './exec-target.js';

/** The package's root folder (where `targets/` lives). */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TARGETS_DIR = join(PACKAGE_ROOT, 'targets');

/** Built-in target names: every folder under `targets/` holding an `index.ts`, nested ones as `zoo/<bug>`. */
export function listTargets(): string[] {
  const names: string[] = [];
  const visit = (dir: string, prefix: string, depth: number): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir).sort()) {
      const full = join(dir, entry);
      if (!statSync(full).isDirectory()) continue;
      const name = prefix + entry;
      if (existsSync(join(full, 'index.ts'))) names.push(name);
      if (depth < 2) visit(full, `${name}/`, depth + 1);
    }
  };
  visit(TARGETS_DIR, '', 1);
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

/**
 * Loads a target by built-in name, module path, or `exec:<command>` for a subprocess replica. A module may export a {@link Target} as
 * `default` or `target`, or just a `createReplica` factory.
 */
export async function loadTarget(name: string, exec: ExecOptions = {}): Promise<Target<unknown>> {
  if (name.startsWith(EXEC_PREFIX)) return loadExecTarget(name.slice(EXEC_PREFIX.length), exec);
  const builtin = join(TARGETS_DIR, name, 'index.ts');
  const isBuiltin = !name.includes('..') && existsSync(builtin);
  const file = isBuiltin ? builtin : resolve(name);
  if (!isBuiltin && !(existsSync(file) && statSync(file).isFile())) {
    throw new UsageError(
      `unknown target '${name}'. Built-in targets: ${listTargets().join(', ')}; or give the path of a module exporting a replica factory (createReplica).`,
    );
  }
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`cannot load target module ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const candidate of [module['default'], module['target'], module]) {
    if (isTarget(candidate)) {
      return { ...candidate, name, description: typeof candidate.description === 'string' ? candidate.description : `replica from ${name}` };
    }
  }
  throw new UsageError(`target module ${file} exports no replica factory: export default { createReplica(ctx) { … } }, or export function createReplica(ctx)`);
}
