import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Target } from '../src/adapter/contract.js';
import { wireStats } from '../src/adapter/subprocess/child.js';
import { closeAllChildren, type SubprocessTarget } from '../src/adapter/subprocess/index.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { spaceFor } from '../src/check/space.js';
import { traceHash } from '../src/check/trace-hash.js';
import { scenarioArbitrary } from '../src/scenario/arbitrary.js';
import type { Scenario } from '../src/scenario/types.js';
import seed002 from '../targets/seed002/index.js';
import { seed002PythonTarget } from '../targets/seed002-python/index.js';
import { contextFor } from './fixtures/world-kit.js';

afterAll(closeAllChildren);

/** Each run's stop reason, trace hash and facts, and how many of the steps were handed over at once. */
async function runs(target: Target<unknown>, list: readonly Scenario[]): Promise<{ outcomes: string[]; steps: number; atOnce: number }> {
  const before = { ...wireStats };
  const outcomes: string[] = [];
  for (const s of list) {
    const run = await runScenarioChecked(s, contextFor(target), true);
    outcomes.push(`${run.facts.stopReason} ${traceHash(run.trace ?? [])} ${JSON.stringify(run.facts)}`);
  }
  return { outcomes, steps: wireStats.steps - before.steps, atOnce: wireStats.handedAtOnce - before.handedAtOnce };
}

async function probed(target: SubprocessTarget): Promise<SubprocessTarget> {
  await target.probe();
  return target;
}

describe('a step the child answered before the World asked is handed over at once', () => {
  it('seed-002 in Python: most steps skip the wait, hosted or not, and the traces and facts stay those in process', async () => {
    const list = fc.sample(scenarioArbitrary(spaceFor(seed002 as Target<unknown>, [], false)), { seed: 31, numRuns: 4 });
    const inProcess = await runs(seed002 as Target<unknown>, list);
    for (const target of [await probed(seed002PythonTarget()), seed002PythonTarget({ hosting: 'own' })]) {
      const child = await runs(target, list);
      expect(child.outcomes).toEqual(inProcess.outcomes);
      // Written ahead, nearly every answer is in before its turn; a regression to a promise per step shows here.
      expect(child.atOnce).toBeGreaterThan(child.steps / 2);
      target.close();
    }
    // With nothing written ahead, no answer can be in before its step: every step goes the long way.
    const off = await runs(seed002PythonTarget({ pipelining: 'off' }), list);
    expect(off.outcomes).toEqual(inProcess.outcomes);
    expect(off.atOnce).toBe(0);
  }, 180_000);
});
