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
 * The same measurement is section 1 of the suite (`npm run bench`, bench/sections/sim-core.ts).
 */
import { tuneGarbageCollection } from '../src/campaign/gc-tuning.js';
import type { Scenario } from '../src/scenario/types.js';
import { echoRun, echoScenario, randomTape, SIM_TARGET_PER_SECOND } from './sections/sim-core.js';
import { median } from './stats.js';

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

tuneGarbageCollection(); // as `byzcheck` does: the figures are those of its runs
const EVENTS = flag('events', 2_000_000);
const REPS = flag('reps', 7);

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');

function variant(name: string, s: Scenario, trace: boolean, reps: number): number {
  echoRun({ ...s, limits: { ...s.limits, events: Math.min(200_000, s.limits.events) } }, trace); // warm-up (JIT)
  const rates: number[] = [];
  for (let r = 1; r <= reps; r++) {
    const sample = echoRun(s, trace);
    const rate = sample.deliveries / sample.seconds;
    rates.push(rate);
    console.log(`  ${name} rep ${r}: ${fmt(sample.deliveries)} deliveries in ${sample.seconds.toFixed(3)} s = ${fmt(rate)} deliveries/s`);
  }
  const m = median(rates);
  console.log(`  ${name} median: ${fmt(m)} deliveries/s (min ${fmt(Math.min(...rates))}, max ${fmt(Math.max(...rates))})\n`);
  return m;
}

console.log(`byzcheck simulator throughput — node ${process.version}, n = 4 ping-pong, ${fmt(EVENTS)} events per run, ${REPS} reps\n`);
const results: [string, number][] = [];
if (only === undefined || only === 'empty') results.push(['empty tape, no trace', variant('empty tape, no trace', echoScenario(EVENTS), false, REPS)]);
if (only === undefined || only === 'tape') results.push(['random tape (256), no trace', variant('random tape (256), no trace', echoScenario(EVENTS, randomTape()), false, REPS)]);
if (only === undefined || only === 'trace') {
  const traced = Math.min(EVENTS, 400_000);
  results.push([`empty tape, tracing on (${fmt(traced)} events)`, variant('empty tape, tracing on', echoScenario(traced), true, Math.min(REPS, 5))]);
}

console.log('summary (median deliveries/s):');
for (const [name, m] of results) console.log(`  ${name.padEnd(40)} ${fmt(m).padStart(12)}`);
const fast = results.find(([name]) => name === 'empty tape, no trace');
if (fast !== undefined) {
  const ok = fast[1] >= SIM_TARGET_PER_SECOND;
  console.log(`\ntarget ≥ ${fmt(SIM_TARGET_PER_SECOND)} deliveries/s on the fast path: ${ok ? 'met' : 'NOT met'}`);
}
