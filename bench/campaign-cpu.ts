/**
 * One built checkout's default campaign in this process, chunk by chunk as the CLI runs it with one
 * worker, for a CPU profile of where a campaign's time goes (bench/profile-split.ts reads it):
 *   npm run build && node --max-semi-space-size=64 --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/campaign-cpu.ts . [--runs 1000] [--n 4]
 * Prints runs per CPU second and µs per delivery. The first chunk runs once before the count, so
 * module loading and JIT warm-up stay out of the figures (not out of the profile).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

type Module = Record<string, (...args: never[]) => unknown>;

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
}

const root = process.argv[2] ?? '.';
const load = async (file: string): Promise<Module> => (await import(pathToFileURL(resolve(root, 'dist', file)).href)) as Module;
const [chunks, run, gc] = await Promise.all(['src/campaign/chunks.js', 'src/campaign/run-chunk.js', 'src/campaign/gc-tuning.js'].map(load)) as Module[];
gc?.['tuneGarbageCollection']?.();
const runs = flag('--runs', 1000);
const spec = { target: 'pbft', adversaries: null, properties: null, beyondF: false, seed: 1, runs, endWhenSettled: true, ...(process.argv.includes('--n') ? { clusterSizes: [flag('--n', 4)] } : {}) };
const plan = (chunks?.['planChunks'] as unknown as (seed: number, runs: number) => readonly unknown[])(1, runs);
const runChunk = run?.['runChunk'] as unknown as (s: unknown, c: unknown) => Promise<{ runs: number; deliveries: number }>;
await runChunk(spec, plan[0]);
const start = process.cpuUsage();
let done = 0;
let deliveries = 0;
for (const chunk of plan) {
  const r = await runChunk(spec, chunk);
  done += r.runs;
  deliveries += r.deliveries;
}
const used = process.cpuUsage(start);
const seconds = (used.user + used.system) / 1e6;
console.log(`${root}: ${done} runs, ${deliveries} deliveries, ${seconds.toFixed(2)} CPU s, ${(done / seconds).toFixed(0)} runs/CPU-s, ${((seconds * 1e6) / deliveries).toFixed(3)} µs/delivery`);
