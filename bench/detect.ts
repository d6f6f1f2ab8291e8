/**
 * Detection benchmark: for every bug-zoo variant, seed 001's port and naive-broadcast, whether a
 * byzcheck campaign finds the bug within a wall-clock budget (one core: `runCampaign`, one
 * worker), for seeds 1..S — the median time to the first violation, the runs it took, and the
 * events of the shrunk counterexample (and of its causal slice). Writes reports/bench/detect.{md,json} and prints the table.
 *
 *   npx tsx bench/detect.ts [--budget 60s] [--seeds 5] [--only zoo/votes-per-message,seed001] [--no-codec]
 *
 * `--no-codec` withholds every target's codec (the harness option `codec=off`), so strategies
 * work from signed-item discovery and payload shape alone; it writes detect-no-codec.{md,json}.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runCampaign } from '../src/campaign/pool.js';
import { DEFAULT_SEARCH, type CampaignSpec } from '../src/campaign/spec.js';
import { DEFAULT_MINIMISE_RUNS } from '../src/check/minimise/index.js';
import { listTargets, loadTarget, PACKAGE_ROOT } from '../src/cli/targets.js';
import type { Violation } from '../src/property.js';
import { causalSlice, violationSteps } from '../src/report/causal-slice.js';
import type { TraceEvent } from '../src/sim/trace.js';
import { median } from './stats.js';

const USAGE = 'usage: npx tsx bench/detect.ts [--budget 60s] [--cpu-budget 30s] [--detect-only] [--seeds 5] [--only zoo/votes-per-message,seed001] [--no-codec]\n' +
  '  --detect-only stops each seed at its first violation, unshrunk (detection figures only)\n' +
  '  --cpu-budget also stops a seed\'s search once this process has spent that much CPU time on it (a fair cap on a loaded machine)\n' +
  '  --only re-measures just those targets and merges their rows into the existing reports/bench/detect.{md,json}\n' +
  '  --no-codec withholds each target\'s codec (target option codec=off) and writes reports/bench/detect-no-codec.{md,json}';
function usageError(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}
// Strict parsing: a mistyped flag must stop the run, not start a 40-minute benchmark with defaults.
const args = (() => {
  try {
    return parseArgs({ options: { budget: { type: 'string' }, 'cpu-budget': { type: 'string' }, 'detect-only': { type: 'boolean' }, seeds: { type: 'string' }, only: { type: 'string' }, 'no-codec': { type: 'boolean' }, help: { type: 'boolean' } }, strict: true }).values;
  } catch (e) {
    return usageError((e as Error).message);
  }
})();
if (args.help === true) {
  console.log(USAGE);
  process.exit(0);
}
const budgetMs = parseDuration(args.budget ?? '60s');
/** A cap on this process's CPU time to the first violation: on a machine others load, the wall budget alone measures them. */
const cpuBudgetMs = args['cpu-budget'] === undefined ? null : parseDuration(args['cpu-budget']);
/** Stop at the first violation, unshrunk: detection figures at a fraction of the cost (events are then the failing run's). */
const detectOnly = args['detect-only'] === true;
const seeds = Number(args.seeds ?? 5);
if (!Number.isInteger(seeds) || seeds < 1) usageError(`--seeds: '${args.seeds ?? ''}' is not a positive whole number`);
const only = args.only?.split(',');
const noCodec = args['no-codec'] === true;
/** Where the report goes: with the codec withheld, beside the ordinary one rather than over it. */
const reportName = noCodec ? 'detect-no-codec' : 'detect';

/** `60s`, `1.5m`, `500ms` or plain milliseconds. */
function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (m === null) usageError(`--budget: '${text}' is not a duration (e.g. 60s, 10s, 500ms)`);
  const v = Number(m[1]);
  return m[2] === 'm' ? v * 60_000 : m[2] === 's' ? v * 1_000 : v;
}

/** One seed's campaign against one target. */
interface SeedResult {
  readonly seed: number;
  readonly found: boolean;
  readonly property: string | null;
  readonly msToDetect: number | null;
  /** CPU time of this process (user + system) to the first violation: fair on a loaded machine, where wall time is not. */
  readonly cpuMsToDetect?: number | null;
  readonly runs: number;
  readonly events: number | null;
  /** Of those events, the ones on the violation's causal chain (see sliceSteps). */
  readonly sliceSteps: number | null;
  /** Candidate runs the event minimiser spent on the counterexample. */
  readonly minimiseRuns: number | null;
  /** The shrunk counterexample's cluster size and faulty replicas (`node:strategy`): which shape of run finds the bug. */
  readonly shape?: string | null;
}

/** A target's row of the table. */
interface TargetResult {
  readonly target: string;
  readonly expected: string;
  readonly selection: string;
  readonly seeds: readonly SeedResult[];
}

const medianOrNull = (xs: readonly number[]): number | null => (xs.length === 0 ? null : median(xs));

async function expectedOf(target: string): Promise<string> {
  if (!target.startsWith('zoo/')) return 'any';
  const module = (await import(join(PACKAGE_ROOT, 'targets', target, 'index.ts'))) as { bug?: { expected?: string } };
  return module.bug?.expected ?? 'any';
}

/** Runs one seed until the first violation (then shrinks it) or the budget is spent. */
async function measureSeed(target: string, expected: string, seed: number): Promise<SeedResult> {
  // A zoo bug counts as detected only when the property it is expected to break fails, so the
  // campaign judges that property alone (the replica contract is always on). Every strategy and the
  // default search: what a user who picks nothing gets.
  const properties = expected === 'any' ? null : [expected];
  const spec: CampaignSpec = {
    target, adversaries: null, properties, beyondF: false,
    ...(noCodec ? { targetOptions: { codec: 'off' } } : {}),
    seed, runs: 1_000_000, clusterSizes: (await loadTarget(target)).clusterSizes ?? [4, 7], search: DEFAULT_SEARCH,
  };
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const cpuMs = (): number => { const u = process.cpuUsage(cpuStart); return (u.user + u.system) / 1000; };
  let detectedAt: number | null = null;
  let detectedCpu: number | null = null;
  const overCpu = new AbortController();
  const outcome = await runCampaign(spec, {
    workers: 1,
    timeLimitMs: budgetMs,
    signal: overCpu.signal,
    onProgress: (p) => {
      if (p.violations > 0 && detectedAt === null) {
        detectedAt = performance.now() - started;
        detectedCpu = cpuMs();
      }
      if (detectedAt !== null && detectOnly) overCpu.abort();
      // Only the search is capped: once a violation is found, shrinking it runs to the end.
      if (detectedAt === null && cpuBudgetMs !== null && cpuMs() > cpuBudgetMs) overCpu.abort();
    },
  });
  const cx = outcome.counterexample;
  if (cx === null) return { seed, found: false, property: null, msToDetect: null, cpuMsToDetect: null, runs: outcome.runs, events: null, sliceSteps: null, minimiseRuns: null };
  return {
    seed, found: true, property: cx.verdict.violations[0]?.property ?? null, msToDetect: detectedAt ?? performance.now() - started, cpuMsToDetect: detectedCpu ?? cpuMs(), runs: outcome.runs,
    // A liveness violation has no violating event to slice back from (its evidence is the submission).
    events: cx.events, sliceSteps: cx.verdict.violations[0]?.property === 'liveness' ? null : sliceSteps(cx.trace, cx.verdict.violations),
    minimiseRuns: cx.minimiseRuns,
    shape: `n=${cx.scenario.n} ${cx.scenario.byzantine.map((b) => `${b.node}:${b.adversary}`).join(',') || 'no faulty replica'}`,
  };
}

/**
 * Events (simulator steps) of the causal slice the reports highlight: the violation's steps and,
 * backwards, each step whose message started a step already in it. A replica's earlier steps that
 * only built up its state are not followed, so this is a lower bound on what the violation needs.
 */
function sliceSteps(trace: readonly TraceEvent[], violations: readonly Violation[]): number {
  return new Set(causalSlice(trace, violationSteps(violations)).map((e) => e.step)).size;
}

function row(r: TargetResult): string[] {
  const hits = r.seeds.filter((s) => s.found);
  const props = [...new Set(hits.map((s) => s.property))].join(', ') || '—';
  const ms = medianOrNull(hits.map((s) => s.msToDetect as number));
  const cpu = medianOrNull(hits.flatMap((s) => (s.cpuMsToDetect === null || s.cpuMsToDetect === undefined ? [] : [s.cpuMsToDetect])));
  const runs = medianOrNull(hits.map((s) => s.runs));
  const events = medianOrNull(hits.map((s) => s.events as number));
  // Rows kept from an earlier report (--only) may predate the slice column.
  const slice = medianOrNull(hits.flatMap((s) => (s.sliceSteps === null || s.sliceSteps === undefined ? [] : [s.sliceSteps])));
  const minimiser = medianOrNull(hits.flatMap((s) => (s.minimiseRuns === null || s.minimiseRuns === undefined ? [] : [s.minimiseRuns])));
  const fmt = (v: number | null, f: (x: number) => string): string => (v === null ? '—' : f(v));
  return [
    `\`${r.target}\``, r.expected, `${hits.length}/${r.seeds.length}`, props,
    fmt(ms, (x) => (x / 1000).toFixed(2)), fmt(cpu, (x) => (x / 1000).toFixed(2)), fmt(runs, (x) => String(Math.round(x))), fmt(events, (x) => String(Math.round(x))), fmt(slice, (x) => String(Math.round(x))), fmt(minimiser, (x) => String(Math.round(x))), r.selection,
  ];
}

function table(results: readonly TargetResult[]): string {
  const head = ['target', 'expected', 'detected (seeds)', 'found as', 'median s to detect', 'median CPU s to detect', 'median runs', 'median shrunk events', 'median causal-slice events', 'median minimiser runs', 'selection'];
  const lines = [head, head.map(() => '---'), ...results.map(row)];
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

const targets = listTargets().filter((t) => t.startsWith('zoo/') || t === 'seed001' || t === 'naive-broadcast').filter((t) => only === undefined || only.includes(t));
const results: TargetResult[] = [];
for (const target of targets) {
  const expected = await expectedOf(target);
  const perSeed: SeedResult[] = [];
  for (let seed = 1; seed <= seeds; seed++) perSeed.push(await measureSeed(target, expected, seed));
  const judged = expected === 'any' ? 'every property' : `the ${expected} property`;
  const result = { target, expected, selection: `every strategy, ${judged}, ${DEFAULT_SEARCH} search`, seeds: perSeed };
  results.push(result);
  console.log(row(result).join(' | '));
}

const header = `Detection benchmark${noCodec ? ' with every target\'s codec withheld (target option codec=off: strategies see no codec, only signed-item discovery and payload shape)' : ''}: budget ${budgetMs / 1000} s wall${cpuBudgetMs === null ? '' : ` and ${cpuBudgetMs / 1000} s CPU`} per seed on one core (runCampaign, workers: 1), seeds 1–${seeds}, ` +
  `every strategy, the default search (${DEFAULT_SEARCH}), n ∈ {4, 7} (Mod-SMaRt: its own sizes, some with a spare for reconfiguration). A zoo bug's campaign judges only the property it is expected to break (plus the replica contract); seed001 and naive-broadcast are judged by every property. Time to detect is wall time to the first violating run (before shrinking); ` +
  `runs and shrunk events are medians over the seeds that found a violation. Shrunk events are the simulator steps (replica starts, deliveries, timers) of the shrunk and event-minimised counterexample, up to the step where a safety tripwire stopped it (a liveness run goes to its deadline); the causal slice counts those of its steps on the violation's message chain, a lower bound on what it needs (none for liveness, whose violation is an absence); minimiser runs are the candidate runs the event minimiser spent on it (its budget is ${DEFAULT_MINIMISE_RUNS}).${detectOnly ? ' With --detect-only every seed stopped at its first violation: its events are the failing run\'s, unshrunk.' : ''}\n\n` +
  `Command: \`npx tsx bench/detect.ts --budget ${budgetMs / 1000}s${cpuBudgetMs === null ? '' : ` --cpu-budget ${cpuBudgetMs / 1000}s`}${detectOnly ? ' --detect-only' : ''} --seeds ${seeds}${noCodec ? ' --no-codec' : ''}\` (rows re-measured with \`--only <targets>\` replace theirs)\n\n`;
const dir = join(PACKAGE_ROOT, 'reports', 'bench');
mkdirSync(dir, { recursive: true });
// With --only, the rows measured now replace theirs in an existing report of the same budget.
const previous = only === undefined ? [] : earlierRows(join(dir, `${reportName}.json`));
const merged = [...previous.filter((r) => !results.some((n) => n.target === r.target)), ...results].sort((a, b) => a.target.localeCompare(b.target));
writeFileSync(join(dir, `${reportName}.md`), `# Detection benchmark${noCodec ? ', codec withheld' : ''}\n\n${header}${table(merged)}\n`);
writeFileSync(join(dir, `${reportName}.json`), `${JSON.stringify({ budgetMs, seeds, codec: noCodec ? 'off' : 'on', results: merged }, null, 2)}\n`);
console.log(`\n${table(merged)}\n\nwrote reports/bench/${reportName}.md and reports/bench/${reportName}.json`);

/** Rows of an earlier report measured with the same budget and seeds (none if it differs or is absent). */
function earlierRows(path: string): TargetResult[] {
  if (!existsSync(path)) return [];
  const earlier = JSON.parse(readFileSync(path, 'utf8')) as { budgetMs: number; seeds: number; results: TargetResult[] };
  return earlier.budgetMs === budgetMs && earlier.seeds === seeds ? earlier.results : [];
}
