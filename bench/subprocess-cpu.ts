/**
 * CPU per subprocess step, Node's and the child's, on seed 002's Python replica (one hosting child,
 * one lane): the figure to compare between two trees by running this in each, alternated, since
 * CPU per step moves far less with the machine's load than wall time does.
 *
 *   npx tsx bench/subprocess-cpu.ts [scenarios = 40] [reps = 3]
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import type { Target } from '../src/adapter/contract.js';
import { wireStats } from '../src/adapter/subprocess/child.js';
import { closeAllChildren } from '../src/adapter/subprocess/index.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { spaceFor } from '../src/check/space.js';
import { ALL_ADVERSARIES } from '../src/cli/selection.js';
import { scenarioArbitrary } from '../src/scenario/arbitrary.js';
import seed002 from '../targets/seed002/index.js';
import { seed002PythonTarget } from '../targets/seed002-python/index.js';
import { median } from './stats.js';
import { childCpuMs } from './child-cpu.js';

const count = Number(process.argv[2] ?? 40);
const reps = Number(process.argv[3] ?? 3);
const scenarios = fc.sample(scenarioArbitrary(spaceFor(seed002 as Target<unknown>, [], false)), { seed: 7, numRuns: count });
const target = seed002PythonTarget();
await target.probe();
for (const s of scenarios.slice(0, 2)) await runScenarioChecked(s, { target, adversaries: ALL_ADVERSARIES });
const node: number[] = [];
const child: number[] = [];
const wall: number[] = [];
for (let r = 0; r < reps; r++) {
  const steps = wireStats.steps;
  const childBefore = childCpuMs();
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const s of scenarios) await runScenarioChecked(s, { target, adversaries: ALL_ADVERSARIES });
  const used = process.cpuUsage(cpu);
  const n = wireStats.steps - steps;
  node.push((used.user + used.system) / n);
  child.push((childCpuMs() - childBefore) * 1000 / n);
  wall.push((performance.now() - started) * 1000 / n);
}
const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
console.log(`seed002-python, hosted, ${count} scenarios, median of ${reps}: Node CPU ${median(node).toFixed(1)} µs/step, child CPU ${median(child).toFixed(1)} µs/step, wall ${median(wall).toFixed(1)} µs/step (load ${load})`);
target.close();
await closeAllChildren();
