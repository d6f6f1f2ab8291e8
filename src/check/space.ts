import { faultsTolerated, type Target } from '../adapter/contract.js';
import { recordedTargetOptions, resolveTargetOptions, type GivenTargetOptions } from '../adapter/target-options.js';
import type { AnyAdversary } from '../adversary.js';
import { defaultSpace, type ScenarioSpace } from '../scenario/arbitrary.js';
import type { RunLimits } from '../scenario/types.js';

/** Run bounds for targets that declare none. */
export const DEFAULT_LIMITS: RunLimits = Object.freeze({ timeMs: 10_000, events: 50_000 });

/**
 * The scenario space a campaign against `target` draws from: its limits, liveness bound, cluster
 * sizes and operations, and the chosen strategies. Sizes given here win over the target's. Runs
 * are stretched to every request's liveness deadline only when liveness is judged: a safety-only
 * campaign would otherwise simulate seconds of idle status rounds that no property looks at.
 */
export function spaceFor(
  target: Target<unknown>, adversaries: readonly AnyAdversary[], beyondF: boolean, clusterSizes?: readonly number[], livenessJudged = true, targetOptions?: GivenTargetOptions,
): ScenarioSpace {
  // Step limits bound the replica, not the scenario: they stay out of scenario files.
  const { messagesPerStep: _m, timersPerStep: _t, queuedEvents: _q, handlerSettleMs: _s, ...runLimits } = target.limits ?? {};
  const limits = { ...DEFAULT_LIMITS, ...runLimits };
  const given = recordedTargetOptions(targetOptions);
  const options = resolveTargetOptions(target, given);
  const bound = livenessJudged && target.livenessBoundMs !== undefined ? target.livenessBoundMs.bind(target) : undefined;
  const sizes = clusterSizes ?? target.clusterSizes;
  const operations = target.operations;
  return {
    ...defaultSpace(adversaries, limits),
    ...(sizes === undefined ? {} : { ns: [...sizes].sort((a, b) => a - b) }),
    beyondF,
    ...(bound === undefined ? {} : { livenessBoundMs: (n: number) => bound({ n, f: faultsTolerated(n) }, options) }),
    ...(operations === undefined ? {} : { operationsFor: (n: number) => operations({ n, f: faultsTolerated(n) }) }),
    ...(given === undefined ? {} : { targetOptions: given }),
  };
}
