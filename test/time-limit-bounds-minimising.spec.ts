import { describe, expect, it } from 'vitest';
import { ADVERSARIES } from '../adversaries/index.js';
import { ADVERSARY_MAP } from './fixtures/world-kit.js';
import { replicaContract } from '../properties/replica-contract.js';
import { totalOrder } from '../properties/total-order.js';
import { check } from '../src/check/driver.js';
import { minimise } from '../src/check/minimise/index.js';
import { spaceFor } from '../src/check/space.js';
import outOfOrder from '../targets/zoo/execute-out-of-order/index.js';

// `run --time-limit 200s` against a slow subprocess replica went on for over ten minutes: the
// limit bounded fast-check's exploration and shrinking, but the event minimiser that follows ran
// its whole budget of candidate runs, each a full run through the child processes.
describe("the campaign's time limit", () => {
  const properties = [totalOrder, replicaContract];
  const options = { target: outOfOrder, adversaries: ADVERSARY_MAP, space: spaceFor(outOfOrder, ADVERSARIES, false, [4, 7]), properties, runs: 50, seed: 5 };

  it('stops the event minimiser, which keeps the smallest failure so far', async () => {
    const cx = (await check(options)).counterexample;
    if (cx === null) throw new Error('seed 5 found no counterexample');
    const unbounded = await minimise(cx.scenario, { ...options, ns: [4, 7] });
    expect(unbounded.runs).toBeGreaterThan(2);
    const spent = await minimise(cx.scenario, { ...options, ns: [4, 7], stopAt: () => true });
    expect(spent.runs).toBe(0);
    expect(spent.scenario).toEqual(cx.scenario);
    let asked = 0;
    const afterTwo = await minimise(cx.scenario, { ...options, ns: [4, 7], stopAt: () => ++asked > 2 });
    expect(afterTwo.runs).toBeLessThanOrEqual(2);
  });
});

describe('the console line of a campaign whose time limit ran out while minimising', () => {
  it('says the limit was reached and the counterexample is the best so far', async () => {
    const { cutShortBy } = await import('../src/cli/commands/run.js');
    const cutWhileMinimising = { interrupted: false, counterexample: { shrinkCutShort: true } } as unknown as Parameters<typeof cutShortBy>[0];
    expect(cutShortBy(cutWhileMinimising, null)).toBe(' (time limit reached: best counterexample so far)');
    expect(cutShortBy({ interrupted: false, counterexample: null } as unknown as Parameters<typeof cutShortBy>[0], null)).toBe('');
  });
});
