import { faultsTolerated } from '../adapter/contract.js';
import type { Property } from '../property.js';
import { parseScenario } from '../scenario/schema.js';
import type { LostMessage, NetworkPlan, Scenario } from '../scenario/types.js';
import type { RunFacts } from '../sim/facts.js';
import type { TraceEvent } from '../sim/trace.js';
import { runScenarioChecked, type RunContext } from './run-scenario.js';
import { judge, regimeOf, type Verdict } from './verdict.js';

/**
 * A deterministic pass after fast-check's shrinking that minimises what fast-check cannot see: the
 * number of events the failing run takes. fast-check shrinks each part of a scenario towards its
 * own notion of small and stops at a local minimum of *structure*; a run may still carry a request,
 * a client, a faulty replica, a fault or a long time limit that only adds events. This pass tries
 * removing or lowering each of them and keeps a candidate when it still violates the same property,
 * in the same fault regime, with fewer events (or as many events and a simpler scenario). It counts
 * runs, never wall time, so the same failure always minimises to the same scenario.
 */

/** How to run and judge candidates. */
export interface MinimiseOptions extends RunContext {
  /** The properties the campaign judges (their tripwires stop runs at the violation). */
  readonly properties: readonly Property[];
  /** Cluster sizes the campaign draws from: a candidate may move to a smaller one. */
  readonly ns: readonly number[];
  /** Most candidate runs to spend (default {@link DEFAULT_MINIMISE_RUNS}). */
  readonly maxRuns?: number;
}

/** The minimised failure. */
export interface Minimised {
  readonly scenario: Scenario;
  readonly verdict: Verdict;
  /** The verdict of the scenario as given, rerun: a nondeterministic target may not repeat it. */
  readonly original: Verdict;
  /** Events of the minimised run. */
  readonly events: number;
  /** Candidates kept (each a smaller counterexample). */
  readonly steps: number;
  /** Candidates run. */
  readonly runs: number;
}

/** Candidate runs the pass spends at most: a few hundred milliseconds for the zoo's counterexamples. */
export const DEFAULT_MINIMISE_RUNS = 1_500;

interface Best {
  scenario: Scenario;
  verdict: Verdict;
  facts: RunFacts;
}

/** Scenario size besides events: the tie-breaker that lets an inert part go at equal events. */
function complexity(s: Scenario): number {
  const net = s.network;
  return s.n + s.clients + s.requests.length + 4 * s.byzantine.length + s.tape.length + (net.partitions?.length ?? 0) + (net.roundPartitions?.length ?? 0) +
    (net.dropPercent > 0 ? 1 : 0) + ((net.duplicatePercent ?? 0) > 0 ? 1 : 0) + (net.preGstDelayMsMax > net.delayMsMin ? 1 : 0) + (net.delayMsMax > net.delayMsMin ? 1 : 0) +
    (s.gstMs > 0 ? 1 : 0) + s.requests.filter((r) => r.atMs > 0).length;
}

/** The minimiser's state: the best failure so far, the property it must keep, and the run budget. */
class Minimiser {
  runs = 0;
  steps = 0;
  constructor(
    public best: Best,
    private readonly property: string,
    readonly options: MinimiseOptions,
    private readonly maxRuns: number,
  ) {}

  get exhausted(): boolean {
    return this.runs >= this.maxRuns;
  }

  /** Runs a candidate; keeps it (and returns true) when it is a smaller failure of the same property. */
  async attempt(candidate: Scenario): Promise<boolean> {
    if (this.exhausted || regimeOf(candidate) !== this.best.verdict.regime || !isValid(candidate, this.options)) return false;
    this.runs++;
    const { facts } = await runScenarioChecked(candidate, this.options);
    const verdict = judge(candidate, facts, this.options.properties);
    if (!verdict.violations.some((v) => v.property === this.property)) return false;
    const smaller = facts.events < this.best.facts.events ||
      (facts.events === this.best.facts.events && complexity(candidate) < complexity(this.best.scenario));
    if (!smaller) return false;
    this.best = { scenario: candidate, verdict, facts };
    this.steps++;
    return true;
  }

  /** Tries each candidate in turn, keeping every one that is smaller; true if any was kept. */
  async each(make: (s: Scenario, i: number) => Scenario | null, count: (s: Scenario) => number): Promise<boolean> {
    let kept = false;
    // Walk from the end, so removing element i leaves the indices still to try unchanged.
    for (let i = count(this.best.scenario) - 1; i >= 0 && !this.exhausted; i--) {
      const candidate = make(this.best.scenario, i);
      if (candidate !== null && (await this.attempt(candidate))) kept = true;
    }
    return kept;
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

/** True when the candidate would load from a counterexample file: `byzcheck replay` must accept the minimum. */
function isValid(candidate: Scenario, options: MinimiseOptions): boolean {
  try {
    parseScenario(candidate, options.adversaries);
    return true;
  } catch {
    return false;
  }
}

const without = <T>(xs: readonly T[], i: number): T[] => [...xs.slice(0, i), ...xs.slice(i + 1)];
const withNetwork = (s: Scenario, network: Partial<NetworkPlan>): Scenario => ({ ...s, network: { ...s.network, ...network } });

/** The same scenario on a cluster of m < n replicas, if its faulty replicas and faults fit. */
function resized(s: Scenario, m: number): Scenario | null {
  if (s.byzantine.some((b) => b.node >= m) || (s.byzantine.length > faultsTolerated(m) && !s.beyondF)) return null;
  const partitions = (s.network.partitions ?? []).map((p) => ({ ...p, side: p.side.filter((r) => r < m) })).filter((p) => p.side.length > 0 && p.side.length < m);
  const roundPartitions = (s.network.roundPartitions ?? []).map((r) => ({ ...r, groups: r.groups.slice(0, m) })).filter((r) => r.groups.some((g) => g !== r.groups[0]));
  // Client ids are n + c, so named losses cannot follow a resize: they are dropped.
  return { ...s, n: m, network: { ...s.network, partitions, roundPartitions, lost: [] } };
}

/** Every request of clients ≥ k given to client (c mod k): fewer clients, the same workload. */
function fewerClients(s: Scenario, k: number): Scenario {
  const lost = (s.network.lost ?? []).filter((x) => x.from < s.n + k && x.to < s.n + k);
  return { ...s, clients: k, requests: s.requests.map((r) => ({ ...r, client: r.client % k })), network: { ...s.network, lost } };
}

/** Structural passes: cluster size, faulty replicas, workload, clients, faults. */
async function structure(m: Minimiser, ns: readonly number[]): Promise<boolean> {
  let kept = false;
  for (const size of ns) {
    const smaller = size < m.best.scenario.n ? resized(m.best.scenario, size) : null;
    if (smaller !== null && (await m.attempt(smaller))) kept = true;
  }
  kept = (await m.each((s, i) => ({ ...s, byzantine: without(s.byzantine, i) }), (s) => s.byzantine.length)) || kept;
  kept = (await m.each((s, i) => (s.requests.length > 1 ? { ...s, requests: without(s.requests, i) } : null), (s) => s.requests.length)) || kept;
  kept = (await m.each((s, k) => (k >= 1 ? fewerClients(s, k) : null), (s) => s.clients)) || kept;
  kept = (await m.each((s, i) => (s.requests[i]?.atMs === 0 ? null : { ...s, requests: s.requests.map((r, j) => (j === i ? { ...r, atMs: 0 } : r)) }), (s) => s.requests.length)) || kept;
  kept = (await m.each((s, i) => withNetwork(s, { partitions: without(s.network.partitions ?? [], i) }), (s) => s.network.partitions?.length ?? 0)) || kept;
  kept = (await m.each((s, i) => withNetwork(s, { roundPartitions: without(s.network.roundPartitions ?? [], i) }), (s) => s.network.roundPartitions?.length ?? 0)) || kept;
  const quiet: Partial<NetworkPlan>[] = [{ dropPercent: 0 }, { duplicatePercent: 0 }, { preGstDelayMsMax: m.best.scenario.network.delayMsMax }, { delayMsMax: m.best.scenario.network.delayMsMin }];
  for (const change of quiet) if (await m.attempt(withNetwork(m.best.scenario, change))) kept = true;
  return kept;
}

/** Tape pass: cut the unread tail, drop chunks of the tape, halving the chunk size down to single entries, then zero entries. */
async function tape(m: Minimiser): Promise<boolean> {
  // Entries past the last one the run reads are inert: cut them first, by bisection.
  let kept = await m.lower((s) => s.tape.length, (s, v) => ({ ...s, tape: s.tape.slice(0, v) }), 0);
  for (let size = Math.max(1, Math.floor(m.best.scenario.tape.length / 2)); size >= 1 && !m.exhausted; size = size === 1 ? 0 : Math.max(1, Math.floor(size / 2))) {
    const count = (s: Scenario): number => Math.ceil(s.tape.length / size);
    kept = (await m.each((s, i) => ({ ...s, tape: [...s.tape.slice(0, i * size), ...s.tape.slice((i + 1) * size)] }), count)) || kept;
  }
  kept = (await m.each((s, i) => (s.tape[i] === 0 ? null : { ...s, tape: s.tape.map((v, j) => (j === i ? 0 : v)) }), (s) => s.tape.length)) || kept;
  return kept;
}

/** Time passes: the earliest GST and the shortest time limit that still fail (a liveness run needs only reach its deadline). */
async function time(m: Minimiser): Promise<boolean> {
  const gst = await m.lower((s) => s.gstMs, (s, v) => ({ ...s, gstMs: v }), 0);
  const limit = await m.lower((s) => s.limits.timeMs, (s, v) => ({ ...s, limits: { ...s.limits, timeMs: v } }), 1);
  return gst || limit;
}

/** Names of the messages a traced run sent, as a plan names them, with whether each was delivered in the run. */
function messagesOf(trace: readonly TraceEvent[]): { id: LostMessage; delivered: boolean }[] {
  const delivered = new Set<number>();
  for (const e of trace) if (e.kind === 'deliver') delivered.add(e.msg);
  const sent = new Map<string, number>();
  const out: { id: LostMessage; delivered: boolean }[] = [];
  let previous: TraceEvent | undefined;
  for (const e of trace) {
    // A duplicated message is one send on the wire twice: the copy directly follows, and is not counted.
    const copy = e.kind === 'send' && previous?.kind === 'send' && previous.step === e.step && previous.from === e.from && previous.to === e.to && previous.payload === e.payload;
    previous = e;
    if ((e.kind !== 'send' && e.kind !== 'drop') || copy) continue;
    const link = `${e.from}>${e.to}`;
    const nth = (sent.get(link) ?? 0) + 1;
    sent.set(link, nth);
    out.push({ id: { from: e.from, to: e.to, nth }, delivered: e.kind === 'send' && delivered.has(e.msg) });
  }
  return out;
}

/** The scenario with `ids` lost too; the list is kept sorted by link and number, to read as a table. */
function withLost(s: Scenario, ids: readonly LostMessage[]): Scenario {
  const key = (x: LostMessage): number => (x.from * 4096 + x.to) * 1_000_000 + x.nth;
  const lost = [...(s.network.lost ?? []), ...ids].sort((a, b) => key(a) - key(b));
  return { ...s, network: { ...s.network, lost } };
}

/**
 * Loss pass, for runs a safety tripwire stopped: safety must hold however the network behaves, so
 * delivered messages are tried as lost, latest first, in blocks of 16, then 4, then one by one
 * (losing a message never changes what was sent before it, so the earlier names stay valid). What
 * remains is the traffic the violation needs. Liveness runs are left alone: losing a message after
 * GST would break their premise.
 */
async function losses(m: Minimiser): Promise<boolean> {
  let kept = false;
  for (const size of [16, 4, 1]) {
    if (m.best.facts.stopReason !== 'violation' || m.exhausted) break;
    const { trace } = await runScenarioChecked(m.best.scenario, m.options, true);
    const ids = messagesOf(trace ?? []).filter((x) => x.delivered).map((x) => x.id).reverse();
    for (let i = 0; i < ids.length && !m.exhausted; i += size) {
      if (await m.attempt(withLost(m.best.scenario, ids.slice(i, i + size)))) kept = true;
    }
  }
  return kept;
}

/**
 * Minimises a failing scenario's events, keeping the violated property (the first its run
 * violates) and the fault regime. Deterministic: the same input always gives the same output.
 */
export async function minimise(scenario: Scenario, options: MinimiseOptions): Promise<Minimised> {
  const { facts } = await runScenarioChecked(scenario, options);
  const verdict = judge(scenario, facts, options.properties);
  const property = verdict.violations[0]?.property;
  const m = new Minimiser({ scenario, verdict, facts }, property ?? '', options, options.maxRuns ?? DEFAULT_MINIMISE_RUNS);
  if (property !== undefined) {
    for (let round = 0; round < 8 && !m.exhausted; round++) {
      const kept = [await time(m), await structure(m, options.ns), await tape(m), await losses(m)];
      if (!kept.some(Boolean)) break;
    }
  }
  return { scenario: m.best.scenario, verdict: m.best.verdict, original: verdict, events: m.best.facts.events, steps: m.steps, runs: m.runs };
}
