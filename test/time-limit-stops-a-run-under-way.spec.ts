import { describe, expect, it } from 'vitest';
import type { Target } from '../src/adapter/contract.js';
import { replicaContract } from '../properties/replica-contract.js';
import { check } from '../src/check/driver.js';
import { spaceFor } from '../src/check/space.js';
import { ADVERSARY_MAP, baseScenario, contextFor } from './fixtures/world-kit.js';
import { runScenario } from '../src/check/run-scenario.js';

// `run --time-limit 3s` against a slow subprocess replica ran for minutes: the limit was asked only
// between runs, and the campaign then waited for the run under way (fast-check stops waiting for
// it, the check must not share the children with what follows), however long that run was. A
// chatty Go replica takes up to the events limit (50,000) through its child: minutes per run.

/** Async handlers (a macrotask turn each, like a child's answer) ticking every virtual ms: a run of about a billion events. */
const endless: Target<unknown> = {
  name: 'endless-ticker',
  description: 'ticks every virtual millisecond, asynchronously, for a very long time',
  limits: { timeMs: 1e9, events: 1e9 },
  createReplica: (ctx) => ({
    init: async () => void ctx.setTimer('tick', 1),
    onTimer: async () => void ctx.setTimer('tick', 1),
    onMessage: () => undefined,
    onRequest: async () => undefined,
  }),
};

const options = { target: endless, adversaries: ADVERSARY_MAP, space: spaceFor(endless, [], false, [4]), properties: [replicaContract], runs: 5, seed: 1 };

describe("a campaign's time limit", () => {
  it('stops the run under way: the campaign ends, interrupted, and judges no cut run', async () => {
    const result = await check({ ...options, timeLimitMs: 300 });
    expect(result.counterexample).toBeNull();
    expect(result.interrupted).toBe(true);
    expect(result.runs).toBe(0);
  }, 60_000);

  it('stops the runs of every search', async () => {
    const result = await check({ ...options, timeLimitMs: 300, search: 'guided' });
    expect(result.counterexample).toBeNull();
    expect(result.interrupted).toBe(true);
    expect(result.runs).toBe(0);
  }, 60_000);
});

describe('a run whose campaign no longer wants it', () => {
  it('stops with reason cancelled; one still wanted is the same run as without the question', async () => {
    const scenario = baseScenario({ limits: { timeMs: 2_000, events: 100_000 } });
    const cut = await runScenario(scenario, { ...contextFor(endless), cancelled: () => true });
    expect(cut.facts.stopReason).toBe('cancelled');
    const plain = await runScenario(scenario, contextFor(endless), true);
    const asked = await runScenario(scenario, { ...contextFor(endless), cancelled: () => false }, true);
    expect(plain.facts.stopReason).toBe('time-limit');
    expect(asked.trace).toEqual(plain.trace);
  }, 60_000);
});
