import { faultsTolerated, type Target } from '../adapter/contract.js';
import type { AnyAdversary } from '../adversary.js';
import { defaultSpace, type ScenarioSpace } from '../scenario/arbitrary.js';
import type { RunLimits } from '../scenario/types.js';

/** Run bounds for targets that declare none. */
export const DEFAULT_LIMITS: RunLimits = Object.freeze({ timeMs: 10_000, events: 50_000 });

/** The scenario space a campaign against `target` draws from: its limits and liveness bound, the chosen strategies. */
export function spaceFor(target: Target<unknown>, adversaries: readonly AnyAdversary[], beyondF: boolean, clusterSizes?: readonly number[]): ScenarioSpace {
  const limits = { ...DEFAULT_LIMITS, ...target.limits };
  const bound = target.livenessBoundMs;
  return {
    ...defaultSpace(adversaries, limits),
    ...(clusterSizes === undefined ? {} : { ns: [...clusterSizes].sort((a, b) => a - b) }),
    beyondF,
    ...(bound === undefined ? {} : { livenessBoundMs: (n: number) => bound({ n, f: faultsTolerated(n) }) }),
  };
}
