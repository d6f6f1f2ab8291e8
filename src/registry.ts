/**
 * What a run may draw on: the strategies and properties it knows by name. Built at the edges (the
 * CLI, campaigns, the test-runner helpers) from the built-in ones and the user's modules, and handed
 * to the core, which never imports a registry of its own: built-in and user strategies are the same kind of thing.
 */
import type { AnyAdversary } from './adversary.js';
import type { Property } from './property.js';

/** The strategies and properties of a run, by name. */
export interface Registry {
  /** Every strategy a scenario may name. */
  readonly adversaries: ReadonlyMap<string, AnyAdversary>;
  /** Every property that can be judged, in report order. */
  readonly properties: readonly Property[];
  /** Properties that cannot be deselected. */
  readonly alwaysOn: ReadonlySet<string>;
}

/** A user's strategy module as campaigns and counterexamples record it: where it is, and what it held. */
export interface AdversaryModuleRef {
  /** Path relative to the working directory the campaign ran in (as the user typed it, normalised). */
  readonly path: string;
  /** sha256 of the file's bytes, hex: a replay refuses a module that changed since. */
  readonly sha256: string;
}

/** A registry from lists; a name given twice is an error (a user's strategy may not shadow a built-in one). */
export function createRegistry(adversaries: readonly AnyAdversary[], properties: readonly Property[], alwaysOn: ReadonlySet<string> = new Set()): Registry {
  const byName = new Map<string, AnyAdversary>();
  for (const adversary of adversaries) {
    if (byName.has(adversary.name) && byName.get(adversary.name) !== adversary) throw new Error(`two adversaries are named '${adversary.name}'`);
    byName.set(adversary.name, adversary);
  }
  return { adversaries: byName, properties, alwaysOn };
}

/** The registry with `extra` strategies added after the registry's own. */
export function withAdversaries(registry: Registry, extra: readonly AnyAdversary[]): Registry {
  return createRegistry([...registry.adversaries.values(), ...extra], registry.properties, registry.alwaysOn);
}
