import { describe, expect, it } from 'vitest';
import type { ForgedCertificateParams } from '../adversaries/forged-certificate.js';
import type { Target } from '../src/adapter/contract.js';
import type { Scenario } from '../src/scenario/types.js';
import pbft from '../targets/pbft/index.js';
import certificateDuplicateSigner from '../targets/zoo/certificate-duplicate-signer/index.js';
import preparedCountsPrePrepare from '../targets/zoo/prepared-counts-pre-prepare/index.js';
import { forgedPlanScenario, verdictOf, expectSurvives } from './fixtures/forged-plan.js';

/** n = 4, the faulty replica 0 on the plan, the given seed. */
function planScenario(params: ForgedCertificateParams, seed = 7): Scenario {
  return forgedPlanScenario(params, { node: 0, requests: [{ client: 0, atMs: 0, operation: 'put a 1' }, { client: 1, atMs: 20, operation: 'put b 2' }, { client: 0, atMs: 40, operation: 'put c 3' }], parts: { seed } });
}

// The faulty primary of view 0 withholds seq 1, splits seq 2 (the voter, replica 2, gets a rival;
// the victim, replica 1, and replica 3 the real batch), sends its COMMIT only to the victim, which
// decides alone; cut off from 300 ms, the victim is left out of view 1, whose V holds the faulty
// VIEW-CHANGE with the rival "prepared" by the voter's one PREPARE, repeated. The rival's digest
// sorts first, so where that certificate counts it wins the tie with replica 3's real one.
const PLAN: ForgedCertificateParams = { forgery: 'short', pick: 0, everyK: 8, inbound: false, outbound: false, rival: false, victim: 0, isolateMs: 0, equivocate: true, cutMs: 300, amnesiac: false, olderViewsMs: 0, splitFirst: false };

describe('forged-certificate: an equivocating leader backs its rival with a one-vote certificate', () => {
  it('breaks agreement in zoo/prepared-counts-pre-prepare (the proposer counted as a voter)', async () => {
    expect((await verdictOf(preparedCountsPrePrepare as Target<unknown>, planScenario(PLAN))).violations).toEqual(['agreement']);
  });

  it('breaks agreement in zoo/certificate-duplicate-signer (the voter counted twice)', async () => {
    expect((await verdictOf(certificateDuplicateSigner as Target<unknown>, planScenario(PLAN))).violations).toEqual(['agreement']);
  });

  it('the reference PBFT survives the same plan: every property holds, every request is accepted', async () => {
    await expectSurvives(pbft as Target<unknown>, planScenario(PLAN));
  });

  it('without the cut the victim is in view 1 too, and the real batch wins', async () => {
    expect((await verdictOf(preparedCountsPrePrepare as Target<unknown>, planScenario({ ...PLAN, cutMs: 0 }))).violations).toEqual([]);
  });
});
