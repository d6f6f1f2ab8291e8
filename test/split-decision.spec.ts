import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADVERSARIES } from '../adversaries/index.js';
import { splitDecision, type SplitDecisionParams } from '../adversaries/split-decision.js';
import { PROPERTIES } from '../properties/index.js';
import type { Target } from '../src/adapter/contract.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { judge } from '../src/check/verdict.js';
import { defaultSpace, scenarioArbitrary } from '../src/scenario/arbitrary.js';
import type { Scenario } from '../src/scenario/types.js';
import pbft from '../targets/pbft/index.js';
import commitOnFPlus1 from '../targets/zoo/commit-on-f-plus-1/index.js';
import newViewWithoutProofs from '../targets/zoo/new-view-without-proofs/index.js';
import secondPrePrepareAccepted from '../targets/zoo/second-pre-prepare-accepted/index.js';
import { fourRequestScenario } from './fixtures/four-requests.js';

const ADVERSARY_MAP = new Map(ADVERSARIES.map((a) => [a.name, a]));
const OFF: SplitDecisionParams = { victim: 0, withhold: 'none', commitEarly: false, isolateMs: 0, amnesia: false, equivocate: false };

/** n = 4, one faulty replica on the plan, two clients one request each; the plan's partition and GST as the generator derives them. */
function planScenario(node: number, plan: Partial<SplitDecisionParams>): Scenario {
  const params = { ...OFF, ...plan };
  const partitions = [...(splitDecision.partitions?.(params, { node, n: 4, coalition: [node] }) ?? [])];
  return fourRequestScenario([{ node, adversary: 'split-decision', params }], {
    requests: [{ client: 0, atMs: 0, operation: 'put a 1' }, { client: 1, atMs: 50, operation: 'put b 2' }],
    network: { delayMsMin: 1, delayMsMax: 5, preGstDelayMsMax: 5, dropPercent: 0, partitions },
    gstMs: Math.max(0, ...partitions.map((p) => p.endMs)),
  });
}

async function verdictOf(target: Target<unknown>, s: Scenario) {
  const out = await runScenarioChecked(s, { target, adversaries: ADVERSARY_MAP, properties: PROPERTIES }, false);
  return { violations: judge(s, out.facts, PROPERTIES).violations.map((v) => v.property), accepted: out.facts.accepted.length };
}

// Each plan as the issue describes it, at n = 4 (f = 1; the primary of view v is v mod 4).
const PLANS = [
  {
    bug: 'commit-on-f-plus-1', target: commitOnFPlus1, node: 0,
    // Primary 0 keeps its PRE-PREPAREs from replica 3, commits early to victim 2, whose outgoing
    // messages are lost for 1.5 s: 2 prepares on its PREPARE and 1's, commits on its COMMIT and 0's;
    // the view-1 quorum {0, 1, 3} holds no certificate, so seq 1 is ordered again with both requests.
    plan: { victim: 1, withhold: 'f', commitEarly: true, isolateMs: 1_500 },
  },
  {
    bug: 'commit-on-f-plus-1', target: commitOnFPlus1, node: 2,
    // From a backup: 2 sends its votes only to victim 3 (cut off), which prepares and commits on
    // its own votes and 2's; replica 1 never prepares (the primary sends no PREPARE), and 2,
    // amnesiac, holds no certificate: view 1's quorum {0, 1, 2} orders seq 1 again.
    plan: { victim: 0, withhold: 'all', commitEarly: true, isolateMs: 1_500, amnesia: true },
  },
  {
    bug: 'new-view-without-proofs', target: newViewWithoutProofs, node: 1,
    // Backup 1 keeps its votes from replica 3 and commits early to victim 2 (cut off): only 2
    // commits seq 1. Then 1, primary of view 1, sends a NEW-VIEW built from VIEW-CHANGEs it stripped
    // of their certificates; a replica that does not check V accepts seq 1 as free.
    plan: { victim: 0, withhold: 'f', commitEarly: true, isolateMs: 1_500, amnesia: true },
  },
  {
    bug: 'second-pre-prepare-accepted', target: secondPrePrepareAccepted, node: 0,
    // Victim 2 is cut off and commits seq 1 on 0's early COMMIT; 1 and 3, each one COMMIT short,
    // then get 0's second proposal relabelled as seq 1 (with 0's COMMIT for it) and start the slot afresh.
    plan: { victim: 1, commitEarly: true, isolateMs: 1_000, equivocate: true },
  },
] as const;

describe('split-decision: the coalition plan that hides a decision from the next view', () => {
  it.each(PLANS)('the plan breaks agreement in zoo/$bug', async ({ target, node, plan }) => {
    const { violations } = await verdictOf(target as Target<unknown>, planScenario(node, plan));
    expect(violations).toContain('agreement');
  });

  it.each(PLANS)('the reference PBFT survives the plan made for zoo/$bug: every property holds, every request is accepted', async ({ node, plan }) => {
    const s = planScenario(node, plan);
    const { violations, accepted } = await verdictOf(pbft as Target<unknown>, s);
    expect(violations).toEqual([]);
    expect(accepted).toBe(s.requests.length);
  });

  it('without its network half (no partition) the commit-on-f-plus-1 plan finds nothing: the victim cannot decide alone', async () => {
    const { violations } = await verdictOf(commitOnFPlus1 as Target<unknown>, planScenario(0, { ...PLANS[0].plan, isolateMs: 0 }));
    expect(violations).toEqual([]);
  });

  it('the generator turns a plan into its partition: the victim cut off outgoing from 0, GST held back until it heals', () => {
    const space = defaultSpace([splitDecision], { timeMs: 5_000, events: 20_000 });
    const scenarios = fc.sample(scenarioArbitrary(space), { numRuns: 300, seed: 11 });
    const planned = scenarios.flatMap((s) => s.byzantine.map((b) => ({ s, b, params: b.params as SplitDecisionParams })).filter(({ params }) => params.isolateMs > 0));
    expect(planned.length).toBeGreaterThan(20);
    for (const { s, b, params } of planned) {
      const victim = (s.byzantine[0]!.node + 1 + (params.victim % (s.n - 1))) % s.n;
      expect(s.network.partitions).toContainEqual({ startMs: 0, endMs: params.isolateMs, side: [victim], direction: 'out' });
      expect(s.gstMs).toBeGreaterThanOrEqual(params.isolateMs);
      expect(b.adversary).toBe('split-decision');
    }
  });

  it('its parameters shrink to no fault at all', () => {
    const out = fc.check(fc.property(splitDecision.params({ maxN: 7 }), () => false), { seed: 3 });
    expect(out.counterexample?.[0]).toEqual(OFF);
  });
});
