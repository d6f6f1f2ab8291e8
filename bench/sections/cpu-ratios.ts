/**
 * The two in-process ratios of issue 22 by CPU time rather than wall clock, batch by batch in turn:
 * on a machine loaded 20–40 deep on 2 cores a wall-clock batch mostly measures the other tenants,
 * while this thread's CPU seconds move far less. Both sides are synchronous, so the process' CPU
 * time is theirs alone.
 */
import { bareRun } from '../bare-loop.js';
import { summarize, type Summary } from '../stats.js';
import { pbftContext, runBatch, type Workload } from './pbft-scenario.js';
import type { SuiteOptions } from './section.js';
import { calibrate } from './timing.js';

/** CPU seconds `fn` took on this process. */
function cpuSeconds(fn: () => void): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

/** Two sides measured in turn (order swapped each repetition), CPU µs per delivery each, and first ÷ second. */
export interface CpuPair {
  readonly first: Summary;
  readonly second: Summary;
  /** first ÷ second per repetition. */
  readonly ratio: Summary;
}

type Side = (count: number) => number; // runs `count` and returns its deliveries

function pair(a: Side, b: Side, options: SuiteOptions, reps: number): CpuPair {
  const [ka, kb] = [a, b].map((side) => calibrate((k) => void side(k), options.repSeconds, options.repSeconds)) as [number, number];
  // The JIT compiles on background threads whose CPU the process' usage includes: warm both sides
  // well past calibration before anything counts.
  for (let w = 0; w < 3; w++) {
    a(ka);
    b(kb);
  }
  const first: number[] = [];
  const second: number[] = [];
  const one = (side: Side, k: number, into: number[]): void => {
    let deliveries = 0;
    const s = cpuSeconds(() => void (deliveries = side(k)));
    into.push((s * 1e6) / deliveries);
  };
  for (let r = 0; r < reps; r++) {
    if (r % 2 === 0) {
      one(a, ka, first);
      one(b, kb, second);
    } else {
      one(b, kb, second);
      one(a, ka, first);
    }
  }
  return { first: summarize(first), second: summarize(second), ratio: summarize(first.map((x, i) => x / (second[i] as number))) };
}

let seed = 3_000_000;
const harness = (w: Workload): Side => (k) => {
  const b = runBatch(w, pbftContext(), k, seed);
  seed += k;
  return b.deliveries;
};

/** The bare loop (first) and the harness (second), PBFT n = 4, 10 requests, no faults: CPU µs/delivery. */
export function harnessVsBareCpu(options: SuiteOptions, reps: number): CpuPair {
  options.log('cpu ratios: bare loop vs harness');
  const bare: Side = (k) => {
    let d = 0;
    for (let i = 0; i < k; i++) d += bareRun(4, 10);
    return d;
  };
  return pair(bare, harness({ n: 4, requests: 10 }), options, reps);
}

/** 1,000 requests (first) and 10 requests (second), PBFT n = 4, one client: CPU µs/delivery. */
export function perDeliveryCpu(options: SuiteOptions, reps: number): CpuPair {
  options.log('cpu ratios: 1,000 vs 10 requests');
  return pair(harness({ n: 4, requests: 1_000, clients: 1 }), harness({ n: 4, requests: 10, clients: 1 }), options, reps);
}
