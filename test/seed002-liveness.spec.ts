import { afterAll, describe, expect, it } from 'vitest';
import type { Target } from '../src/adapter/contract.js';
import { closeAllChildren } from '../src/adapter/subprocess/index.js';
import { check } from '../src/check/driver.js';
import { spaceFor } from '../src/check/space.js';
import { PROPERTIES } from '../properties/index.js';
import seed002 from '../targets/seed002/index.js';
import seed002Python from '../targets/seed002-python/index.js';
import { ADVERSARY_MAP } from './fixtures/world-kit.js';

afterAll(closeAllChildren);

/** A small fixed-seed campaign against `target` with faulty replicas drawn from `adversaries`. */
function campaign(target: Target<unknown>, adversaries: readonly string[], runs: number) {
  const chosen = adversaries.map((name) => ADVERSARY_MAP.get(name)).filter((a) => a !== undefined);
  return check({ target, adversaries: ADVERSARY_MAP, space: spaceFor(target, chosen, false), properties: PROPERTIES, runs, seed: 1 });
}

const TARGETS: readonly [string, Target<unknown>, number][] = [['seed002', seed002 as Target<unknown>, 200], ['seed002-python', seed002Python, 8]];

describe.each(TARGETS)('%s: no view change, so a faulty primary stops progress with ≤ f faults', (_name, target, honestRuns) => {
  it.each(['crash', 'silent', 'seed002-faulty'])('a campaign with %s replicas finds a liveness violation whose premise held, at a faulty primary', async (adversary) => {
    const result = await campaign(target, [adversary], 40);
    const cx = result.counterexample;
    expect(cx).not.toBeNull();
    const liveness = cx?.verdict.violations.filter((v) => v.property === 'liveness') ?? [];
    expect(liveness.length).toBeGreaterThan(0);
    expect(liveness[0]?.message).toMatch(/was not executed by replicas? [\d, ]+ by \d+ ms = .*premise held: 1 faulty ≤ f = 1, network reliable after GST/);
    // Only safety-free evidence: the replicas stay consistent, they just stop.
    expect(cx?.verdict.violations.every((v) => v.property === 'liveness')).toBe(true);
    expect(cx?.scenario.byzantine.map((b) => b.node)).toEqual([0]);
    expect(cx?.reproducible).toBe(true);
  });

  it('with no faulty replicas, a campaign over lossy, partitioned networks finds no violation', async () => {
    const result = await campaign(target, [], honestRuns);
    expect(result.runs).toBe(honestRuns);
    expect(result.counterexample).toBeNull();
    expect(result.stats).toBeDefined();
  });
});
