/**
 * forged-certificate's leader proposing out of the log window: on `alter` (even picks) its own
 * proposals go far past the high watermark, the same for every recipient. The reference refuses
 * them; a copy that checks no high watermark prepares them, and the prepared certificates then make
 * every honest VIEW-CHANGE invalid (its own check of a certificate's seq still holds), so no view
 * change ever completes. Pinned against that hand-made copy.
 */
import { describe, expect, it } from 'vitest';
import type { ForgedCertificateParams } from '../adversaries/forged-certificate.js';
import type { Target } from '../src/adapter/contract.js';
import pbft, { PbftReplica } from '../targets/pbft/index.js';
import { zooTarget } from '../targets/zoo/kit.js';
import { forgedPlanScenario, verdictOf, expectSurvives } from './fixtures/forged-plan.js';

/** The reference with one change: no high watermark (h < seq, without seq ≤ h + L). */
class NoHighWatermark extends PbftReplica {
  protected override inWatermarks(seq: number): boolean {
    return seq > this.low;
  }
}

const noHighWatermark = zooTarget('no-high-watermark', { description: 'accepts messages above h + L', expected: 'liveness' }, (ctx) => new NoHighWatermark(ctx)) as Target<unknown>;

/** Replica 0 leads view 0 and sends every proposal of its own far past its slot. */
const PLAN: ForgedCertificateParams = { forgery: 'alter', pick: 0, everyK: 8, inbound: false, outbound: true, rival: false, victim: 0, isolateMs: 0, equivocate: false, cutMs: 0, amnesiac: false, olderViewsMs: 0, splitFirst: false };
const scenario = forgedPlanScenario(PLAN, { node: 0, requests: [{ client: 0, atMs: 0, operation: 'put a 1' }, { client: 1, atMs: 20, operation: 'put b 2' }] });

describe('forged-certificate: a leader proposing far outside the log window', () => {
  it('breaks liveness in a copy of the reference with no high watermark', async () => {
    expect((await verdictOf(noHighWatermark, scenario)).violations).toContain('liveness');
  });

  it('the reference PBFT survives it: every property holds, every request is accepted', async () => {
    await expectSurvives(pbft as Target<unknown>, scenario);
  });

  it('with an odd pick its proposals go out unchanged, and the copy survives', async () => {
    expect((await verdictOf(noHighWatermark, forgedPlanScenario({ ...PLAN, pick: 1 }, { node: 0, requests: scenario.requests }))).violations).toEqual([]);
  });
});
