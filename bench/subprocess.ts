/**
 * The subprocess binding's cost: seed 002's node as a Python child process versus the same node
 * in-process, on the same scenarios (their traces are byte-identical, so the work is the same).
 *
 *   npx tsx bench/subprocess.ts [--scenarios N] [--reps R] [--lanes K] [--split-only]
 *
 * 0. Where a subprocess step's wall time goes, per pipelining and hosting mode (bench/subprocess-split.ts):
 *    seed002-python and, with Go installed, seed001-go, each beside its in-process port.
 * 1. Scenarios per second over N generated scenarios (no faulty replicas; lossy networks before
 *    GST; n ∈ {4, 7, 10}), median of R repetitions. Python processes are spawned (and greeted)
 *    by a warm-up run first: they are reused across runs, so start-up is not part of the figure.
 * 2. Wall time of seed 002's sweep (n = 10, 0..10 malicious `seed002-faulty` nodes, 5 trials per
 *    point), median of R. The seed's own asyncio simulator needs ≈ 83 s for that experiment,
 *    because it sleeps through real network delays and 2 s timeouts. The Python sweep runs with
 *    one lane and with K lanes (K trials in flight over K sets of children), with one child hosting
 *    each run (protocol 4) and with a child per replica, alternating reps.
 */
import fc from 'fast-check';
import type { Target } from '../src/adapter/contract.js';
import { closeAllChildren } from '../src/adapter/subprocess/index.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { spaceFor } from '../src/check/space.js';
import { scenarioArbitrary } from '../src/scenario/arbitrary.js';
import type { Scenario } from '../src/scenario/types.js';
import { runSweep } from '../src/sweep/run.js';
import { ALL_ADVERSARIES } from '../src/cli/selection.js';
import seed002 from '../targets/seed002/index.js';
import seed002Python, { REPLICA_PY, seed002PythonTarget } from '../targets/seed002-python/index.js';
import seed001 from '../targets/seed001/index.js';
import { seed001GoTarget } from '../targets/seed001-go/index.js';
import { printSplit } from './subprocess-split.js';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

const SCENARIOS = flag('scenarios', 100);
const REPS = Math.max(3, flag('reps', 3));
const SEED_ASYNCIO_SECONDS = 83;
const LANES = flag('lanes', 4);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function runAll(target: Target<unknown>, scenarios: readonly Scenario[]): Promise<{ seconds: number; events: number }> {
  const context = { target, adversaries: ALL_ADVERSARIES };
  let events = 0;
  const started = performance.now();
  for (const s of scenarios) events += (await runScenarioChecked(s, context)).facts.events;
  return { seconds: (performance.now() - started) / 1000, events };
}

async function sweepSeconds(target: Target<unknown>, lanes: number): Promise<number> {
  const started = performance.now();
  await runSweep({ target, adversaries: ALL_ADVERSARIES, n: 10, malicious: Array.from({ length: 11 }, (_, i) => i), trials: 5, seed: 11, lanes });
  return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
  const targets: readonly Target<unknown>[] = [seed002 as Target<unknown>, seed002Python];
  const scenarios = fc.sample(scenarioArbitrary(spaceFor(seed002 as Target<unknown>, [], false)), { seed: 7, numRuns: SCENARIOS });
  const seed001Scenarios = fc.sample(scenarioArbitrary(spaceFor(seed001 as Target<unknown>, [], false)), { seed: 7, numRuns: Math.max(4, Math.round(SCENARIOS / 4)) });
  await printSplit({
    scenarios, reps: REPS, seed002: seed002 as Target<unknown>, seed002Python: seed002PythonTarget, replicaPy: REPLICA_PY,
    seed001: { inProcess: seed001 as Target<unknown>, go: (mode) => seed001GoTarget(mode), scenarios: seed001Scenarios },
  });
  if (process.argv.includes('--split-only')) return;
  await runAll(seed002Python, scenarios.slice(0, 3)); // warm-up: spawn and greet the Python processes
  console.log(`subprocess bench: ${SCENARIOS} scenarios, median of ${REPS}`);
  const rates = new Map<string, number>();
  for (const target of targets) {
    const reps = [];
    for (let r = 0; r < REPS; r++) reps.push(await runAll(target, scenarios));
    const seconds = median(reps.map((x) => x.seconds));
    const events = reps[0]?.events ?? 0;
    rates.set(target.name, SCENARIOS / seconds);
    console.log(`  ${target.name.padEnd(15)} ${(SCENARIOS / seconds).toFixed(1).padStart(8)} scenarios/s  ${(seconds * 1e6 / events).toFixed(1).padStart(7)} µs/event  (${events} events per pass)`);
  }
  console.log(`  in-process is ${((rates.get('seed002') ?? 0) / (rates.get('seed002-python') ?? 1)).toFixed(1)}× faster`);
  console.log(`sweep n=10, malicious 0..10, 5 trials (55 trials), median of ${REPS}; seed's asyncio simulator ≈ ${SEED_ASYNCIO_SECONDS} s`);
  // Alternating configurations rep by rep, so a load change on a shared machine hits them all alike.
  const own = seed002PythonTarget({ hosting: 'own' });
  await own.probe();
  const configs = [
    { label: 'seed002', target: targets[0] as Target<unknown>, lanes: 1 },
    { label: 'seed002-python, 1 lane', target: seed002Python, lanes: 1 },
    { label: `seed002-python, ${LANES} lanes`, target: seed002Python, lanes: LANES },
    { label: 'python, own children, 1 lane', target: own, lanes: 1 },
    { label: `python, own, ${LANES} lanes`, target: own, lanes: LANES },
  ];
  const sweeps = configs.map(() => [] as number[]);
  for (let r = 0; r < REPS; r++) for (const [i, c] of configs.entries()) sweeps[i]?.push(await sweepSeconds(c.target, c.lanes));
  const medians = sweeps.map(median);
  for (const [i, c] of configs.entries()) {
    const seconds = medians[i] as number;
    console.log(`  ${c.label.padEnd(26)} ${seconds.toFixed(2).padStart(8)} s  (${(SEED_ASYNCIO_SECONDS / seconds).toFixed(0)}× faster than the seed's; ${(seconds / (medians[0] as number)).toFixed(1)}× the in-process time)`);
  }
  console.log(`  ${LANES} lanes vs 1 lane: ${((medians[1] as number) / (medians[2] as number)).toFixed(2)}× faster; one hosting child vs a child per replica: ${((medians[3] as number) / (medians[1] as number)).toFixed(2)}× faster at 1 lane, ${((medians[4] as number) / (medians[2] as number)).toFixed(2)}× at ${LANES}`);
}

try {
  await main();
} finally {
  await closeAllChildren();
}
