/**
 * Compares two built checkouts of byzcheck in one process, for a change's before/after figures on a
 * shared machine. Build the old tree first, e.g.
 *   mkdir /tmp/old && git archive HEAD~3 | tar -x -C /tmp/old && ln -s "$PWD/node_modules" /tmp/old/ && (cd /tmp/old && npm run build)
 * then (both trees need a fresh dist/: `npm run build`):
 *   node --max-semi-space-size=64 --import tsx bench/compare-trees.ts speed /tmp/old . [--runs 1000] [--n 4]
 *     the CLI's campaign (`run --target pbft --seed 1 --workers 1`, chunk by chunk), each chunk run by
 *     one tree then the other (the order swapped every chunk): runs per CPU second and µs per delivery;
 *     [--target <name or file> --lanes k --seed s] for a subprocess target: wall, Node and children CPU
 *   node --import tsx bench/compare-trees.ts traces /tmp/old . [--scenarios 40]
 *     one hash per target (pbft, pbft-small-window, modsmart, every zoo variant) over the trace
 *     hashes of generated scenarios: a speed change must leave every one identical.
 *   node --import tsx bench/compare-trees.ts scenarios /tmp/old . --target <name or file> [--n 4] [--scenarios 40] [--seed 7] [--to-the-bound]
 *     the same generated scenarios (every strategy) by each tree in turn, scenario by scenario: Node
 *     and children CPU per run, and each scenario's trace hash compared between the trees (runs end
 *     once settled, as `byzcheck run` ends them, unless --to-the-bound).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

type Module = Record<string, (...args: never[]) => unknown>;

async function load(root: string, file: string): Promise<Module> {
  return (await import(pathToFileURL(resolve(root, 'dist', file)).href)) as Module;
}

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
}

function textFlag(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : (process.argv[i + 1] ?? fallback);
}

interface ChunkOutcome { runs: number; deliveries: number; counterexample: unknown }

/** CPU ms of the live children of this process (from /proc, 10 ms ticks), by the pids a tree's registry lists. */
function childCpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] as string).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks * 10;
}

/** The same campaign by each tree, chunk by chunk in turn; outcomes must agree chunk for chunk. */
async function speed(roots: readonly string[]): Promise<void> {
  const runs = flag('--runs', 1000);
  const lanes = flag('--lanes', 1);
  const target = textFlag('--target', 'pbft');
  const n = process.argv.includes('--n') ? [flag('--n', 4)] : undefined;
  const trees = await Promise.all(roots.map(async (root) => ({ root, chunks: await load(root, 'src/campaign/chunks.js'), run: await load(root, 'src/campaign/run-chunk.js'), sub: await load(root, 'src/adapter/subprocess/index.js') })));
  (await load(roots[roots.length - 1] as string, 'src/campaign/gc-tuning.js'))['tuneGarbageCollection']?.();
  const spec = { target, adversaries: null, properties: null, beyondF: false, seed: flag('--seed', 1), runs, endWhenSettled: true, ...(n === undefined ? {} : { clusterSizes: n }) };
  const chunks = (trees[0]?.chunks['planChunks'] as unknown as (seed: number, runs: number) => readonly unknown[])(spec.seed, runs);
  const runChunk = (k: number, chunk: unknown) => (trees[k]?.run['runChunk'] as unknown as (s: unknown, c: unknown, o: unknown) => Promise<ChunkOutcome>)(spec, chunk, { lanes });
  const pids = (k: number): number[] => (trees[k]?.sub['liveChildPids'] as unknown as () => number[])();
  for (let k = 0; k < trees.length; k++) await runChunk(k, chunks[0]); // load the target, warm the JIT
  const t = trees.map(() => ({ cpu: 0, child: 0, wall: 0, deliveries: 0, runs: 0 }));
  for (const [i, chunk] of chunks.entries()) {
    const outcome: string[] = [];
    for (const k of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const tk = t[k] as (typeof t)[number];
      const ch0 = childCpuMs(pids(k));
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      const r = await runChunk(k, chunk);
      tk.wall += (performance.now() - w0) / 1e3;
      const c = process.cpuUsage(c0);
      tk.cpu += (c.user + c.system) / 1e6;
      tk.child += (childCpuMs(pids(k)) - ch0) / 1e3;
      tk.deliveries += r.deliveries;
      tk.runs += r.runs;
      outcome[k] = `${r.runs} runs, ${r.deliveries} deliveries, ${r.counterexample === null ? 'clean' : 'counterexample'}`;
    }
    if (outcome[0] !== outcome[1]) console.log(`chunk ${i} DIFFERS: ${outcome[0]} vs ${outcome[1]}`);
  }
  const load1 = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  trees.forEach((tree, k) => {
    const x = t[k] as (typeof t)[number];
    console.log(`${tree.root}: ${x.runs} runs, ${x.deliveries} deliveries, wall ${x.wall.toFixed(2)} s (${(x.runs / x.wall).toFixed(1)} runs/s), Node CPU ${x.cpu.toFixed(2)} s (${(x.runs / x.cpu).toFixed(0)} runs/CPU-s, ${((x.cpu * 1e6) / x.deliveries).toFixed(3)} µs/delivery), children CPU ${x.child.toFixed(2)} s`);
  });
  const [a, b] = t as [(typeof t)[number], (typeof t)[number]];
  console.log(`second ÷ first: Node CPU speed ${(a.cpu / b.cpu).toFixed(3)}×, Node+children CPU ${((a.cpu + a.child) / (b.cpu + b.child)).toFixed(3)}×, wall ${(a.wall / b.wall).toFixed(3)}× (target ${target}, ${lanes} lane(s), load ${load1})`);
  await Promise.all(trees.map((tree) => (tree.sub['closeAllChildren'] as unknown as () => Promise<void>)()));
}

async function traceHashes(root: string, count: number): Promise<Map<string, string>> {
  const fc = (await import('fast-check')).default;
  const [targets, runner, space, arbitrary, hash, builtins, selection] = await Promise.all(
    ['src/cli/targets.js', 'src/check/run-scenario.js', 'src/check/space.js', 'src/scenario/arbitrary.js', 'src/check/trace-hash.js', 'src/cli/builtins.js', 'src/cli/selection.js'].map((f) => load(root, f)),
  ) as Module[];
  const registry = (builtins as unknown as { BUILTIN_REGISTRY: { adversaries: unknown } }).BUILTIN_REGISTRY;
  const names = ['pbft', 'pbft-small-window', 'modsmart', ...readdirSync(resolve(root, 'targets/zoo')).filter((d) => !d.includes('.')).map((d) => `zoo/${d}`)];
  const out = new Map<string, string>();
  for (const name of names) {
    const target = await (targets?.['loadTarget'] as unknown as (n: string, o: object) => Promise<unknown>)(name, {});
    const adversaries = (selection?.['selectAdversaries'] as unknown as (a: undefined, r: unknown) => unknown)(undefined, registry);
    const arb = (arbitrary?.['scenarioArbitrary'] as unknown as (s: unknown) => never)((space?.['spaceFor'] as unknown as (...a: unknown[]) => unknown)(target, adversaries, false, undefined, true));
    const h = createHash('sha256');
    for (const s of fc.sample(arb, { seed: 99, numRuns: count })) {
      const run = await (runner?.['runScenario'] as unknown as (s: unknown, c: unknown, t: boolean) => Promise<{ trace: unknown[] | null }>)(s, { target, adversaries: registry.adversaries }, true);
      h.update((hash?.['traceHash'] as unknown as (t: unknown[]) => string)(run.trace ?? []));
    }
    out.set(name, h.digest('hex').slice(0, 16));
  }
  return out;
}

/**
 * The same generated scenarios run by each tree in turn, scenario by scenario (order swapped each
 * time), on one target: Node and children CPU per run of each, and every trace hash compared.
 */
async function scenarios(roots: readonly string[]): Promise<void> {
  const count = flag('--scenarios', 40);
  const target = textFlag('--target', 'pbft');
  const n = process.argv.includes('--n') ? [flag('--n', 4)] : undefined;
  const fc = (await import('fast-check')).default;
  const trees = await Promise.all(roots.map(async (root) => {
    const [targets, runner, space, arbitrary, hash, builtins, selection, sub] = await Promise.all(
      ['src/cli/targets.js', 'src/check/run-scenario.js', 'src/check/space.js', 'src/scenario/arbitrary.js', 'src/check/trace-hash.js', 'src/cli/builtins.js', 'src/cli/selection.js', 'src/adapter/subprocess/index.js'].map((f) => load(root, f)),
    ) as Module[];
    const registry = (builtins as unknown as { BUILTIN_REGISTRY: { adversaries: unknown } }).BUILTIN_REGISTRY;
    const loaded = await (targets?.['loadTarget'] as unknown as (n: string, o: object) => Promise<unknown>)(target, {});
    const adversaries = (selection?.['selectAdversaries'] as unknown as (a: undefined, r: unknown) => unknown)(undefined, registry);
    const arb = (arbitrary?.['scenarioArbitrary'] as unknown as (s: unknown) => never)((space?.['spaceFor'] as unknown as (...a: unknown[]) => unknown)(loaded, adversaries, false, n, true));
    const run = async (scenario: unknown): Promise<{ hash: string; deliveries: number }> => {
      const r = await (runner?.['runScenarioChecked'] as unknown as (s: unknown, c: unknown, t: boolean) => Promise<{ trace: unknown[] | null; facts: { deliveries: number } }>)(scenario, { target: loaded, adversaries: registry.adversaries, endWhenSettled: !process.argv.includes('--to-the-bound') }, true);
      return { hash: (hash?.['traceHash'] as unknown as (t: unknown[]) => string)(r.trace ?? []), deliveries: r.facts.deliveries };
    };
    return { root, arb, run, pids: () => (sub?.['liveChildPids'] as unknown as () => number[])(), close: () => (sub?.['closeAllChildren'] as unknown as () => Promise<void>)() };
  }));
  const sample = fc.sample((trees[0] as (typeof trees)[number]).arb, { seed: flag('--seed', 7), numRuns: count }) as unknown[];
  for (const tree of trees) await tree.run(sample[0]); // spawn, greet, warm up
  const t = trees.map(() => ({ cpu: 0, child: 0, wall: 0, deliveries: 0 }));
  const wallRatios: number[] = [];
  let differ = 0;
  for (const [i, scenario] of sample.entries()) {
    const hashes: string[] = [];
    const walls: number[] = [];
    for (const k of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const tree = trees[k] as (typeof trees)[number];
      const tk = t[k] as (typeof t)[number];
      const ch0 = childCpuMs(tree.pids());
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      const r = await tree.run(scenario);
      walls[k] = performance.now() - w0;
      tk.wall += (walls[k] as number) / 1e3;
      const c = process.cpuUsage(c0);
      tk.cpu += (c.user + c.system) / 1e6;
      tk.child += (childCpuMs(tree.pids()) - ch0) / 1e3;
      tk.deliveries += r.deliveries;
      hashes[k] = r.hash;
    }
    if (hashes[0] !== hashes[1]) differ++;
    wallRatios.push((walls[0] as number) / (walls[1] as number));
  }
  const load1 = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  trees.forEach((tree, k) => {
    const x = t[k] as (typeof t)[number];
    console.log(`${tree.root}: ${count} runs, ${x.deliveries} deliveries, wall ${x.wall.toFixed(1)} s, Node CPU ${x.cpu.toFixed(2)} s (${((x.cpu * 1e3) / count).toFixed(1)} ms/run), children CPU ${x.child.toFixed(2)} s (${((x.child * 1e3) / count).toFixed(1)} ms/run)`);
  });
  const [a, b] = t as [(typeof t)[number], (typeof t)[number]];
  const sorted = [...wallRatios].sort((x, y) => x - y);
  console.log(`second ÷ first speed: wall ${(a.wall / b.wall).toFixed(3)}× (median per scenario ${(sorted[sorted.length >> 1] as number).toFixed(3)}×), Node CPU ${(a.cpu / b.cpu).toFixed(3)}×, Node+children CPU ${((a.cpu + a.child) / (b.cpu + b.child)).toFixed(3)}× (target ${target}, load ${load1}); trace hashes: ${differ === 0 ? `all ${count} identical` : `${differ} of ${count} DIFFER`}`);
  process.exitCode = differ === 0 ? 0 : 1;
  await Promise.all(trees.map((tree) => tree.close()));
}

async function traces(roots: readonly string[]): Promise<void> {
  const count = flag('--scenarios', 40);
  const [a, b] = [await traceHashes(roots[0] as string, count), await traceHashes(roots[1] as string, count)];
  let differ = 0;
  for (const [name, hash] of a) {
    const same = b.get(name) === hash;
    if (!same) differ++;
    console.log(`${name.padEnd(45)} ${hash} ${same ? 'same' : `DIFFERENT (${b.get(name) ?? 'missing'})`}`);
  }
  console.log(differ === 0 ? `every trace identical (${a.size} targets × ${count} scenarios)` : `${differ} target(s) differ`);
  process.exitCode = differ === 0 ? 0 : 1;
}

const [mode, first, second] = process.argv.slice(2);
if ((mode !== 'speed' && mode !== 'traces' && mode !== 'scenarios') || first === undefined || second === undefined) {
  console.error('usage: bench/compare-trees.ts speed|traces|scenarios <old checkout> <new checkout> [--runs N] [--n 4] [--target T] [--lanes k] [--seed s] [--scenarios N]');
  process.exitCode = 2;
} else if (mode === 'speed') await speed([first, second]);
else if (mode === 'scenarios') await scenarios([first, second]);
else await traces([first, second]);
