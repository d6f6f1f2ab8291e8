import { describe, expect, it } from 'vitest';
import { faultsTolerated } from '../src/adapter/contract.js';
import { ADVERSARIES } from '../adversaries/index.js';
import { check } from '../src/check/driver.js';
import { defaultSpace } from '../src/scenario/arbitrary.js';
import { PROPERTIES } from '../properties/index.js';
import pbft from '../targets/pbft/index.js';

describe('the reference PBFT under the harness campaign', () => {
  it('violates no property in 250 generated scenarios with every shipped adversary (≤ f faulty)', async () => {
    const limits = { timeMs: pbft.limits?.timeMs ?? 20_000, events: pbft.limits?.events ?? 500_000 };
    const result = await check({
      target: pbft as never,
      adversaries: new Map(ADVERSARIES.map((a) => [a.name, a])),
      space: { ...defaultSpace(ADVERSARIES, limits), livenessBoundMs: (n: number) => pbft.livenessBoundMs?.({ n, f: faultsTolerated(n) }) ?? 0 },
      properties: PROPERTIES,
      runs: 250,
      seed: 424_242,
    });
    expect(result.counterexample?.verdict ?? null).toBeNull();
    expect(result.runs).toBe(250);
  }, 300_000);
});
