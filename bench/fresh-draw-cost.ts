/**
 * What a guided campaign's fresh draws cost: scenarios generated per run used, beside the CPU per
 * run of the whole campaign, of its fresh draws (FreshDraws' methods, timed by wrapping its
 * prototype), and of generating one scenario by fast-check. Generated scenarios are counted by the
 * space's liveness bound, which scenarioArbitrary asks once per scenario and mutateScenario once
 * per mutant (so generated = asks − mutants). One chunk, this thread, every property on a correct
 * target, so every campaign runs its whole budget.
 *
 *   npx tsx bench/fresh-draw-cost.ts [--runs 500] [--seeds 2] [--targets pbft,modsmart]
 */
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { FreshDraws } from '../src/check/fresh-draws.js';
import { guidedCheck } from '../src/check/guided.js';
import { spaceFor } from '../src/check/space.js';
import { BUILTIN_REGISTRY } from '../src/cli/builtins.js';
import { selectAdversaries, selectProperties } from '../src/cli/selection.js';
import { loadTarget } from '../src/cli/targets.js';
import { scenarioArbitrary, type ScenarioSpace } from '../src/scenario/arbitrary.js';

const { values } = parseArgs({ options: { runs: { type: 'string' }, seeds: { type: 'string' }, targets: { type: 'string' } }, strict: true });
const runs = Number(values.runs ?? 500);
const seeds = Number(values.seeds ?? 2);
const targets = (values.targets ?? 'pbft,modsmart').split(',');

const cpuMs = (from: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};

let drawMs = 0;
for (const method of ['next', 'strategies'] as const) {
  const original = FreshDraws.prototype[method] as (...a: unknown[]) => unknown;
  (FreshDraws.prototype as unknown as Record<string, unknown>)[method] = function (this: FreshDraws, ...a: unknown[]) {
    const before = process.cpuUsage();
    try {
      return original.apply(this, a);
    } finally {
      drawMs += cpuMs(before);
    }
  };
}

console.log('| target | seed | runs | fresh | mutated | generated/run | fresh-draw CPU ms/run | campaign CPU ms/run | one scenario CPU ms |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const name of targets) {
  const target = await loadTarget(name);
  const base = spaceFor(target, selectAdversaries(undefined), false, target.clusterSizes ?? [4, 7], true);
  let asked = 0;
  const bound = base.livenessBoundMs;
  const space: ScenarioSpace = { ...base, livenessBoundMs: (n) => (asked++, bound?.(n) ?? 0) };
  const start = process.cpuUsage();
  const sampled = fc.sample(scenarioArbitrary(base), { seed: 1, numRuns: 500 }).length;
  const perScenario = cpuMs(start) / sampled;
  for (let seed = 1; seed <= seeds; seed++) {
    asked = 0;
    drawMs = 0;
    const before = process.cpuUsage();
    const result = await guidedCheck({ target, adversaries: BUILTIN_REGISTRY.adversaries, space, properties: selectProperties(undefined), runs, seed });
    const per = (x: number): string => (x / result.runs).toFixed(2);
    const generated = asked - result.search.mutated;
    console.log(`| ${name} | ${seed} | ${result.runs} | ${result.search.fresh} | ${result.search.mutated} | ${per(generated)} | ${per(drawMs)} | ${per(cpuMs(before))} | ${perScenario.toFixed(3)} |`);
  }
}
