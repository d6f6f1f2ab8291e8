/**
 * Section 4, memory over a long campaign-like loop: PBFT n = 4 (10 requests, no faults) run with
 * `runScenario` 100,000 times; heap used and RSS sampled every 10,000 runs, after a forced garbage
 * collection when node runs with --expose-gc (as `npm run bench` does). Flat means no leak per run.
 */
import { fmt, fmt3, fmtSummary, summarize, type Summary } from '../stats.js';
import { pbftContext, runBatch } from './pbft-scenario.js';
import { asJson, type SectionResult, type SuiteOptions } from './section.js';
import { collectGarbage } from './timing.js';

/** Heap used may grow by this factor from the first sample to the last and still count as flat. */
const FLAT_TOLERANCE = 1.2;

/** One sample of the series. */
interface MemorySample {
  /** Runs completed when sampled. */
  readonly runs: number;
  /** V8 heap in use, MiB. */
  readonly heapUsedMiB: number;
  /** Resident set size, MiB. */
  readonly rssMiB: number;
  /** Runs/s over the interval ending at this sample (0 for the first). */
  readonly runsPerS: number;
}

const MIB = 1024 * 1024;

function sample(runs: number, runsPerS: number): MemorySample {
  collectGarbage();
  const m = process.memoryUsage();
  return { runs, heapUsedMiB: m.heapUsed / MIB, rssMiB: m.rss / MIB, runsPerS };
}

/** Runs `total` scenarios, sampling every `every` runs (the first sample after a 1,000-run warm-up). */
function series(total: number, every: number, log: (line: string) => void): MemorySample[] {
  const context = pbftContext();
  runBatch({ n: 4, requests: 10 }, context, 1_000, 2_000_000);
  const samples = [sample(0, 0)];
  for (let done = 0; done < total; done += every) {
    const batch = runBatch({ n: 4, requests: 10 }, context, every, 3_000_000 + done);
    samples.push(sample(done + every, batch.runs / batch.seconds));
    log(`memory: ${fmt(done + every)} runs, heap ${fmt(samples[samples.length - 1]?.heapUsedMiB ?? 0, 1)} MiB`);
  }
  return samples;
}

/** Section 4: heap and RSS every 10,000 runs over 100,000 runs (10,000 every 1,000 with --quick). */
export async function memorySection(options: SuiteOptions): Promise<SectionResult> {
  const total = options.quick ? 10_000 : 100_000;
  const every = total / 10;
  const gc = collectGarbage();
  const samples = series(total, every, options.log);
  const first = samples[0] as MemorySample;
  const last = samples[samples.length - 1] as MemorySample;
  const heapRatio = last.heapUsedMiB / first.heapUsedMiB;
  const rssRatio = last.rssMiB / first.rssMiB;
  const rates: Summary = summarize(samples.slice(1).map((s) => s.runsPerS));
  const peak = Math.max(...samples.map((s) => s.heapUsedMiB));
  const rows = samples.map((s) => [fmt(s.runs), fmt(s.heapUsedMiB, 2), fmt(s.rssMiB, 1), s.runs === 0 ? '(after warm-up)' : fmt(s.runsPerS)]);
  return {
    id: 'memory',
    title: `4. Memory over ${fmt(total)} runs (PBFT n = 4)`,
    tables: [{
      caption: `Heap used and RSS every ${fmt(every)} runs${gc ? ', each after a forced gc()' : ' (no --expose-gc: samples without a forced collection, noisier)'}`,
      headers: ['runs', 'heap used MiB', 'RSS MiB', 'runs/s in interval'],
      rows,
    }],
    notes: [
      `Heap used last/first: ${fmt3(heapRatio)}× (peak ${fmt(peak, 2)} MiB); RSS last/first: ${fmt3(rssRatio)}×. ${heapRatio <= FLAT_TOLERANCE ? 'Flat: no per-run leak.' : 'NOT flat: memory grows with runs.'}`,
      `Runs/s over the ${samples.length - 1} intervals: ${fmtSummary(rates)} (median (min–max)).`,
    ],
    targets: [{ what: `heap used after ${fmt(total)} runs ÷ after warm-up`, goal: `≤ ${FLAT_TOLERANCE} (flat)`, measured: `${fmt3(heapRatio)}×`, met: heapRatio <= FLAT_TOLERANCE }],
    data: asJson({ forcedGc: gc, heapRatio, rssRatio, runsPerS: rates, samples }),
  };
}
