/**
 * Compares two built checkouts of byzcheck in one process, for a change's before/after figures on a
 * shared machine. Build the old tree first, e.g.
 *   mkdir /tmp/old && git archive HEAD~3 | tar -x -C /tmp/old && ln -s "$PWD/node_modules" /tmp/old/ && (cd /tmp/old && npm run build)
 * then (both trees need a fresh dist/: `npm run build`):
 *   node --max-semi-space-size=64 --import tsx bench/compare-trees.ts speed /tmp/old . [--runs 1000] [--n 4]
 *     the CLI's campaign (`run --target pbft --seed 1 --workers 1`, chunk by chunk), each chunk run by
 *     one tree then the other (the order swapped every chunk): runs per CPU second and µs per delivery
 *   node --import tsx bench/compare-trees.ts traces /tmp/old . [--scenarios 40]
 *     one hash per target (pbft, pbft-small-window, modsmart, every zoo variant) over the trace
 *     hashes of generated scenarios: a speed change must leave every one identical.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
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

interface ChunkOutcome { runs: number; deliveries: number; counterexample: unknown }

async function speed(roots: readonly string[]): Promise<void> {
  const runs = flag('--runs', 1000);
  const n = process.argv.includes('--n') ? [flag('--n', 4)] : undefined;
  const trees = await Promise.all(roots.map(async (root) => ({ root, chunks: await load(root, 'src/campaign/chunks.js'), run: await load(root, 'src/campaign/run-chunk.js') })));
  (await load(roots[roots.length - 1] as string, 'src/campaign/gc-tuning.js'))['tuneGarbageCollection']?.();
  const spec = { target: 'pbft', adversaries: null, properties: null, beyondF: false, seed: 1, runs, ...(n === undefined ? {} : { clusterSizes: n }) };
  const chunks = (trees[0]?.chunks['planChunks'] as unknown as (seed: number, runs: number) => readonly unknown[])(1, runs);
  const runChunk = (k: number, chunk: unknown) => (trees[k]?.run['runChunk'] as unknown as (s: unknown, c: unknown) => Promise<ChunkOutcome>)(spec, chunk);
  for (let k = 0; k < trees.length; k++) await runChunk(k, chunks[0]); // load the target, warm the JIT
  const cpu = trees.map(() => 0);
  const deliveries = trees.map(() => 0);
  const done = trees.map(() => 0);
  for (const [i, chunk] of chunks.entries()) {
    for (const k of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const c0 = process.cpuUsage();
      const r = await runChunk(k, chunk);
      const c = process.cpuUsage(c0);
      cpu[k] = (cpu[k] as number) + (c.user + c.system) / 1e6;
      deliveries[k] = (deliveries[k] as number) + r.deliveries;
      done[k] = (done[k] as number) + r.runs;
    }
  }
  trees.forEach((t, k) => console.log(`${t.root}: ${done[k]} runs, ${deliveries[k]} deliveries, ${(cpu[k] as number).toFixed(2)} CPU s, ${((done[k] as number) / (cpu[k] as number)).toFixed(0)} runs/CPU-s, ${(((cpu[k] as number) * 1e6) / (deliveries[k] as number)).toFixed(3)} µs/delivery`));
  console.log(`second ÷ first speed: ${((cpu[0] as number) / (cpu[1] as number)).toFixed(3)}×`);
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
if ((mode !== 'speed' && mode !== 'traces') || first === undefined || second === undefined) {
  console.error('usage: bench/compare-trees.ts speed|traces <old checkout> <new checkout> [--runs N] [--n 4] [--scenarios N]');
  process.exitCode = 2;
} else if (mode === 'speed') await speed([first, second]);
else await traces([first, second]);
