/**
 * A run's fixed cost, apart from its deliveries, in one or more built checkouts (old vs new in the
 * same process, alternated), for the campaign-shape work of issue 22:
 *   npm run build && node --max-semi-space-size=64 --import tsx bench/fixed-cost.ts [/tmp/old] . [--n 4] [--scenarios 400]
 * Per tree, µs per run of: generating a scenario (fast-check), building a world (a run stopped at its
 * first event), a run with no requests, a full run, judging its facts, and the campaign's own loop
 * (chunks through `runChunk`, as the CLI runs them). Scenarios are the campaign's (all strategies). The
 * last two lines: a delivery's cost (full runs against runs with no requests), and the campaign's
 * fixed cost per run, what a run costs beyond its deliveries at that rate.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';

type Module = Record<string, (...args: never[]) => unknown>;
type Fn = (...args: unknown[]) => unknown;

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
}

const roots = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(all[i - 1] ?? '').startsWith('--'));
const count = flag('--scenarios', 400);
const sizes = process.argv.includes('--n') ? [flag('--n', 4)] : undefined;

async function tree(root: string) {
  const load = async (file: string): Promise<Record<string, Fn>> => (await import(pathToFileURL(resolve(root, 'dist', file)).href)) as Record<string, Fn>;
  const [targets, runner, space, arbitrary, builtins, selection, verdict, chunks, runChunk] = await Promise.all(
    ['src/cli/targets.js', 'src/check/run-scenario.js', 'src/check/space.js', 'src/scenario/arbitrary.js', 'src/cli/builtins.js', 'src/cli/selection.js', 'src/check/verdict.js', 'src/campaign/chunks.js', 'src/campaign/run-chunk.js'].map(load),
  ) as Record<string, Fn>[] as Module[] as Record<string, Fn>[];
  const registry = (builtins as unknown as { BUILTIN_REGISTRY: { adversaries: unknown } }).BUILTIN_REGISTRY;
  const target = await (targets!['loadTarget'] as Fn)('pbft', {});
  const adversaries = (selection!['selectAdversaries'] as Fn)(undefined, registry);
  const properties = (selection!['selectProperties'] as Fn)(undefined, registry) as unknown[];
  const arb = (arbitrary!['scenarioArbitrary'] as Fn)((space!['spaceFor'] as Fn)(target, adversaries, false, sizes, true)) as fc.Arbitrary<Record<string, unknown>>;
  const context = { target, adversaries: (registry as { adversaries: unknown }).adversaries, properties };
  const spec = { target: 'pbft', adversaries: null, properties: null, beyondF: false, seed: 1, runs: count, ...(sizes === undefined ? {} : { clusterSizes: sizes }) };
  const plan = (chunks!['planChunks'] as Fn)(7, count) as unknown[];
  return {
    root,
    sample: () => fc.sample(arb, { seed: 42, numRuns: count }),
    run: (s: unknown) => (runner!['runScenarioChecked'] as Fn)(s, context, false) as Promise<{ facts: { deliveries: number } }>,
    judge: (s: unknown, facts: unknown) => (verdict!['judge'] as Fn)(s, facts, properties),
    chunk: async () => {
      let runs = 0;
      let deliveries = 0;
      for (const c of plan) {
        const r = (await (runChunk!['runChunk'] as Fn)(spec, c)) as { runs: number; deliveries: number };
        runs += r.runs;
        deliveries += r.deliveries;
      }
      return { runs, deliveries };
    },
  };
}

type Tree = Awaited<ReturnType<typeof tree>>;
const cpu = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

/** One phase, timed per tree: CPU ms and deliveries of one pass over the scenarios. */
type Phase = (t: Tree, scenarios: readonly Record<string, unknown>[]) => Promise<{ ms: number; deliveries: number }>;

async function timed(body: () => Promise<number>): Promise<{ ms: number; deliveries: number }> {
  const c = cpu();
  const deliveries = await body();
  return { ms: cpu() - c, deliveries };
}

async function runAll(t: Tree, scenarios: readonly unknown[]): Promise<number> {
  let deliveries = 0;
  for (const s of scenarios) deliveries += (await t.run(s)).facts.deliveries;
  return deliveries;
}

const factsOf = new Map<Tree, unknown[]>();
const PHASES: readonly (readonly [string, Phase])[] = [
  ['generate', (t) => timed(async () => (t.sample(), 0))],
  ['build world', (t, ss) => timed(() => runAll(t, ss.map((s) => ({ ...s, limits: { ...(s['limits'] as object), events: 0 } }))))],
  ['run, no requests', (t, ss) => timed(() => runAll(t, ss.map((s) => ({ ...s, requests: [] }))))],
  ['full run', (t, ss) => timed(async () => {
    const facts: unknown[] = [];
    let deliveries = 0;
    for (const s of ss) {
      const r = await t.run(s);
      facts.push(r.facts);
      deliveries += r.facts.deliveries;
    }
    factsOf.set(t, facts);
    return deliveries;
  })],
  ['judge', (t, ss) => timed(async () => (ss.forEach((s, i) => t.judge(s, factsOf.get(t)?.[i])), 0))],
  ['campaign (runChunk)', (t) => timed(async () => (await t.chunk()).deliveries)],
];

const trees: Tree[] = [];
for (const root of roots.length === 0 ? ['.'] : roots) trees.push(await tree(root));
const scenarios = trees[0]!.sample();
const rounds = flag('--rounds', 7);
// Phase by phase, the trees alternated round by round (the order swapped each round), and the
// median round kept: on a shared machine a burst of load then spoils a round, not a figure.
const rows: { name: string; us: number[]; deliveries: number[] }[] = [];
for (const [name, phase] of PHASES) {
  const ms = trees.map((): number[] => []);
  const deliveries = trees.map(() => 0);
  for (let r = 0; r <= rounds; r++) {
    for (const k of r % 2 === 0 ? trees.keys() : [...trees.keys()].reverse()) {
      const out = await phase(trees[k]!, scenarios);
      if (r > 0) ms[k]!.push(out.ms); // round 0 warms up
      deliveries[k] = out.deliveries;
    }
  }
  rows.push({ name, us: ms.map((m) => (median(m) * 1e3) / count), deliveries: deliveries.map((d) => d / count) });
}
console.log(`µs per run (median of ${rounds} rounds; deliveries per run in brackets), ${count} scenarios, n = ${sizes?.join(',') ?? 'default'}`);
console.log(`${''.padEnd(22)}${trees.map((t) => t.root.slice(-18).padStart(20)).join('')}`);
for (const r of rows) console.log(`${r.name.padEnd(22)}${r.us.map((u, k) => `${u.toFixed(1)}${r.deliveries[k] ? ` (${r.deliveries[k]!.toFixed(0)})` : ''}`.padStart(20)).join('')}`);
// The fixed cost as a line's intercept: a delivery's cost from the full runs against the runs with
// no requests (the same scenarios, so the same set-up), then what a campaign run costs beyond its deliveries.
const row = (name: string): { us: number[]; deliveries: number[] } => rows.find((r) => r.name === name) as { us: number[]; deliveries: number[] };
const [full, idle, campaign] = [row('full run'), row('run, no requests'), row('campaign (runChunk)')];
const perDelivery = trees.map((_, k) => (full.us[k]! - idle.us[k]!) / (full.deliveries[k]! - idle.deliveries[k]!));
console.log(`${'µs per delivery'.padEnd(22)}${perDelivery.map((d) => d.toFixed(2).padStart(20)).join('')}`);
console.log(`${'fixed µs per run'.padEnd(22)}${trees.map((_, k) => (campaign.us[k]! - perDelivery[k]! * campaign.deliveries[k]!).toFixed(0).padStart(20)).join('')}`);
