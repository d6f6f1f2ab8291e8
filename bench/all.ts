/**
 * The benchmark suite behind `npm run bench`: simulator core, reference PBFT at several sizes and
 * with both crypto providers, cost per request as requests grow, memory over many runs, and the
 * worker-thread speed-up. Prints Markdown tables and writes reports/bench/bench.{md,json}.
 * Figures are medians (with min–max) of repeated measurements; nothing is asserted.
 *
 *   npm run bench            (full: about 4–6 minutes on 2 cores)
 *   npm run bench -- --quick (smoke run)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import type { ReplicaFactory } from '../src/adapter/contract.js';
import { runCampaign } from '../src/campaign/pool.js';
import { runScenario } from '../src/check/run-scenario.js';
import { ed25519Crypto } from '../src/crypto/ed25519.js';
import { symbolicCrypto } from '../src/crypto/symbolic.js';
import type { Scenario } from '../src/scenario/types.js';
import type { RunFacts } from '../src/sim/facts.js';
import { World } from '../src/sim/world.js';
import pbft from '../targets/pbft/index.js';

const quick = process.argv.includes('--quick');
const REPS = quick ? 3 : 5;

/** Median, min and max of a sample. */
interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

function spread(xs: readonly number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length % 2 === 1 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
  return { median: mid, min: s[0] ?? Number.NaN, max: s[s.length - 1] ?? Number.NaN };
}

const fmt = (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
const cell = (s: Spread): string => `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})`;

function table(title: string, header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`## ${title}`, '', `| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`), ''].join('\n');
}

function pbftScenario(n: number, requests: number, seed: number): Scenario {
  return {
    version: 1, n, clients: Math.min(3, Math.max(1, Math.ceil(requests / 100))),
    requests: Array.from({ length: requests }, (_, i) => ({ client: i % Math.min(3, Math.max(1, Math.ceil(requests / 100))), atMs: 0, operation: `put k${i % 7} ${i}` })),
    byzantine: [], beyondF: false,
    network: { delayMsMin: 1, delayMsMax: 1, preGstDelayMsMax: 1, dropPercent: 0 },
    gstMs: 0, limits: { timeMs: 1_000_000, events: 50_000_000 }, seed, tape: [],
  };
}

/** Scenarios/s and deliveries/s of PBFT runs for about `ms` of wall time. */
function pbftRate(n: number, requests: number, ms: number, crypto: 'symbolic' | 'ed25519'): { scenarios: number; deliveries: number; perDelivery: number; deliveriesPerRun: number } {
  const context = { target: pbft, adversaries: new Map(), ...(crypto === 'ed25519' ? { crypto: ed25519Crypto } : {}) };
  let runs = 0;
  let deliveries = 0;
  const started = performance.now();
  while (performance.now() - started < ms || runs === 0) {
    // ed25519 reuses one seed so its caches are warm ("cached"); symbolic varies the seed per run.
    const { facts } = runScenario(pbftScenario(n, requests, crypto === 'ed25519' ? 0 : runs), context) as { facts: RunFacts };
    deliveries += facts.deliveries;
    runs++;
  }
  const seconds = (performance.now() - started) / 1000;
  return { scenarios: runs / seconds, deliveries: deliveries / seconds, perDelivery: (seconds * 1e6) / deliveries, deliveriesPerRun: deliveries / runs };
}

function simCore(): Spread {
  const echo: ReplicaFactory<unknown> = (ctx) => ({
    init: () => {
      if (ctx.config.id === 0) for (let j = 1; j < ctx.config.n; j++) ctx.send(j, j);
    },
    onMessage: (from, p) => ctx.send(from, p),
    onRequest: () => undefined,
  });
  const rates: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    const scenario: Scenario = { ...pbftScenario(4, 0, rep), requests: [], limits: { timeMs: 1e12, events: quick ? 500_000 : 2_000_000 } };
    const world = new World({ scenario, factories: [echo, echo, echo, echo], honest: [true, true, true, true], client: { sendFirstTo: 'replica0', retransmitMs: 400 }, crypto: symbolicCrypto(rep, 5), trace: false });
    const started = performance.now();
    const facts = world.run() as RunFacts;
    rates.push(facts.deliveries / ((performance.now() - started) / 1000));
  }
  return spread(rates);
}

function pbftSizes(): { md: string; json: unknown[] } {
  const rows: string[][] = [];
  const json: unknown[] = [];
  const configs: [number, 'symbolic' | 'ed25519'][] = [[4, 'symbolic'], [7, 'symbolic'], [10, 'symbolic'], [16, 'symbolic'], [31, 'symbolic'], [4, 'ed25519'], [10, 'ed25519']];
  for (const [n, crypto] of quick ? configs.filter(([size]) => size <= 10) : configs) {
    pbftRate(n, 10, 200, crypto); // warm-up: JIT, key derivation, caches
    const samples = Array.from({ length: REPS }, () => pbftRate(n, 10, quick ? 400 : 1_000, crypto));
    const sc = spread(samples.map((s) => s.scenarios));
    const dl = spread(samples.map((s) => s.deliveries));
    rows.push([String(n), crypto === 'ed25519' ? 'ed25519 (cached)' : crypto, cell(sc), cell(dl)]);
    json.push({ n, crypto, scenariosPerSecond: sc, deliveriesPerSecond: dl });
  }
  return { md: table('Reference PBFT, 10 requests, no faults, one core', ['n', 'crypto', 'scenarios/s', 'deliveries/s'], rows), json };
}

function perRequest(): { md: string; json: unknown[] } {
  const rows: string[][] = [];
  const json: unknown[] = [];
  for (const requests of quick ? [10, 100] : [10, 100, 1_000]) {
    const samples = Array.from({ length: REPS }, () => pbftRate(4, requests, quick ? 300 : 800, 'symbolic'));
    const us = spread(samples.map((s) => s.perDelivery * 1000));
    const perReq = (samples[0]?.deliveriesPerRun ?? 0) / requests;
    rows.push([String(requests), perReq.toFixed(1), `${(us.median / 1000).toFixed(2)} (${(us.min / 1000).toFixed(2)}–${(us.max / 1000).toFixed(2)})`]);
    json.push({ requests, deliveriesPerRequest: perReq, microsecondsPerDelivery: { median: us.median / 1000, min: us.min / 1000, max: us.max / 1000 } });
  }
  return { md: table('Cost per request as requests grow (PBFT n = 4)', ['requests', 'deliveries per request', 'µs per delivery'], rows), json };
}

function memory(): { md: string; json: unknown } {
  const total = quick ? 10_000 : 100_000;
  const every = total / 10;
  const gc = (globalThis as { gc?: () => void }).gc;
  const samples: { runs: number; heapMb: number; rssMb: number }[] = [];
  const context = { target: pbft, adversaries: new Map() };
  for (let run = 1; run <= total; run++) {
    runScenario(pbftScenario(4, 10, run), context);
    if (run % every === 0) {
      gc?.();
      const m = process.memoryUsage();
      samples.push({ runs: run, heapMb: m.heapUsed / 2 ** 20, rssMb: m.rss / 2 ** 20 });
    }
  }
  const first = samples[0];
  const last = samples[samples.length - 1];
  const ratio = first !== undefined && last !== undefined ? last.heapMb / first.heapMb : Number.NaN;
  const rows = samples.map((s) => [fmt(s.runs), s.heapMb.toFixed(1), s.rssMb.toFixed(1)]);
  const note = `${gc === undefined ? 'without --expose-gc: heap figures include garbage; ' : ''}heap last/first = ${ratio.toFixed(2)} (flat ≈ 1)`;
  return { md: `${table(`Memory over ${fmt(total)} PBFT runs (n = 4, 10 requests)`, ['runs', 'heap used MiB', 'RSS MiB'], rows)}\n${note}\n`, json: { samples, heapLastOverFirst: ratio } };
}

async function workers(): Promise<{ md: string; json: unknown }> {
  const spec = { target: 'pbft', adversaries: null, properties: null, beyondF: false, seed: 99, runs: quick ? 600 : 2_000, clusterSizes: [4] };
  const time = async (count: number) => {
    const started = performance.now();
    const outcome = await runCampaign(spec, { workers: count });
    return { seconds: (performance.now() - started) / 1000, outcome };
  };
  const one = await time(1);
  const two = await time(Math.min(2, availableParallelism()));
  const same = JSON.stringify([one.outcome.runs, one.outcome.deliveries, one.outcome.stats]) === JSON.stringify([two.outcome.runs, two.outcome.deliveries, two.outcome.stats]);
  const rows = [
    ['1', one.seconds.toFixed(1), fmt(spec.runs / one.seconds)],
    ['2', two.seconds.toFixed(1), fmt(spec.runs / two.seconds)],
  ];
  const speedup = one.seconds / two.seconds;
  const md = `${table(`Campaign on worker threads (PBFT n = 4, ${fmt(spec.runs)} runs, every strategy and fault)`, ['workers', 'wall s', 'runs/s'], rows)}\nspeed-up ${speedup.toFixed(2)}× (includes ~1 s of thread start-up: each thread loads the TypeScript sources); outcomes identical: ${same}\n`;
  return { md, json: { runs: spec.runs, oneWorkerSeconds: one.seconds, twoWorkerSeconds: two.seconds, speedup, identical: same } };
}

const started = performance.now();
const header = `# byzcheck benchmarks${quick ? ' (quick)' : ''}\n\nNode ${process.version}, ${availableParallelism()} cores, load average at start ${loadavg().map((x) => x.toFixed(2)).join(' ')}; medians (min–max) of ${REPS} repetitions.\n`;
console.log(header);
const sim = simCore();
const simMd = table('Simulator core (echo replica, no trace)', ['deliveries/s', 'target'], [[cell(sim), '≥ 1,000,000']]);
console.log(simMd);
const sizes = pbftSizes();
console.log(`${sizes.md}\nTargets: n = 4 ≥ 2,000 scenarios/s, n = 10 ≥ 200 scenarios/s.\n`);
const requests = perRequest();
console.log(requests.md);
const mem = memory();
console.log(mem.md);
const work = await workers();
console.log(work.md);
const footer = `suite wall time ${((performance.now() - started) / 1000).toFixed(0)} s`;
console.log(footer);
mkdirSync('reports/bench', { recursive: true });
writeFileSync('reports/bench/bench.md', [header, simMd, sizes.md, 'Targets: n = 4 ≥ 2,000 scenarios/s, n = 10 ≥ 200 scenarios/s.\n', requests.md, mem.md, work.md, footer, ''].join('\n'));
writeFileSync('reports/bench/bench.json', `${JSON.stringify({ quick, simulatorDeliveriesPerSecond: sim, pbft: sizes.json, perRequest: requests.json, memory: mem.json, workers: work.json }, null, 1)}\n`);
console.log('wrote reports/bench/bench.md and reports/bench/bench.json');
