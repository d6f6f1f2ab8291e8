import { afterAll, describe, expect, it } from 'vitest';
import { closeAllChildren } from '../src/adapter/subprocess/index.js';
import { checkDeterminism, NONDETERMINISM } from '../src/check/nondeterminism.js';
import seed002Python from '../targets/seed002-python/index.js';
import { baseScenario, contextFor } from './fixtures/world-kit.js';
import { childTarget } from './fixtures/subprocess/kit.js';

afterAll(closeAllChildren);

const SCENARIO = baseScenario({ requests: [{ client: 0, atMs: 0, operation: 'put a 1' }], seed: 9 });

describe('a nondeterministic replica is detected by running the scenario twice', () => {
  it("a child using Python's unseeded random gives a determinism finding naming the first differing event", async () => {
    const finding = await checkDeterminism(SCENARIO, contextFor(childTarget('random')));
    expect(finding).not.toBeNull();
    expect(finding?.property).toBe(NONDETERMINISM);
    expect(finding?.message).toMatch(/target 'test-child-random' is nondeterministic: the same scenario run twice gave different traces/);
    expect(finding?.message).toMatch(/first difference at trace event \d+: \{.*"kind":"log".*lucky number/);
    expect(finding?.values[0]).not.toBe(finding?.values[1]);
  });

  it('the seed-002 Python replica, reused across both runs, is deterministic', async () => {
    expect(await checkDeterminism(SCENARIO, contextFor(seed002Python))).toBeNull();
  });
});
