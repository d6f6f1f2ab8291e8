/**
 * Section 2a, reference PBFT on the fast path: scenarios/s and deliveries/s for growing clusters,
 * 10 requests from one client, no faults, with symbolic and with real (cached) ed25519 signatures.
 * Scenarios are built directly and run with `runScenario`: what a campaign's per-run cost is made of.
 */
import { ed25519Crypto } from '../../src/crypto/ed25519.js';
import type { CryptoProviderFactory } from '../../src/crypto/provider.js';
import { symbolicCrypto } from '../../src/crypto/symbolic.js';
import { fmt, fmt3, fmtSummary, summarizeBy, type Summary } from '../stats.js';
import { pbftContext, runBatch, type Batch, type Workload } from './pbft-scenario.js';
import { asJson, type SectionResult, type SuiteOptions, type TargetCheck } from './section.js';
import { calibrate } from './timing.js';

/** Scenarios/s goals on one core, by cluster size. */
const GOALS: ReadonlyMap<number, number> = new Map([[4, 2_000], [10, 200]]);

/**
 * Seconds of runs before a row is measured (full suite). PBFT runs reach their steady rate only
 * after about 1.5 s of work (≈ 500 runs/s over the first 0.8 s, ≈ 2,100/s from 1.5 s on, in CPU
 * time): with the former 0.6 s the first row measured (n = 4) was still warming up in its first
 * batches. Every row but the cold one gets the same warm-up, so rows stay comparable.
 */
const WARM_SECONDS = 2;

/** Seeds an ed25519 (cached) row cycles through: warmed first, as a campaign's shrink replays would be. */
const SEED_POOL = 20;

/** One measured configuration. */
interface Config {
  readonly n: number;
  readonly crypto: 'symbolic' | 'ed25519 (cached)' | 'ed25519 (cold)';
}

/** The figures of one configuration. */
export interface PbftRate {
  readonly n: number;
  readonly crypto: string;
  readonly runsPerRep: number;
  readonly scenariosPerS: Summary;
  readonly deliveriesPerS: Summary;
  readonly deliveriesPerRun: number;
  readonly eventsPerRun: number;
  readonly usPerDelivery: Summary;
}

/** A source of fresh seeds, so no two runs of a row (cold crypto included) share one. */
let nextSeed = 1;

function providerOf(c: Config): CryptoProviderFactory {
  return c.crypto === 'symbolic' ? symbolicCrypto : ed25519Crypto;
}

/** Measures one configuration: warm-up and calibration, then `reps` batches of about `repSeconds`. */
export function measurePbft(c: Config, options: Pick<SuiteOptions, 'reps' | 'repSeconds' | 'quick'>): PbftRate {
  const w: Workload = { n: c.n, requests: 10 };
  const context = pbftContext(providerOf(c));
  const pool = c.crypto === 'ed25519 (cached)' ? SEED_POOL : undefined;
  const poolBase = nextSeed;
  if (pool !== undefined) {
    nextSeed += pool;
    runBatch(w, context, pool, poolBase, pool);
  }
  const batch = (count: number): Batch => {
    const first = pool === undefined ? nextSeed : poolBase;
    if (pool === undefined) nextSeed += count;
    return runBatch(w, context, count, first, pool);
  };
  const cold = c.crypto === 'ed25519 (cold)';
  const warm = cold ? 0 : options.quick ? options.repSeconds : Math.max(options.repSeconds, WARM_SECONDS);
  const count = calibrate((k) => void batch(k), options.repSeconds, warm, cold ? 2 : 3);
  const batches: Batch[] = [];
  for (let r = 0; r < options.reps; r++) batches.push(batch(count));
  const total = batches.reduce((acc, b) => ({ runs: acc.runs + b.runs, deliveries: acc.deliveries + b.deliveries, events: acc.events + b.events }), { runs: 0, deliveries: 0, events: 0 });
  return {
    n: c.n, crypto: c.crypto, runsPerRep: count,
    scenariosPerS: summarizeBy(batches, (b) => b.runs / b.seconds),
    deliveriesPerS: summarizeBy(batches, (b) => b.deliveries / b.seconds),
    deliveriesPerRun: total.deliveries / total.runs,
    eventsPerRun: total.events / total.runs,
    usPerDelivery: summarizeBy(batches, (b) => (b.seconds * 1e6) / b.deliveries),
  };
}

function configs(quick: boolean): Config[] {
  const ns = quick ? [4, 10] : [4, 7, 10, 16, 31];
  return [
    ...ns.map((n): Config => ({ n, crypto: 'symbolic' })),
    ...[4, 10].map((n): Config => ({ n, crypto: 'ed25519 (cached)' })),
    { n: 4, crypto: 'ed25519 (cold)' },
  ];
}

function goalCheck(r: PbftRate): TargetCheck[] {
  const goal = GOALS.get(r.n);
  if (goal === undefined || r.crypto !== 'symbolic') return [];
  return [{ what: `PBFT n = ${r.n} scenarios/s (runScenario, symbolic, one core)`, goal: `≥ ${fmt(goal)}`, measured: fmt(r.scenariosPerS.median), met: r.scenariosPerS.median >= goal }];
}

/** Section 2a: PBFT scenarios/s and deliveries/s by cluster size and signature provider. */
export async function pbftSection(options: SuiteOptions): Promise<SectionResult> {
  const rates: PbftRate[] = [];
  for (const c of configs(options.quick)) {
    options.log(`pbft: n = ${c.n}, ${c.crypto}`);
    rates.push(measurePbft(c, options));
  }
  const base = new Map(rates.filter((r) => r.crypto === 'symbolic').map((r) => [r.n, r.scenariosPerS.median]));
  const rows = rates.map((r) => [
    String(r.n), r.crypto, fmt(r.runsPerRep), fmtSummary(r.scenariosPerS), fmtSummary(r.deliveriesPerS, 0),
    fmt(r.deliveriesPerRun, 0), fmtSummary(r.usPerDelivery, 2),
    r.crypto === 'symbolic' ? '1' : `${fmt3((base.get(r.n) ?? Number.NaN) / r.scenariosPerS.median)}× slower`,
  ]);
  return {
    id: 'pbft',
    title: '2. Reference PBFT (runScenario fast path)',
    tables: [{
      caption: `10 requests from 1 client, no faults; median (min–max) of ${options.reps} batches of about ${options.repSeconds} s`,
      headers: ['n', 'crypto', 'runs/batch', 'scenarios/s', 'deliveries/s', 'deliveries/run', 'µs/delivery', 'vs symbolic'],
      rows,
    }],
    notes: [
      'Scenarios are built directly (a fresh seed per run) and run with `runScenario`: no trace, no tripwires, no property judging.',
      `ed25519 (cached): ${SEED_POOL} seeds, warmed first and cycled, so signing and verification hit the caches (a campaign's shrink replays). ed25519 (cold): a fresh seed per run, so key generation, every signature and every verification is computed (a campaign's generated runs).`,
    ],
    targets: rates.flatMap(goalCheck),
    data: asJson(rates),
  };
}
