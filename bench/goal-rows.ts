/**
 * Every goal row of issue 22 in one run, each ratio measured alternately (its sides in turn, every
 * repetition), medians with min–max and the load average around each row:
 *
 *   npm run build && node --expose-gc --max-semi-space-size=64 --import tsx bench/goal-rows.ts [--quick] [--reps 3] [--only a,b] [--no-write]
 *
 * Rows: harness (vs bare loop), campaigns (default and n = 4), subprocess (seed 002 Python vs
 * in-process), third-party (a held-out Python replica), sweep (whole process vs the seed's 82.9 s),
 * per-delivery (1,000 vs 10 requests). Rewrites the measured block of reports/bench/goal-rows.md and
 * keeps the hand-written profile analysis below it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tuneGarbageCollection } from '../src/campaign/gc-tuning.js';
import { CAMPAIGN_GOALS, campaignsSideBySide } from './sections/campaigns.js';
import { harnessVsBareCpu, perDeliveryCpu } from './sections/cpu-ratios.js';
import { FLAT_TOLERANCE, measureAll } from './sections/cost-per-request.js';
import { HARNESS_GOAL, SUBPROCESS_GOAL, harnessVsBare, subprocessVsInProcess } from './sections/ratios.js';
import type { SuiteOptions } from './sections/section.js';
import { THIRD_PARTY_GOAL, thirdPartySection } from './sections/third-party.js';
import { SEED_SWEEP_SECONDS, SWEEP_GOAL, wholeSweepSection } from './sections/whole-sweep.js';
import { fmt, fmt3, fmtSummary, markdownTable, summarize, textTable, type Table } from './stats.js';

/** One goal row as printed. */
interface Row {
  readonly what: string;
  readonly goal: string;
  readonly measured: string;
  readonly met: boolean;
  readonly detail: string;
  readonly load: string;
}

const ROWS = ['harness', 'campaigns', 'subprocess', 'third-party', 'sweep', 'per-delivery'] as const;
type RowId = (typeof ROWS)[number];

/** Repetitions of the cheap CPU-time ratios (each a batch of about `repSeconds`). */
const CPU_REPS = 7;

const load = (): string => loadavg().map((x) => x.toFixed(1)).join(' ');

async function measureRow(id: RowId, options: SuiteOptions): Promise<Row[]> {
  switch (id) {
    case 'harness': {
      const cpu = harnessVsBareCpu(options, CPU_REPS);
      const hb = harnessVsBare(options);
      return [{ what: 'PBFT n = 4 fault-free, harness speed ÷ bare heap+quorum loop (bench/bare-loop.ts), by CPU time', goal: `≥ ${HARNESS_GOAL}×`, measured: `${fmtSummary(cpu.ratio)}×`, met: cpu.ratio.median >= HARNESS_GOAL, detail: `CPU µs/delivery (${CPU_REPS} reps): bare ${fmtSummary(cpu.first, 3)}, harness ${fmtSummary(cpu.second, 3)}; by wall clock: ${fmtSummary(hb.ratio)}× (bare ${fmtSummary(hb.bare, 3)}, harness ${fmtSummary(hb.harness, 3)} µs)`, load: '' }];
    }
    case 'campaigns': {
      const c = await campaignsSideBySide(options);
      const detail = (f: typeof c.all): string => `\`${f.command}\`: CPU runs/s ${fmtSummary(f.cpuRunsPerS)}, CPU µs/delivery ${fmtSummary(f.cpuUsPerDelivery, 2)}, ${fmt(f.deliveries / f.runs, 0)} deliveries/run`;
      return [
        { what: 'default campaign (`byzcheck run --target pbft`, every strategy, n ∈ {4, 7, 10}), runs/s wall, one core', goal: `≥ ${fmt(CAMPAIGN_GOALS.all)}`, measured: fmtSummary(c.all.wallRunsPerS), met: c.all.wallRunsPerS.median >= CAMPAIGN_GOALS.all, detail: detail(c.all), load: '' },
        { what: 'n = 4 campaign, every strategy, runs/s wall, one core', goal: `≥ ${fmt(CAMPAIGN_GOALS.n4)}`, measured: fmtSummary(c.n4.wallRunsPerS), met: c.n4.wallRunsPerS.median >= CAMPAIGN_GOALS.n4, detail: `${detail(c.n4)}; n = 4 ÷ default ${fmtSummary(c.ratio)}×`, load: '' },
      ];
    }
    case 'subprocess': {
      const sp = await subprocessVsInProcess(options);
      return [{ what: `seed 002 on ${sp.scenarios} scenarios, Python replica ÷ in-process port, time per event`, goal: `≤ ${SUBPROCESS_GOAL}×`, measured: `${fmtSummary(sp.slowdown)}×`, met: sp.slowdown.median <= SUBPROCESS_GOAL, detail: `µs/event: in-process ${fmtSummary(sp.inProcess, 1)}, Python ${fmtSummary(sp.python, 1)}`, load: '' }];
    }
    case 'third-party': {
      const t = await thirdPartySection(options);
      const cx = t.counterexamples.length === 0 ? 'no counterexample' : `stopped at: ${t.counterexamples.join('; ')}`;
      return [{ what: 'third-party Python replica (bench/fixtures/third-party/hotstuff3.py), every strategy, n = 4, runs/s wall', goal: `≥ ${THIRD_PARTY_GOAL}`, measured: fmtSummary(t.wallRunsPerS), met: t.wallRunsPerS.median >= THIRD_PARTY_GOAL, detail: `\`${t.command}\`, ${t.lanes} lanes; CPU ms/run: Node ${fmtSummary(t.nodeCpuMsPerRun)}, children ${fmtSummary(t.childCpuMsPerRun)}; wall µs/delivery ${fmtSummary(t.usPerDeliveryWall)}; runs/rep ${fmtSummary(t.runsPerRep)}; ${cx}`, load: '' }];
    }
    case 'sweep': {
      const [inProc, python] = wholeSweepSection(options);
      if (inProc === undefined || python === undefined) return [];
      const one = (s: typeof inProc): Row => ({ what: `whole-process \`${s.command}\` vs the seed's ${SEED_SWEEP_SECONDS} s`, goal: `≥ ${fmt(SWEEP_GOAL)}×`, measured: `${fmtSummary(s.speedUp)}×`, met: s.speedUp.median >= SWEEP_GOAL, detail: `wall ${fmtSummary(s.wallSeconds, 3)} s, CPU (user+sys, reaped children included) ${fmtSummary(s.cpuSeconds, 3)} s`, load: '' });
      return [one(inProc), one(python)];
    }
    case 'per-delivery': {
      const cpu = perDeliveryCpu(options, CPU_REPS);
      const [small, large] = measureAll([{ n: 4, requests: 10, clients: 1 }, { n: 4, requests: 1_000, clients: 1 }], options);
      if (small === undefined || large === undefined) return [];
      const wall = summarize(large.usPerDelivery.samples.map((x, i) => x / (small.usPerDelivery.samples[i] as number)));
      return [{ what: 'µs per delivery, PBFT n = 4, 1,000 vs 10 requests, 1 client, by CPU time', goal: `≤ ${FLAT_TOLERANCE}×`, measured: `${fmtSummary(cpu.ratio)}×`, met: cpu.ratio.median <= FLAT_TOLERANCE, detail: `CPU µs/delivery (${CPU_REPS} reps): 1,000 requests ${fmtSummary(cpu.first, 3)}, 10 requests ${fmtSummary(cpu.second, 3)}; by wall clock: ${fmtSummary(wall)}× (${fmtSummary(large.usPerDelivery, 3)} vs ${fmtSummary(small.usPerDelivery, 3)} µs)`, load: '' }];
    }
  }
}

function parse(argv: readonly string[]): { quick: boolean; reps: number; only: readonly RowId[] } {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const only = (value('--only')?.split(',') ?? [...ROWS]).filter((s): s is RowId => (ROWS as readonly string[]).includes(s));
  return { quick: argv.includes('--quick'), reps: Math.max(3, Number(value('--reps') ?? 3)), only };
}

const OUT = fileURLToPath(new URL('../reports/bench/goal-rows.md', import.meta.url));
const BEGIN = '<!-- measured: written by bench/goal-rows.ts -->';
const END = '<!-- /measured -->';

/** Writes the measured block into goal-rows.md, keeping whatever is outside it. */
function write(table: Table, header: string): void {
  mkdirSync(dirname(OUT), { recursive: true });
  const block = [BEGIN, header, '', markdownTable(table), END].join('\n');
  const old = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '# Issue 22: every goal row in one run\n\n' + BEGIN + END + '\n';
  const [before, rest] = old.includes(BEGIN) && old.includes(END) ? [old.slice(0, old.indexOf(BEGIN)), old.slice(old.indexOf(END) + END.length)] : [old + '\n', '\n'];
  writeFileSync(OUT, before + block + rest);
}

const { quick, reps, only } = parse(process.argv.slice(2));
tuneGarbageCollection();
const options: SuiteOptions = { quick, reps, repSeconds: quick ? 0.3 : 1, log: (line) => console.error(`[${new Date().toISOString().slice(11, 19)} load ${load()}] ${line}`) };
const started = new Date();
const rows: Row[] = [];
for (const id of only) {
  const before = load();
  for (const row of await measureRow(id, options)) rows.push({ ...row, load: `${before} → ${load()}` });
}
const table: Table = {
  caption: `Issue 22 goal rows, median (min–max) of ${reps} alternating repetitions${quick ? ' (--quick)' : ''}`,
  headers: ['row', 'goal', 'measured', 'met', 'load avg (1/5/15 min) before → after', 'detail'],
  rows: rows.map((r) => [r.what, r.goal, r.measured, r.met ? 'yes' : '**no**', r.load, r.detail]),
};
console.log(textTable(table));
const header = `Command: \`node --expose-gc --max-semi-space-size=64 --import tsx bench/goal-rows.ts ${process.argv.slice(2).join(' ')}\`, ${started.toISOString()} (${fmt3((Date.now() - started.getTime()) / 1000)} s), node ${process.version}, shared 2-core machine.`;
if (process.argv.includes('--no-write')) console.error('--no-write: goal-rows.md left as it was');
else {
  write(table, header);
  console.error(`wrote ${OUT}`);
}
