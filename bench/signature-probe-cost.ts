/**
 * What the behaviour-signature probe costs a run: the default campaign's scenarios (pbft, every
 * strategy and property, n ∈ {4, 7, 10}) run with and without a probe, alternated scenario by
 * scenario in one process, CPU seconds summed per mode (features read after each probed run).
 * Usage: node --import tsx bench/signature-probe-cost.ts [runs=400] [seed=1] [target=pbft]
 */
import fc from 'fast-check';
import { runScenarioChecked, type RunContext } from '../src/check/run-scenario.js';
import { BehaviourProbe } from '../src/check/signature.js';
import { spaceFor } from '../src/check/space.js';
import { ALL_ADVERSARIES, selectAdversaries, selectProperties } from '../src/cli/selection.js';
import { loadTarget } from '../src/cli/targets.js';
import { scenarioArbitrary } from '../src/scenario/arbitrary.js';
import type { Scenario } from '../src/scenario/types.js';

const argv = process.argv.slice(2);
const runs = Number(argv[0] ?? 400);
const seed = Number(argv[1] ?? 1);
const target = await loadTarget(argv[2] ?? 'pbft');
const properties = selectProperties(undefined);
const space = spaceFor(target, selectAdversaries(undefined), false, undefined, true);
const context: RunContext = { target, adversaries: ALL_ADVERSARIES, properties };
const scenarios: Scenario[] = fc.sample(scenarioArbitrary(space), { seed, numRuns: runs });

function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

const spent = { plain: 0, probed: 0 };
let features = 0;
for (let rep = 0; rep < 4; rep++) {
  for (const [i, scenario] of scenarios.entries()) {
    // Alternate which mode goes first, so warm-up and GC fall on both alike.
    for (const probed of (i + rep) % 2 === 0 ? [false, true] : [true, false]) {
      const start = cpuNow();
      if (probed) {
        const probe = new BehaviourProbe(target.codec);
        const { facts } = await runScenarioChecked(scenario, context, false, probe);
        features += probe.features(facts).length;
        spent.probed += cpuNow() - start;
      } else {
        await runScenarioChecked(scenario, context, false);
        spent.plain += cpuNow() - start;
      }
    }
  }
}
console.log(`${runs} scenarios × 4 reps: plain ${spent.plain.toFixed(2)} CPU s, probed ${spent.probed.toFixed(2)} CPU s → probe cost ${((100 * (spent.probed - spent.plain)) / spent.plain).toFixed(1)} % (${features} features read)`);
