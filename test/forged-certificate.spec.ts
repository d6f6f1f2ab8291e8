import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forgedCertificate, type ForgedCertificateParams } from '../adversaries/forged-certificate.js';
import type { Target } from '../src/adapter/contract.js';
import type { Scenario } from '../src/scenario/types.js';
import pbft from '../targets/pbft/index.js';
import newViewVotesNotVerified from '../targets/zoo/new-view-votes-not-verified/index.js';
import { forgedPlanScenario, verdictOf, expectSurvives } from './fixtures/forged-plan.js';

/** n = 4, the faulty replica 1 on the plan. */
function planScenario(params: ForgedCertificateParams): Scenario {
  return forgedPlanScenario(params, { node: 1, requests: [{ client: 0, atMs: 0, operation: 'put a 1' }, { client: 1, atMs: 50, operation: 'put b 2' }] });
}

// Victim 3 decides seq 1 alone (its messages lost, the faulty replica's COMMIT early); as primary
// of view 1 the faulty replica builds its NEW-VIEW from VIEW-CHANGEs emptied under their signatures
// and proposes another batch for seq 1, with its COMMIT for it.
const PLAN: ForgedCertificateParams = { forgery: 'erase', pick: 0, everyK: 1, inbound: true, outbound: false, rival: true, victim: 1, isolateMs: 1_500, equivocate: false, cutMs: 0, amnesiac: false, olderViewsMs: 0, splitFirst: false };

describe('forged-certificate: a NEW-VIEW of forged VIEW-CHANGEs behind a rival proposal', () => {
  it('breaks agreement in zoo/new-view-votes-not-verified', async () => {
    expect((await verdictOf(newViewVotesNotVerified as Target<unknown>, planScenario(PLAN))).violations).toContain('agreement');
  });

  it('the reference PBFT survives the same plan: every property holds, every request is accepted', async () => {
    await expectSurvives(pbft as Target<unknown>, planScenario(PLAN));
  });

  it('without its network half the victim cannot decide alone, and the forgery decides nothing', async () => {
    expect((await verdictOf(newViewVotesNotVerified as Target<unknown>, planScenario({ ...PLAN, isolateMs: 0 }))).violations).toEqual([]);
  });

  it('its parameters shrink towards the least forgery', () => {
    const out = fc.check(fc.property(forgedCertificate.params({ maxN: 7 }), () => false), { seed: 3 });
    expect(out.counterexample?.[0]).toEqual({ forgery: 'short', pick: 0, everyK: 8, inbound: false, outbound: false, rival: false, victim: 0, isolateMs: 0, equivocate: false, cutMs: 0, amnesiac: false, olderViewsMs: 0, splitFirst: false });
  });
});
