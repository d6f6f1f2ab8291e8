import type { AnyAdversary } from '../adversary.js';
import type { Property } from '../property.js';
import type { Registry } from '../registry.js';
import { BUILTIN_REGISTRY } from './builtins.js';
import { UsageError } from './errors.js';

/** Every built-in adversary by name, for validating scenario files that name no user strategy. */
export const ALL_ADVERSARIES: ReadonlyMap<string, AnyAdversary> = BUILTIN_REGISTRY.adversaries;

function pick<T extends { readonly name: string }>(kind: string, kinds: string, all: readonly T[], names: readonly string[] | undefined, hint = ''): T[] {
  if (names === undefined) return [...all];
  const unknown = names.filter((n) => !all.some((item) => item.name === n));
  if (unknown.length > 0) {
    throw new UsageError(`unknown ${kind} ${unknown.map((n) => `'${n}'`).join(', ')}; valid ${kinds}: ${all.map((i) => i.name).join(', ')}${hint}`);
  }
  return all.filter((item) => names.includes(item.name));
}

/**
 * The adversaries a campaign draws from: the named ones (an empty list means none), or without
 * names every built-in one (user strategies join only when named).
 */
export function selectAdversaries(names: readonly string[] | undefined, registry: Registry = BUILTIN_REGISTRY): AnyAdversary[] {
  const all = [...registry.adversaries.values()];
  // 'none' is a whole selection of its own; mixed in, it read as an unknown strategy while the help lists it.
  if (names !== undefined && names.includes('none') && !all.some((a) => a.name === 'none')) {
    throw new UsageError(`'none' (every replica honest) cannot be mixed with strategies: use --adversary none alone, or list only strategies (--adversary ${names.filter((n) => n !== 'none').join(',') || 'crash'})`);
  }
  names = names?.filter((n) => n !== MALFORMED_SENDS);
  return pick('adversary', 'adversaries', names === undefined ? all.filter((a) => BUILTIN_REGISTRY.adversaries.get(a.name) === a) : all, names, ', or the path of a strategy module (./my-strategy.ts)');
}

/**
 * The name that adds malformed sends (a capability beside every strategy, src/malformed-sends.ts)
 * to a named list of adversaries: `--adversary equivocator,malformed`. Without names they are on;
 * a named list is exactly what it names, so a campaign aimed at one strategy sees only it.
 */
export const MALFORMED_SENDS = 'malformed';

/** Whether a campaign whose adversaries are `names` (undefined or null: every built-in one) draws malformed sends. */
export function malformedSendsChosen(names: readonly string[] | null | undefined): boolean {
  return names === undefined || names === null || names.includes(MALFORMED_SENDS);
}

/** The properties a campaign judges: all, or the named ones plus those always on. */
export function selectProperties(names: readonly string[] | undefined, registry: Registry = BUILTIN_REGISTRY): Property[] {
  const chosen = pick('property', 'properties', registry.properties, names);
  return registry.properties.filter((p) => chosen.includes(p) || registry.alwaysOn.has(p.name));
}
