import type { NodeId } from './adapter/contract.js';
import type { RunFacts } from './sim/facts.js';

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

/** An invariant: a pure function of a run's facts. */
export interface Property {
  /** CLI name, e.g. `agreement`. */
  readonly name: string;
  /** One line: what must hold. */
  readonly description: string;
  /** Returns the violations found in a run (empty when the property holds). */
  check(facts: RunFacts): readonly Violation[];
}
