/**
 * What checking determinism on a sample of passing runs costs: the default campaign (pbft, every
 * strategy and property, cut into the CLI's chunks) with the sample on and off, alternated in one
 * process, timed in CPU seconds (user + system) so other load on the machine weighs less.
 * Usage: node --import tsx bench/determinism-sample.ts [runs=500] [seed=1] [reps=3]
 */
import { check } from '../src/check/driver.js';
import { DETERMINISM_FIRST_RUNS, DETERMINISM_PER_MILLE } from '../src/check/nondeterminism.js';
import { spaceFor } from '../src/check/space.js';
import { planChunks } from '../src/campaign/chunks.js';
import { ALL_ADVERSARIES, selectAdversaries, selectProperties } from '../src/cli/selection.js';
import { loadTarget } from '../src/cli/targets.js';

const [runs = 500, seed = 1, reps = 3] = process.argv.slice(2).map(Number);
const target = await loadTarget('pbft');
const properties = selectProperties(undefined);
const space = spaceFor(target, selectAdversaries(undefined), false, undefined, true);

async function campaign(determinism: boolean): Promise<{ cpu: number; runs: number }> {
  const start = process.cpuUsage();
  let done = 0;
  for (const chunk of planChunks(seed, runs)) {
    const r = await check({ target, adversaries: ALL_ADVERSARIES, space, properties, runs: chunk.runs, seed: chunk.seed, determinism });
    done += r.runs;
  }
  const used = process.cpuUsage(start);
  return { cpu: (used.user + used.system) / 1e6, runs: done };
}

await campaign(true); // warm-up: JIT and module loading
const on: number[] = [];
const off: number[] = [];
for (let i = 0; i < reps; i++) {
  off.push((await campaign(false)).cpu);
  on.push((await campaign(true)).cpu);
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const sampled = planChunks(seed, runs).reduce((n, c) => n + Math.min(c.runs, DETERMINISM_FIRST_RUNS), 0);
console.log(`determinism sample: first ${DETERMINISM_FIRST_RUNS} run(s) of each chunk + ${DETERMINISM_PER_MILLE}‰ by seed (≥ ${sampled} of ${runs} runs)`);
console.log(`off: ${off.map((s) => s.toFixed(2)).join(', ')} CPU s → median ${(runs / median(off)).toFixed(0)} runs/CPU-s`);
console.log(`on:  ${on.map((s) => s.toFixed(2)).join(', ')} CPU s → median ${(runs / median(on)).toFixed(0)} runs/CPU-s`);
console.log(`cost: ${((100 * (median(on) - median(off))) / median(off)).toFixed(1)} %`);

