import { ADVERSARIES } from '../../adversaries/index.js';
import { ALWAYS_ON, PROPERTIES } from '../../properties/index.js';
import type { AnyAdversary } from '../adversary.js';
import type { Property } from '../property.js';
import { UsageError } from './errors.js';

/** Every adversary by name, for validating scenario files. */
export const ALL_ADVERSARIES: ReadonlyMap<string, AnyAdversary> = new Map(ADVERSARIES.map((a) => [a.name, a]));

function pick<T extends { readonly name: string }>(kind: string, kinds: string, all: readonly T[], names: readonly string[] | undefined): T[] {
  if (names === undefined) return [...all];
  const unknown = names.filter((n) => !all.some((item) => item.name === n));
  if (unknown.length > 0) {
    throw new UsageError(`unknown ${kind} ${unknown.map((n) => `'${n}'`).join(', ')}; valid ${kinds}: ${all.map((i) => i.name).join(', ')}`);
  }
  return all.filter((item) => names.includes(item.name));
}

/** The adversaries a campaign draws from: all, or the named ones (an empty list means none). */
export function selectAdversaries(names: readonly string[] | undefined): AnyAdversary[] {
  return pick('adversary', 'adversaries', ADVERSARIES, names);
}

/** The properties a campaign judges: all, or the named ones plus those always on. */
export function selectProperties(names: readonly string[] | undefined): Property[] {
  const chosen = pick('property', 'properties', PROPERTIES, names);
  return PROPERTIES.filter((p) => chosen.includes(p) || ALWAYS_ON.has(p.name));
}
