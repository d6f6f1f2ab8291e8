import type { Property, Violation } from '../property.js';
import type { Scenario } from '../scenario/types.js';
import type { RunFacts } from '../sim/facts.js';
import { faultsTolerated } from '../adapter/contract.js';
import { judgingFacts } from '../judging-memo.js';

/** Which fault regime a run was in: within the protocol's bound, or deliberately beyond it. */
export type Regime = 'within-f' | 'beyond-f';

/** The judgement of one run. */
export interface Verdict {
  /** True when no property was violated. */
  readonly ok: boolean;
  /** Every violation found, property by property. */
  readonly violations: readonly Violation[];
  /** Beyond-f runs may violate safety: that is the expected result, labelled as such. */
  readonly regime: Regime;
}

/** The regime of a scenario: more than f faulty replicas is beyond f. */
export function regimeOf(scenario: Scenario): Regime {
  return scenario.byzantine.length > faultsTolerated(scenario.n) ? 'beyond-f' : 'within-f';
}

/** Judges a run's facts against the chosen properties. */
export function judge(scenario: Scenario, facts: RunFacts, properties: readonly Property[]): Verdict {
  const violations: Violation[] = [];
  judgingFacts(facts, () => {
    for (const property of properties) violations.push(...property.check(facts));
  });
  return { ok: violations.length === 0, violations, regime: regimeOf(scenario) };
}
