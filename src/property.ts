import type { NodeId } from './adapter/contract.js';
import type { FactKind, RunFacts } from './sim/facts.js';

/** A property's finding, with the evidence an engineer needs to see it. */
export interface Violation {
  /** Name of the violated property. */
  readonly property: string;
  /** One sentence: what went wrong. */
  readonly message: string;
  /** The replicas (or clients) involved. */
  readonly nodes: readonly NodeId[];
  /** Sequence numbers involved. */
  readonly seqs: readonly number[];
  /** The conflicting values, results or operations. */
  readonly values: readonly string[];
  /** Trace positions (event indices) of the events that produced the evidence. */
  readonly steps: readonly number[];
}

/**
 * An incremental check, told after each new fact (the last element of that kind's list) and
 * returning true once the property is violated: the run then stops at that very event, which keeps
 * failing runs short and counterexamples small. Stateful: a fresh one per run.
 */
export type Tripwire = (facts: RunFacts, kind: FactKind) => boolean;

/** An invariant: a pure function of a run's facts. */
export interface Property {
  /** CLI name, e.g. `agreement`. */
  readonly name: string;
  /** One line: what must hold. */
  readonly description: string;
  /** Returns the violations found in a run (empty when the property holds). */
  check(facts: RunFacts): readonly Violation[];
  /** Safety properties can be watched during the run; `check` still gives the verdict. */
  tripwire?(): Tripwire;
}

/** One tripwire for several properties: trips when any of them does. */
export function combineTripwires(properties: readonly Property[]): Tripwire | undefined {
  const wires = properties.flatMap((p) => (p.tripwire === undefined ? [] : [p.tripwire()]));
  if (wires.length === 0) return undefined;
  return (facts, kind) => {
    for (const wire of wires) if (wire(facts, kind)) return true;
    return false;
  };
}
