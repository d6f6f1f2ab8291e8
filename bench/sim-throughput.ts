/**
 * Simulator-core throughput: message deliveries per second with a trivial ping-pong replica.
 *
 *   npx tsx bench/sim-throughput.ts [--events N] [--reps R] [--only empty|tape|trace]
 *
 * n = 4 replicas, no clients, no requests. Replica 0's init sends one message to each peer and
 * every replica sends each message it receives straight back, so three messages are always in
 * flight and every event is a delivery that causes one send. The run ends at `limits.events`.
 * The World is built directly (no adversaries, symbolic crypto never called), so the figure is the
 * harness' own cost per delivery: heap, tape, dispatch, context call, allocation.
 *
 * Variants: empty tape, no trace (the campaign fast path; target ≥ 1,000,000 deliveries/s on one
 * core); a random tape of 256 entries (tape reads and tied-delivery picks until it runs out); and
 * tracing on (the replay path; fewer events so the trace fits in memory).
 */
import { DEFAULT_CLIENT_OPTIONS, type Replica, type ReplicaContext, type ReplicaFactory } from '../src/adapter/contract.js';
import { symbolicCrypto } from '../src/crypto/symbolic.js';
import type { Scenario } from '../src/scenario/types.js';
import { Prng } from '../src/sim/prng.js';
import { TAPE_MAX } from '../src/sim/tape.js';
import { World } from '../src/sim/world.js';

const TARGET_PER_SECOND = 1_000_000;

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}
const only = (() => {
  const i = process.argv.indexOf('--only');
  return i >= 0 ? process.argv[i + 1] : undefined;
})();

const EVENTS = flag('events', 2_000_000);
const REPS = flag('reps', 7);

const PING = Object.freeze({ kind: 'ping' });

/** Sends every message straight back to its sender; replica 0 starts one exchange with each peer. */
const echo: ReplicaFactory<unknown> = (ctx: ReplicaContext<unknown>): Replica<unknown> => ({
  init: () => {
    if (ctx.config.id === 0) for (let to = 1; to < ctx.config.n; to++) ctx.send(to, PING);
  },
  onMessage: (from, payload) => ctx.send(from, payload),
  onRequest: () => {},
});

function scenario(events: number, tape: readonly number[]): Scenario {
  return {
    version: 1,
    n: 4,
    clients: 0,
    requests: [],
    byzantine: [],
    beyondF: false,
    network: { delayMsMin: 1, delayMsMax: 1, preGstDelayMsMax: 1, dropPercent: 0 },
    gstMs: 0,
    limits: { timeMs: Number.MAX_SAFE_INTEGER, events },
    seed: 1,
    tape,
  };
}

interface Sample {
  readonly deliveries: number;
  readonly seconds: number;
}

function once(s: Scenario, trace: boolean): Sample {
  const factories = Array.from({ length: s.n }, () => echo);
  const honest = Array.from({ length: s.n }, () => true);
  const t0 = process.hrtime.bigint();
  const world = new World({ scenario: s, factories, honest, client: DEFAULT_CLIENT_OPTIONS, crypto: symbolicCrypto(s.seed, s.n), trace });
  const facts = world.run();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (facts instanceof Promise) throw new Error('the echo replica is synchronous; the world should be too');
  if (facts.stopReason !== 'event-limit') throw new Error(`expected the run to hit the event limit, it ended ${facts.stopReason}`);
  return { deliveries: facts.deliveries, seconds };
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');

function variant(name: string, s: Scenario, trace: boolean, reps: number): number {
  once({ ...s, limits: { ...s.limits, events: Math.min(200_000, s.limits.events) } }, trace); // warm-up (JIT)
  const rates: number[] = [];
  for (let r = 1; r <= reps; r++) {
    const sample = once(s, trace);
    const rate = sample.deliveries / sample.seconds;
    rates.push(rate);
    console.log(`  ${name} rep ${r}: ${fmt(sample.deliveries)} deliveries in ${sample.seconds.toFixed(3)} s = ${fmt(rate)} deliveries/s`);
  }
  const m = median(rates);
  console.log(`  ${name} median: ${fmt(m)} deliveries/s (min ${fmt(Math.min(...rates))}, max ${fmt(Math.max(...rates))})\n`);
  return m;
}

const prng = new Prng(2024);
const randomTape = Array.from({ length: 256 }, () => prng.below(TAPE_MAX + 1));

console.log(`byzcheck simulator throughput — node ${process.version}, n = 4 ping-pong, ${fmt(EVENTS)} events per run, ${REPS} reps\n`);
const results: [string, number][] = [];
if (only === undefined || only === 'empty') results.push(['empty tape, no trace', variant('empty tape, no trace', scenario(EVENTS, []), false, REPS)]);
if (only === undefined || only === 'tape') results.push(['random tape (256), no trace', variant('random tape (256), no trace', scenario(EVENTS, randomTape), false, REPS)]);
if (only === undefined || only === 'trace') {
  const traced = Math.min(EVENTS, 400_000);
  results.push([`empty tape, tracing on (${fmt(traced)} events)`, variant('empty tape, tracing on', scenario(traced, []), true, Math.min(REPS, 5))]);
}

console.log('summary (median deliveries/s):');
for (const [name, m] of results) console.log(`  ${name.padEnd(40)} ${fmt(m).padStart(12)}`);
const fast = results.find(([name]) => name === 'empty tape, no trace');
if (fast !== undefined) {
  const ok = fast[1] >= TARGET_PER_SECOND;
  console.log(`\ntarget ≥ ${fmt(TARGET_PER_SECOND)} deliveries/s on the fast path: ${ok ? 'met' : 'NOT met'}`);
}
