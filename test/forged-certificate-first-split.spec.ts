import { describe, expect, it } from 'vitest';
import type { ForgedCertificateParams } from '../adversaries/forged-certificate.js';
import type { Target } from '../src/adapter/contract.js';
import type { Scenario } from '../src/scenario/types.js';
import modsmart from '../targets/modsmart/index.js';
import decideOnFPlus1 from '../targets/zoo/modsmart-decide-on-f-plus-1/index.js';
import { expectSurvives, forgedPlanScenario, verdictOf } from './fixtures/forged-plan.js';

/** n = 4, the faulty replica 0 (regency 0's leader) on the plan, with or without the codec. */
function planScenario(params: ForgedCertificateParams, codec = true): Scenario {
  return forgedPlanScenario(params, {
    node: 0,
    requests: [{ client: 0, atMs: 0, operation: 'put c 3' }, { client: 1, atMs: 10, operation: 'put b 2' }, { client: 0, atMs: 20, operation: 'get a' }],
    parts: codec ? {} : { targetOptions: { codec: 'off' } },
  });
}

// The leader splits its first proposal: the real batch to replicas 1 and 2 (the victim), a rival
// its shadow proposes from client 1's request to replica 3; its WRITE goes to 1 and 2, its ACCEPT
// to the victim alone. The victim's messages are lost for 3 s from the start, so the leader's code
// counts the victim's WRITE as its own relabelled one; with f + 1 ACCEPTs the variant's victim
// decides, and regency 1, built without the victim and with the leader's STOPDATA claiming no
// write certificate, re-proposes the smaller written value, the rival.
const PLAN: ForgedCertificateParams = {
  forgery: 'short', pick: 0, everyK: 8, inbound: false, outbound: false, rival: false, victim: 0, isolateMs: 3_000,
  equivocate: true, cutMs: 0, amnesiac: false, olderViewsMs: 0, splitFirst: true,
};

describe('forged-certificate: a leader that splits its very first proposal', () => {
  it('breaks agreement in zoo/modsmart-decide-on-f-plus-1', async () => {
    expect((await verdictOf(decideOnFPlus1 as Target<unknown>, planScenario(PLAN))).violations).toEqual(['agreement']);
  });

  it('breaks it without the codec too', async () => {
    expect((await verdictOf(decideOnFPlus1 as Target<unknown>, planScenario(PLAN, false))).violations).toEqual(['agreement']);
  });

  it('the reference Mod-SMaRt survives the same plan', async () => {
    await expectSurvives(modsmart as Target<unknown>, planScenario(PLAN));
  });
});
