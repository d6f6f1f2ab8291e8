/**
 * What checking determinism on a sample of passing runs costs on the default campaign (pbft, every
 * strategy and property, cut into the CLI's chunks). Two measures:
 *  1. exact: the campaign's scenarios (fast-check's sample from each chunk seed is what `check()`
 *     runs), which of them are sampled, and per sampled run the CPU time of its two traced runs
 *     against the fast run it replaces, over the CPU time of every fast run;
 *  2. end to end: the whole campaign with the sample on and off, alternated in one process.
 * CPU seconds (user + system), so other load on the machine weighs less than in wall time.
 * Usage: node --import tsx bench/determinism-sample.ts [runs=500] [seed=1] [reps=3]
 */
import fc from 'fast-check';
import { check } from '../src/check/driver.js';
import { DETERMINISM_FIRST_RUNS, DETERMINISM_PER_MILLE, sampledForDeterminism } from '../src/check/nondeterminism.js';
import { runScenarioChecked, type RunContext } from '../src/check/run-scenario.js';
import { spaceFor } from '../src/check/space.js';
import { judge } from '../src/check/verdict.js';
import { planChunks } from '../src/campaign/chunks.js';
import { ALL_ADVERSARIES, selectAdversaries, selectProperties } from '../src/cli/selection.js';
import { loadTarget } from '../src/cli/targets.js';
import { scenarioArbitrary } from '../src/scenario/arbitrary.js';
import type { Scenario } from '../src/scenario/types.js';

const [runs = 500, seed = 1, reps = 3] = process.argv.slice(2).map(Number);
const target = await loadTarget('pbft');
const properties = selectProperties(undefined);
const space = spaceFor(target, selectAdversaries(undefined), false, undefined, true);
const context: RunContext & { properties: typeof properties } = { target, adversaries: ALL_ADVERSARIES, properties };

async function cpu(work: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  await work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

async function exact(): Promise<void> {
  let fast = 0;
  let extra = 0;
  let sampled = 0;
  for (const chunk of planChunks(seed, runs)) {
    const scenarios: Scenario[] = fc.sample(scenarioArbitrary(space), { seed: chunk.seed, numRuns: chunk.runs });
    for (const [i, scenario] of scenarios.entries()) {
      const f = await cpu(async () => judge(scenario, (await runScenarioChecked(scenario, context)).facts, properties));
      fast += f;
      if (!sampledForDeterminism(i + 1, scenario)) continue;
      sampled++;
      const t = await cpu(async () => {
        judge(scenario, (await runScenarioChecked(scenario, context, true)).facts, properties);
        await runScenarioChecked(scenario, context, true);
      });
      extra += t - f;
    }
  }
  console.log(`sampled ${sampled} of ${runs} runs (first ${DETERMINISM_FIRST_RUNS} of each chunk + ${DETERMINISM_PER_MILLE}‰ by seed)`);
  console.log(`exact: fast runs ${fast.toFixed(2)} CPU s, extra for the sample ${extra.toFixed(2)} CPU s → cost ${((100 * extra) / fast).toFixed(1)} %`);
}

async function campaign(determinism: boolean): Promise<number> {
  return cpu(async () => {
    for (const chunk of planChunks(seed, runs)) await check({ ...context, space, runs: chunk.runs, seed: chunk.seed, determinism });
  });
}

async function endToEnd(): Promise<void> {
  await campaign(true); // warm-up: JIT and module loading
  const on: number[] = [];
  const off: number[] = [];
  for (let i = 0; i < reps; i++) {
    off.push(await campaign(false));
    on.push(await campaign(true));
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  console.log(`end to end off: ${off.map((s) => s.toFixed(2)).join(', ')} CPU s → median ${(runs / median(off)).toFixed(0)} runs/CPU-s`);
  console.log(`end to end on:  ${on.map((s) => s.toFixed(2)).join(', ')} CPU s → median ${(runs / median(on)).toFixed(0)} runs/CPU-s`);
  console.log(`end to end cost: ${((100 * (median(on) - median(off))) / median(off)).toFixed(1)} %`);
}

await exact();
await exact();
if (reps > 0) await endToEnd();
