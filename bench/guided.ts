/**
 * Guided vs random search, side by side, with the default strategy selection (every strategy,
 * the target's cluster sizes or n ∈ {4, 7}): for each zoo bug (PBFT and Mod-SMaRt; all but
 * checkpoint-stable-on-f-plus-1, argued unreachable within f) and seed, the runs and wall time until the first violation of the
 * property the bug is expected to break, within the same run budget and wall cap (one core,
 * `runCampaign`, one worker); then the throughput of the default campaign (pbft, every property,
 * n ∈ {4, 7, 10}) in both modes. Prints medians and guided/random ratios; writes reports/bench/guided.md.
 *
 *   npx tsx bench/guided.ts [--runs 1500] [--cap 25s] [--seeds 3] [--only zoo/commit-on-f-plus-1,...] [--throughput-runs 500]
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { SearchMode } from '../src/check/driver.js';
import { runCampaign } from '../src/campaign/pool.js';
import type { CampaignSpec } from '../src/campaign/spec.js';
import { loadTarget, PACKAGE_ROOT } from '../src/cli/targets.js';
import { median } from './stats.js';

const USAGE = 'usage: npx tsx bench/guided.ts [--runs 1500] [--cap 25s] [--cpu-cap 20s] [--seeds 3] [--only zoo/a,zoo/b] [--throughput-runs 500] [--out FILE]';
const args = (() => {
  try {
    return parseArgs({ options: { runs: { type: 'string' }, cap: { type: 'string' }, seeds: { type: 'string' }, only: { type: 'string' }, 'throughput-runs': { type: 'string' }, 'cpu-cap': { type: 'string' }, modes: { type: 'string' }, out: { type: 'string' } }, strict: true }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
})();
const runBudget = Number(args.runs ?? 1_500);
const capMs = Number((args.cap ?? '25s').replace(/s$/, '')) * 1_000;
const seeds = Number(args.seeds ?? 3);
/**
 * `--cpu-cap 20s` also stops a campaign once this process has spent that much CPU on it: at load
 * 30–40 a wall cap binds long before the run budget, and then the runs column measures the load.
 */
const cpuCapMs = args['cpu-cap'] === undefined ? Infinity : Number(args['cpu-cap'].replace(/s$/, '')) * 1_000;
const throughputRuns = Number(args['throughput-runs'] ?? 500);
if (![runBudget, capMs, seeds, throughputRuns].every((v) => Number.isFinite(v) && v > 0) || !(cpuCapMs > 0)) {
  console.error(USAGE);
  process.exit(2);
}

/** Every zoo bug but the one argued unreachable within f. */
const ZOO_BUGS = readdirSync(join(PACKAGE_ROOT, 'targets', 'zoo'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name !== 'checkpoint-stable-on-f-plus-1')
  .map((e) => `zoo/${e.name}`)
  .sort();
const bugs = args.only?.split(',') ?? ZOO_BUGS;
/** `--modes guided` skips the random half (its figures are deterministic in runs: tuning runs need only the guided ones). */
const modes = (args.modes?.split(',') ?? ['random', 'guided']) as SearchMode[];

interface Attempt {
  readonly found: boolean;
  readonly runs: number;
  readonly ms: number;
  /** CPU ms of this process to the first violation: on a shared machine, less sensitive to load than wall time. */
  readonly cpuMs: number;
}

const cpuMsNow = (): number => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};

const medianOrNull = (xs: readonly number[]): number | null => (xs.length === 0 ? null : median(xs));

async function expectedOf(target: string): Promise<string> {
  const module = (await import(join(PACKAGE_ROOT, 'targets', target, 'index.ts'))) as { bug: { expected: string } };
  return module.bug.expected;
}

/** One campaign until the first violation of `expected` or the budget; a miss counts the whole budget. */
async function attempt(target: string, expected: string, seed: number, search: SearchMode): Promise<Attempt> {
  const clusterSizes = (await loadTarget(target)).clusterSizes ?? [4, 7];
  const spec: CampaignSpec = { target, adversaries: null, properties: [expected], beyondF: false, seed, runs: runBudget, clusterSizes, search };
  const started = performance.now();
  const cpuStarted = cpuMsNow();
  let detectedAt: number | null = null;
  let cpuAt: number | null = null;
  const overCpu = new AbortController();
  const outcome = await runCampaign(spec, {
    workers: 1, timeLimitMs: capMs, signal: overCpu.signal,
    onProgress: (p) => {
      if (p.violations === 0 && cpuMsNow() - cpuStarted > cpuCapMs) overCpu.abort();
      if (p.violations > 0 && detectedAt === null) {
        detectedAt = performance.now() - started;
        cpuAt = cpuMsNow() - cpuStarted;
      }
    },
  });
  const found = outcome.counterexample?.verdict.violations.some((v) => v.property === expected) === true;
  const cpuMs = found ? cpuAt ?? cpuMsNow() - cpuStarted : cpuMsNow() - cpuStarted;
  return { found, runs: outcome.runs, ms: found ? detectedAt ?? performance.now() - started : capMs, cpuMs };
}

const fmt = (v: number | null, digits = 0): string => (v === null ? '—' : v.toFixed(digits));
const ratio = (g: number | null, r: number | null): string => (g === null || r === null || r === 0 ? '—' : (g / r).toFixed(2));

const rows: string[][] = [];
/** Per bug, the median seconds to detect of each mode (a miss counted as the cap), for the zoo-wide summary. */
const medians: { random: number; guided: number; randomCpu: number; guidedCpu: number; randomRuns: number; guidedRuns: number }[] = [];
const loadBefore = loadavg();
for (const target of bugs) {
  const expected = await expectedOf(target);
  const by: Record<SearchMode, Attempt[]> = { random: [], guided: [] };
  for (let seed = 1; seed <= seeds; seed++) {
    // The order alternates seed by seed, so neither mode always runs on the warmer (or quieter) side.
    for (const search of seed % 2 === 1 ? modes : [...modes].reverse()) by[search].push(await attempt(target, expected, seed, search));
  }
  // Medians over every seed, a miss counting as the whole budget: a lower bound on a miss's true cost.
  const runs = (m: SearchMode) => medianOrNull(by[m].map((a) => (a.found ? a.runs : runBudget)));
  const secs = (m: SearchMode) => medianOrNull(by[m].map((a) => a.ms / 1000));
  const cpuSecs = (m: SearchMode) => medianOrNull(by[m].map((a) => a.cpuMs / 1000));
  const hits = (m: SearchMode) => `${by[m].filter((a) => a.found).length}/${seeds}`;
  const row = [`\`${target}\``, expected, hits('random'), hits('guided'), fmt(runs('random')), fmt(runs('guided')), ratio(runs('guided'), runs('random')), fmt(secs('random'), 1), fmt(secs('guided'), 1), ratio(secs('guided'), secs('random')), fmt(cpuSecs('random'), 1), fmt(cpuSecs('guided'), 1), ratio(cpuSecs('guided'), cpuSecs('random'))];
  rows.push(row);
  medians.push({
    random: secs('random') ?? capMs / 1000, guided: secs('guided') ?? capMs / 1000,
    randomCpu: cpuSecs('random') ?? 0, guidedCpu: cpuSecs('guided') ?? 0, randomRuns: runs('random') ?? runBudget, guidedRuns: runs('guided') ?? runBudget,
  });
  console.log(row.join(' | '));
}

/** Runs per second of the default campaign (pbft, every property and strategy, n ∈ {4, 7, 10}). */
async function throughput(search: SearchMode): Promise<{ runs: number; perSecond: number; perSize: Record<string, number> }> {
  const spec: CampaignSpec = { target: 'pbft', adversaries: null, properties: null, beyondF: false, seed: 1, runs: throughputRuns, search };
  const started = performance.now();
  const outcome = await runCampaign(spec, { workers: 1 });
  return { runs: outcome.runs, perSecond: outcome.runs / ((performance.now() - started) / 1000), perSize: outcome.stats.clusterSizes };
}
const speed = { random: await throughput('random'), guided: await throughput('guided') };

const head = ['target', 'expected', 'found random', 'found guided', 'median runs random', 'median runs guided', 'runs ratio g/r', 'median s random', 'median s guided', 's ratio g/r', 'median CPU s random', 'median CPU s guided', 'CPU ratio g/r'];
const table = [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
const sizes = (m: SearchMode) => Object.entries(speed[m].perSize).map(([k, v]) => `${k}: ${v}`).join(', ');
const speedLines = (['random', 'guided'] as const).map((m) => `- ${m}: ${speed[m].runs} runs, ${speed[m].perSecond.toFixed(0)} runs/s (${sizes(m)})`).join('\n');
/** Geometric mean of guided/random ratios, each side floored at 0.01 (an instant find on both sides is a tie, not a ratio). */
const geoMeanOf = (pairs: readonly [number, number][]): number | null =>
  pairs.length === 0 ? null : Math.exp(pairs.reduce((sum, [g, r]) => sum + Math.log(Math.max(g, 0.01) / Math.max(r, 0.01)), 0) / pairs.length);
const geoMean = geoMeanOf(medians.map((m) => [m.guided, m.random]));
const geoMeanCpu = geoMeanOf(medians.map((m) => [m.guidedCpu, m.randomCpu]));
const geoMeanRuns = geoMeanOf(medians.map((m) => [m.guidedRuns, m.randomRuns]));
const loadAfter = loadavg();
const zoo = `Across the ${medians.length} bugs: guided faster on ${medians.filter((m) => m.guided < m.random).length}, slower on ${medians.filter((m) => m.guided > m.random).length}; ` +
  `geometric mean of the s ratios g/r ${fmt(geoMean, 2)}, of the CPU s ratios ${fmt(geoMeanCpu, 2)}, of the runs ratios ${fmt(geoMeanRuns, 2)}; ` +
  `load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')} at the start, ${loadAfter.map((l) => l.toFixed(1)).join(' ')} at the end; median of the per-bug median seconds, random ${fmt(medianOrNull(medians.map((m) => m.random)), 2)} s, guided ${fmt(medianOrNull(medians.map((m) => m.guided)), 2)} s; ` +
  `sum of the per-bug median seconds, random ${medians.reduce((a, m) => a + m.random, 0).toFixed(1)} s, guided ${medians.reduce((a, m) => a + m.guided, 0).toFixed(1)} s.`;
const text = `# Guided vs random search\n\nDefault selection (every strategy, the target's cluster sizes or n ∈ {4, 7}), judged by the property each bug is expected to break; seeds 1–${seeds}, ` +
  `each campaign up to ${runBudget} runs or ${capMs / 1000} s on one core. Medians over all seeds, a miss counted as the whole budget. ` +
  `Ratios below 1 favour guided.\n\nCommand: \`npx tsx bench/guided.ts --runs ${runBudget} --cap ${capMs / 1000}s${Number.isFinite(cpuCapMs) ? ` --cpu-cap ${cpuCapMs / 1000}s` : ''} --seeds ${seeds}${args.only === undefined ? '' : ` --only ${args.only}`} --throughput-runs ${throughputRuns}\`\n\n${table}\n\n${zoo}\n\n` +
  `Default campaign throughput (pbft, every property and strategy, n ∈ {4, 7, 10}, seed 1, ${throughputRuns} runs, one core):\n\n${speedLines}\n`;
const dir = join(PACKAGE_ROOT, 'reports', 'bench');
mkdirSync(dir, { recursive: true });
const out = args.out ?? join(dir, 'guided.md');
writeFileSync(out, text);
console.log(`\n${text}\nwrote ${out}`);
