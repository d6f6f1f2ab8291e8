import type { Property } from '../../property.js';
import { parseScenario } from '../../scenario/schema.js';
import type { NetworkPlan, Scenario } from '../../scenario/types.js';
import type { RunFacts } from '../../sim/facts.js';
import { runScenarioChecked, type RunContext } from '../run-scenario.js';
import { judge, regimeOf, type Verdict } from '../verdict.js';

/** How to run and judge candidates. */
export interface MinimiseOptions extends RunContext {
  /** The properties the campaign judges (their tripwires stop runs at the violation). */
  readonly properties: readonly Property[];
  /** Cluster sizes the campaign draws from: a candidate may move to a smaller one. */
  readonly ns: readonly number[];
  /** Most candidate runs to spend (default {@link DEFAULT_MINIMISE_RUNS}). */
  readonly maxRuns?: number;
  /** Stops minimising at once (Ctrl-C): the smallest failure so far is kept. */
  readonly signal?: AbortSignal;
  /** Stops minimising once true (the campaign's time limit is spent): the smallest failure so far is kept. */
  readonly stopAt?: () => boolean;
}

/** Candidate runs the pass spends at most: a few hundred milliseconds for most of the zoo's counterexamples. */
export const DEFAULT_MINIMISE_RUNS = 1_500;

/** The smallest failure found so far. */
export interface Best {
  readonly scenario: Scenario;
  readonly verdict: Verdict;
  readonly facts: RunFacts;
}

/** Scenario size besides events: the tie-breaker that lets an inert part go at equal events. */
export function complexity(s: Scenario): number {
  const net = s.network;
  return s.n + s.clients + s.requests.length + 4 * s.byzantine.length + s.tape.length + (net.partitions?.length ?? 0) + (net.roundPartitions?.length ?? 0) + (net.kindLosses?.length ?? 0) +
    (net.lost?.length ?? 0) + (net.dropPercent > 0 ? 1 : 0) + ((net.duplicatePercent ?? 0) > 0 ? 1 : 0) + (net.preGstDelayMsMax > net.delayMsMin ? 1 : 0) +
    (net.delayMsMax > net.delayMsMin ? 1 : 0) + (s.gstMs > 0 ? 1 : 0) + s.requests.filter((r) => r.atMs > 0).length +
    s.byzantine.reduce((sum, b) => sum + (b.malformed ?? []).reduce((k, m) => k + 1 + (m.every > 0 ? 1 : 0), 0), 0);
}

/** Smaller failure: fewer events, or as many and a simpler scenario. */
export function smallerThan(a: Best, b: Best): boolean {
  const events = a.facts.events;
  return events < b.facts.events || (events === b.facts.events && complexity(a.scenario) < complexity(b.scenario));
}

/** True when the candidate would load from a counterexample file: `byzcheck replay` must accept the minimum. */
function isValid(candidate: Scenario, options: MinimiseOptions): boolean {
  try {
    parseScenario(candidate, options.adversaries);
    return true;
  } catch {
    return false;
  }
}

/** The scenario with parts of its network plan replaced. */
export const withNetwork = (s: Scenario, network: Partial<NetworkPlan>): Scenario => ({ ...s, network: { ...s.network, ...network } });

/**
 * The minimiser's state: the best failure so far, the property it must keep, and the run budget.
 * Every candidate is judged by {@link Minimiser.run} and kept only by {@link Minimiser.keep}.
 */
export class Minimiser {
  /** Candidates run so far (a nested minimiser's runs are added to its parent's). */
  runs = 0;
  /** Candidates kept so far. */
  steps = 0;
  constructor(
    public best: Best,
    readonly property: string,
    readonly options: MinimiseOptions,
    readonly maxRuns: number,
  ) {}

  /** True once the run budget is spent (or the campaign was aborted). */
  get exhausted(): boolean {
    return this.runs >= this.maxRuns || this.options.signal?.aborted === true || this.options.stopAt?.() === true;
  }

  /** The events of the best failure so far. */
  get events(): number {
    return this.best.facts.events;
  }

  /** Runs a candidate; returns its outcome when it breaks the same property in the same regime and loads from a file, else null. */
  async run(candidate: Scenario): Promise<Best | null> {
    if (this.exhausted || regimeOf(candidate) !== this.best.verdict.regime || !isValid(candidate, this.options)) return null;
    this.runs++;
    const { facts } = await runScenarioChecked(candidate, this.options);
    // A candidate that ends after an abort may have lost its replica processes under it: never keep it.
    if (this.options.signal?.aborted === true || facts.stopReason === 'cancelled') return null;
    const verdict = judge(candidate, facts, this.options.properties);
    return verdict.violations.some((v) => v.property === this.property) ? { scenario: candidate, verdict, facts } : null;
  }

  /** Keeps `failure` (and returns true) when it is smaller than the best. */
  keep(failure: Best | null): boolean {
    if (failure === null || !smallerThan(failure, this.best)) return false;
    this.best = failure;
    this.steps++;
    return true;
  }

  /** Runs a candidate; keeps it (and returns true) when it is a smaller failure of the same property. */
  async attempt(candidate: Scenario | null): Promise<boolean> {
    return candidate !== null && this.keep(await this.run(candidate));
  }

  /** Tries each candidate in turn, keeping every one that is smaller; true if any was kept. */
  async each(make: (s: Scenario, i: number) => Scenario | null, count: (s: Scenario) => number): Promise<boolean> {
    let kept = false;
    // Walk from the end, so removing element i leaves the indices still to try unchanged.
    for (let i = count(this.best.scenario) - 1; i >= 0 && !this.exhausted; i--) {
      if (await this.attempt(make(this.best.scenario, i))) kept = true;
    }
    return kept;
  }

  /**
   * Runs every candidate made from the current best and keeps the smallest failure among them (if
   * smaller than the best): for moves that change what the attack is, where the first improvement
   * found can lead away from a better one next to it. `settle` may improve each failure first (its
   * runs count). A move that makes the violation come later is passed over: most events of such
   * runs are timers, so a later violation costs more of them once the traffic is cut, even when a
   * run not cut yet shows fewer events.
   */
  async bestOf(makes: readonly ((s: Scenario) => Scenario | null)[], settle?: (failure: Best) => Promise<Best>): Promise<boolean> {
    const base = this.best.scenario;
    let choice: Best | null = null;
    for (const make of makes) {
      if (this.exhausted) break;
      const candidate = make(base);
      let failure = candidate === null ? null : await this.run(candidate);
      if (failure !== null && settle !== undefined) failure = await settle(failure);
      if (failure === null || failure.facts.endTimeMs > this.best.facts.endTimeMs) continue;
      if (choice === null || smallerThan(failure, choice)) choice = failure;
    }
    return this.keep(choice);
  }

  /** Lowers a numeric part to the smallest value in [low, current) that still fails (failure assumed monotone, as for time limits). */
  async lower(get: (s: Scenario) => number, set: (s: Scenario, v: number) => Scenario, low: number): Promise<boolean> {
    let lo = low;
    let hi = get(this.best.scenario);
    let kept = false;
    if (hi <= lo) return false;
    if (await this.attempt(set(this.best.scenario, lo))) return true;
    while (hi - lo > 1 && !this.exhausted) {
      const mid = Math.floor((lo + hi) / 2);
      if (await this.attempt(set(this.best.scenario, mid))) {
        hi = mid;
        kept = true;
      } else lo = mid;
    }
    return kept;
  }
}
