/**
 * The CLI's campaign (`run --target pbft --seed 1 --workers 1`, chunk by chunk) with runs ended once
 * settled (src/sim/settle-watch.ts) and without, in one process, each chunk run both ways (the order
 * swapped every chunk): runs per CPU second and deliveries, and the ratio.
 *   nice node --max-semi-space-size=64 --import tsx bench/settle-speed.ts [--runs 1000] [--n 4] [--target pbft]
 */
import { loadavg } from 'node:os';
import { planChunks } from '../src/campaign/chunks.js';
import { tuneGarbageCollection } from '../src/campaign/gc-tuning.js';
import { runChunk } from '../src/campaign/run-chunk.js';
import type { CampaignSpec } from '../src/campaign/spec.js';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : (process.argv[i + 1] ?? fallback);
}

tuneGarbageCollection();
const runs = Number(flag('--runs', '1000'));
const base: CampaignSpec = {
  target: flag('--target', 'pbft'), adversaries: null, properties: null, beyondF: false, seed: 1, runs,
  ...(process.argv.includes('--n') ? { clusterSizes: [Number(flag('--n', '4'))] } : {}),
};
const specs: readonly CampaignSpec[] = [base, { ...base, endWhenSettled: true }];
const chunks = planChunks(1, runs);
for (const spec of specs) if (chunks[0] !== undefined) await runChunk(spec, chunks[0]); // load the target, warm the JIT
const cpu = [0, 0];
const deliveries = [0, 0];
const done = [0, 0];
for (const [i, chunk] of chunks.entries()) {
  for (const k of i % 2 === 0 ? [0, 1] : [1, 0]) {
    const c0 = process.cpuUsage();
    const r = await runChunk(specs[k] as CampaignSpec, chunk);
    const c = process.cpuUsage(c0);
    cpu[k] = (cpu[k] as number) + (c.user + c.system) / 1e6;
    deliveries[k] = (deliveries[k] as number) + r.deliveries;
    done[k] = (done[k] as number) + r.runs;
  }
}
['to the limit', 'ended settled'].forEach((name, k) => console.log(`${name}: ${done[k]} runs, ${deliveries[k]} deliveries, ${(cpu[k] as number).toFixed(2)} CPU s, ${((done[k] as number) / (cpu[k] as number)).toFixed(0)} runs/CPU-s`));
console.log(`settled ÷ to the limit, runs per CPU s: ${((cpu[0] as number) / (cpu[1] as number)).toFixed(3)}× (load ${loadavg()[0]?.toFixed(1)})`);
