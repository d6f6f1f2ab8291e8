/**
 * Section 1, simulator core: message deliveries per second with a trivial echo replica, so the
 * figure is the harness' own cost per delivery (heap, tape, dispatch, context call, allocation).
 *
 * n = 4 replicas, no clients. Replica 0's init sends one message to each peer and every replica
 * sends each message straight back: three messages are always in flight and every event is a
 * delivery causing one send. The run ends at `limits.events`. The World is built directly.
 */
import { DEFAULT_CLIENT_OPTIONS, type Replica, type ReplicaContext, type ReplicaFactory } from '../../src/adapter/contract.js';
import { symbolicCrypto } from '../../src/crypto/symbolic.js';
import type { Scenario } from '../../src/scenario/types.js';
import { Prng } from '../../src/sim/prng.js';
import { TAPE_MAX } from '../../src/sim/tape.js';
import { World } from '../../src/sim/world.js';
import { fmt, fmtSummary, summarize, type Summary } from '../stats.js';
import { asJson, type SectionResult, type SuiteOptions } from './section.js';
import { now, secondsSince } from './timing.js';

/** The fast-path goal: deliveries per second on one core. */
export const SIM_TARGET_PER_SECOND = 1_000_000;

const PING = Object.freeze({ kind: 'ping' });

/** Sends every message straight back to its sender; replica 0 starts one exchange with each peer. */
export const echoReplica: ReplicaFactory<unknown> = (ctx: ReplicaContext<unknown>): Replica<unknown> => ({
  init: () => {
    if (ctx.config.id === 0) for (let to = 1; to < ctx.config.n; to++) ctx.send(to, PING);
  },
  onMessage: (from, payload) => ctx.send(from, payload),
  onRequest: () => {},
});

/** The echo scenario: n = 4, no clients, 1 ms links, ends after `events` events. */
export function echoScenario(events: number, tape: readonly number[] = []): Scenario {
  return {
    version: 1, n: 4, clients: 0, requests: [], byzantine: [], beyondF: false,
    network: { delayMsMin: 1, delayMsMax: 1, preGstDelayMsMax: 1, dropPercent: 0 },
    gstMs: 0, limits: { timeMs: Number.MAX_SAFE_INTEGER, events }, seed: 1, tape,
  };
}

/** A random tape of 256 entries (tape reads and tied-delivery picks until it runs out). */
export function randomTape(seed = 2024, length = 256): number[] {
  const prng = new Prng(seed);
  return Array.from({ length }, () => prng.below(TAPE_MAX + 1));
}

/** One timed run of the echo world. */
export interface EchoSample {
  /** Deliveries in the run. */
  readonly deliveries: number;
  /** Wall-clock seconds, World construction included. */
  readonly seconds: number;
}

/** Runs the echo world once (synchronously) and times it; throws if it did not run to its event limit. */
export function echoRun(s: Scenario, trace: boolean): EchoSample {
  const factories = Array.from({ length: s.n }, () => echoReplica);
  const honest = Array.from({ length: s.n }, () => true);
  const t0 = now();
  const world = new World({ scenario: s, factories, honest, client: DEFAULT_CLIENT_OPTIONS, crypto: symbolicCrypto(s.seed, s.n), trace });
  const facts = world.run();
  const seconds = secondsSince(t0);
  if (facts instanceof Promise) throw new Error('the echo replica is synchronous; the world should be too');
  if (facts.stopReason !== 'event-limit') throw new Error(`expected the run to hit the event limit, it ended ${facts.stopReason}`);
  return { deliveries: facts.deliveries, seconds };
}

/** Deliveries/s of `reps` runs of `s` after one short warm-up run. */
export function echoRates(s: Scenario, trace: boolean, reps: number): Summary {
  echoRun({ ...s, limits: { ...s.limits, events: Math.min(200_000, s.limits.events) } }, trace);
  const rates: number[] = [];
  for (let r = 0; r < reps; r++) {
    const sample = echoRun(s, trace);
    rates.push(sample.deliveries / sample.seconds);
  }
  return summarize(rates);
}

/** Section 1: the simulator's own deliveries/s on the fast path, with a tape, and with tracing. */
export async function simCoreSection(options: SuiteOptions): Promise<SectionResult> {
  const events = options.quick ? 500_000 : 2_000_000;
  const tracedEvents = options.quick ? 100_000 : 400_000;
  const variants = [
    { name: 'empty tape, no trace (campaign fast path)', scenario: echoScenario(events), trace: false },
    { name: 'random tape (256 entries), no trace', scenario: echoScenario(events, randomTape()), trace: false },
    { name: 'empty tape, tracing on (replay path)', scenario: echoScenario(tracedEvents), trace: true },
  ];
  const rows: string[][] = [];
  const data: Record<string, { events: number; deliveriesPerS: Summary }> = {};
  for (const v of variants) {
    options.log(`sim-core: ${v.name}`);
    const rates = echoRates(v.scenario, v.trace, options.reps);
    data[v.name] = { events: v.scenario.limits.events, deliveriesPerS: rates };
    rows.push([v.name, fmt(v.scenario.limits.events), fmtSummary(rates, 0), fmt(1e9 / rates.median, 0)]);
  }
  const fast = data[variants[0]!.name]!.deliveriesPerS;
  return {
    id: 'sim-core',
    title: '1. Simulator core',
    tables: [{
      caption: `Echo replica, n = 4, deliveries/s, median (min–max) of ${options.reps} runs`,
      headers: ['variant', 'events/run', 'deliveries/s', 'ns/delivery'],
      rows,
    }],
    notes: ['Every event is a delivery that causes one send; the World is built directly (no adversaries, crypto never called), so this is the harness\' own cost per delivery.'],
    targets: [{ what: 'simulator deliveries/s, fast path, one core', goal: `≥ ${fmt(SIM_TARGET_PER_SECOND)}`, measured: fmt(fast.median), met: fast.median >= SIM_TARGET_PER_SECOND }],
    data: asJson(data),
  };
}
