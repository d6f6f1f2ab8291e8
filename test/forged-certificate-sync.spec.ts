import { describe, expect, it } from 'vitest';
import type { ForgedCertificateParams } from '../adversaries/forged-certificate.js';
import type { Target } from '../src/adapter/contract.js';
import type { Scenario } from '../src/scenario/types.js';
import modsmart from '../targets/modsmart/index.js';
import syncProofsNotVerified from '../targets/zoo/modsmart-sync-proofs-not-verified/index.js';
import { forgedPlanScenario, verdictOf, expectSurvives } from './fixtures/forged-plan.js';

/** n = 4, the faulty replica 1 on the plan. */
function planScenario(params: ForgedCertificateParams): Scenario {
  return forgedPlanScenario(params, { node: 1, requests: [{ client: 0, atMs: 0, operation: 'put a 1' }, { client: 1, atMs: 50, operation: 'put b 2' }] });
}

// Victim 2 decides instance 1 alone (its messages lost; the faulty replica, deaf to the proposal,
// copies the leader's WRITE and ACCEPT as its own and lets only the victim and the leader have
// them); as leader of regency 1 the faulty replica's code, which wrote nothing, gets STOPDATAs with
// their written proposals and write certificates erased under their signatures, so it finds the
// instance free and proposes both pending requests together in its SYNC, then votes for them.
const PLAN: ForgedCertificateParams = { forgery: 'erase', pick: 0, everyK: 1, inbound: true, outbound: false, rival: true, victim: 0, isolateMs: 1_500, equivocate: false, cutMs: 0, amnesiac: false, olderViewsMs: 0, splitFirst: false };

describe('forged-certificate: a SYNC of erased STOPDATAs behind a rival proposal', () => {
  it('breaks agreement in zoo/modsmart-sync-proofs-not-verified', async () => {
    expect((await verdictOf(syncProofsNotVerified as Target<unknown>, planScenario(PLAN))).violations).toEqual(['agreement']);
  });

  it('the amnesiac flag alone makes the same plan, whatever forgery and period are drawn', async () => {
    const alone = { ...PLAN, forgery: 'short', everyK: 5, inbound: false, amnesiac: true } as const;
    expect((await verdictOf(syncProofsNotVerified as Target<unknown>, planScenario(alone))).violations).toEqual(['agreement']);
  });

  it('the reference Mod-SMaRt survives the same plan: every property holds, every request is accepted', async () => {
    await expectSurvives(modsmart as Target<unknown>, planScenario(PLAN));
  });

  it('without the victim cut off, the instance is decided before the regency changes, and nothing breaks', async () => {
    expect((await verdictOf(syncProofsNotVerified as Target<unknown>, planScenario({ ...PLAN, isolateMs: 0 }))).violations).toEqual([]);
  });
});
