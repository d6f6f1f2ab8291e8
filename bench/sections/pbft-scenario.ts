/**
 * The PBFT workload the benchmarks share: `requests` operations from `clients` clients against the
 * reference PBFT, no faults (empty tape: FIFO, minimum delay), built directly as a Scenario and run
 * with `runScenario` — the fast path a campaign's per-run cost is made of (no trace, no tripwires).
 */
import type { Target } from '../../src/adapter/contract.js';
import { runScenario, type RunContext } from '../../src/check/run-scenario.js';
import type { CryptoProviderFactory } from '../../src/crypto/provider.js';
import type { Scenario } from '../../src/scenario/types.js';
import type { RunFacts } from '../../src/sim/facts.js';
import pbft from '../../targets/pbft/index.js';

/** Operations the clients submit, in turn: key-value and bank commands (one is unknown on purpose). */
export const OPS: readonly string[] = ['put a 7', 'get a', 'transfer 10 alice bob', 'transfer 100 from Alice to Bob', 'balance bob', 'get b', 'put b 3', 'frobnicate', 'get b', 'transfer 2000 bob carol'];

/** The reference PBFT as an untyped target. */
export const PBFT: Target<unknown> = pbft as Target<unknown>;

/** What to run. */
export interface Workload {
  /** Replicas. */
  readonly n: number;
  /** Requests in all (dealt round-robin to the clients). */
  readonly requests: number;
  /** Clients (default 1). */
  readonly clients?: number;
}

/**
 * The scenario: request i goes to client i mod clients at i ms; 1–10 ms links but an empty tape, so
 * every message takes 1 ms and the schedule is FIFO. Limits scale with the request count so long
 * workloads are not cut short (the target's own are 20 s and 500,000 events).
 */
export function pbftScenario(w: Workload, seed: number): Scenario {
  const clients = w.clients ?? 1;
  return {
    version: 1, n: w.n, clients,
    requests: Array.from({ length: w.requests }, (_, i) => ({ client: i % clients, atMs: i, operation: OPS[i % OPS.length] as string })),
    byzantine: [], beyondF: false,
    network: { delayMsMin: 1, delayMsMax: 10, preGstDelayMsMax: 10, dropPercent: 0 },
    gstMs: 0,
    limits: { timeMs: Math.max(20_000, w.requests * 1_000), events: Math.max(500_000, w.requests * 50 * w.n * w.n) },
    seed, tape: [],
  };
}

/** The run context: PBFT, no adversaries, the given signatures (symbolic by default). */
export function pbftContext(crypto?: CryptoProviderFactory, target: Target<unknown> = PBFT): RunContext {
  return { target, adversaries: new Map(), ...(crypto === undefined ? {} : { crypto }) };
}

/** Runs one scenario synchronously; throws unless every request was accepted by its client. */
export function runPbft(scenario: Scenario, context: RunContext): RunFacts {
  const outcome = runScenario(scenario, context);
  if (outcome instanceof Promise) throw new Error('the reference PBFT is synchronous; runScenario returned a Promise');
  const facts = outcome.facts;
  if (facts.accepted.length !== scenario.requests.length) {
    throw new Error(`n=${scenario.n} seed ${scenario.seed}: ${facts.accepted.length}/${scenario.requests.length} requests accepted (stopped: ${facts.stopReason})`);
  }
  return facts;
}

/** One batch of runs: how many, how long, how many deliveries and events. */
export interface Batch {
  readonly runs: number;
  readonly seconds: number;
  readonly deliveries: number;
  readonly events: number;
}

/** Runs `count` scenarios of a workload with seeds `firstSeed`, `firstSeed + 1`, … (or cycling through `seedPool` seeds). */
export function runBatch(w: Workload, context: RunContext, count: number, firstSeed: number, seedPool?: number): Batch {
  let deliveries = 0;
  let events = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const seed = seedPool === undefined ? firstSeed + i : firstSeed + (i % seedPool);
    const facts = runPbft(pbftScenario(w, seed), context);
    deliveries += facts.deliveries;
    events += facts.events;
  }
  return { runs: count, seconds: Number(process.hrtime.bigint() - t0) / 1e9, deliveries, events };
}
