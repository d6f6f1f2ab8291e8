import { describe, expect, it } from 'vitest';
import type { ForgedCertificateParams } from '../adversaries/forged-certificate.js';
import { ADVERSARIES } from '../adversaries/index.js';
import { PROPERTIES } from '../properties/index.js';
import type { NodeId, Target } from '../src/adapter/contract.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import type { Scenario } from '../src/scenario/types.js';
import pbft, { PbftReplica } from '../targets/pbft/index.js';
import type { NewViewMsg } from '../targets/pbft/messages.js';
import type { NewViewPlan } from '../targets/pbft/view-change.js';
import { forgedPlanScenario, verdictOf } from './fixtures/forged-plan.js';

/**
 * Surviving mutant 831 of the mutation report, hand-applied: a backup obeys a NEW-VIEW whose
 * PRE-PREPAREs are not O (`if (!matchesPlan(…))` → `if (false)`). A copy of validateNewView with
 * that one check gone.
 */
class ObeysAnyProposals extends PbftReplica {
  protected override validateNewView(nv: NewViewMsg): NewViewPlan | null {
    const senders = new Set<NodeId>();
    for (const vc of nv.viewChanges) {
      if (senders.has(vc.sender) || !this.acceptsNewViewVote(nv, vc)) return null;
      senders.add(vc.sender);
    }
    if (senders.size < this.viewChangeQuorum()) return null;
    const plan = this.computeNewViewO(nv.viewChanges);
    for (const pp of nv.prePrepares) {
      if (pp.view !== nv.view || pp.sender !== nv.sender || !this.batchIsValid(pp) || !this.verifyMessage(pp)) return null;
    }
    return plan;
  }
}

const mutant = { ...pbft, createReplica: (ctx, options) => new ObeysAnyProposals(ctx, options) } as Target<unknown>;

// forged-certificate-older-views.spec.ts's setting: victim 0 cut off from 55 ms, it decides seq 3
// alone in view 1 (the faulty replica's votes reach only it and primary 1), and the faulty replica 2
// leads view 2. Forging its own aggregate (outbound, even pick), it builds the NEW-VIEW from the
// genuine view-2 VIEW-CHANGEs, so V and O are right, and lies in O alone: `claim` with pick 4 gives
// seq 3 (its third PRE-PREPARE) seq 1's batch, re-signed.
const PLAN: ForgedCertificateParams = { forgery: 'claim', pick: 4, everyK: 8, inbound: false, outbound: true, rival: false, victim: 0, isolateMs: 0, equivocate: false, cutMs: 0, amnesiac: false, olderViewsMs: 55, splitFirst: false };

function planScenario(params: ForgedCertificateParams, codecOff = false): Scenario {
  const requests = [{ client: 0, atMs: 0, operation: 'put a 1' }, { client: 1, atMs: 50, operation: 'put b 2' }, { client: 0, atMs: 60, operation: 'put c 3' }];
  return forgedPlanScenario(params, { node: 2, requests, parts: { seed: 7, ...(codecOff ? { targetOptions: { codec: 'off' } } : {}) } });
}

describe('forged-certificate: a new leader\'s NEW-VIEW of genuine VIEW-CHANGEs whose own PRE-PREPAREs are not O', () => {
  it('carries the genuine view-2 VIEW-CHANGEs and O\'s seqs, with seq 3 given another batch', async () => {
    const s = planScenario(PLAN);
    const out = await runScenarioChecked(s, { target: pbft as Target<unknown>, adversaries: new Map(ADVERSARIES.map((a) => [a.name, a])), properties: PROPERTIES }, true);
    const sent = (out.trace ?? []).flatMap((e) => (e.kind === 'send' && e.from === 2 ? [JSON.parse(e.payload) as Partial<NewViewMsg>] : []));
    const newView = sent.find((m) => m.type === 'NEW-VIEW' && m.view === 2);
    expect(newView?.viewChanges?.map((vc) => vc.view)).toEqual([2, 2, 2]);
    const proposals = newView?.prePrepares ?? [];
    expect(proposals.map((pp) => pp.seq)).toEqual([1, 2, 3]);
    expect(proposals[2]?.digest).toBe(proposals[0]?.digest);
  });

  it.each([false, true])('leaves the reference PBFT correct and breaks agreement in mutant 831 (codec withheld: %s)', async (codecOff) => {
    const s = planScenario(PLAN, codecOff);
    const reference = await verdictOf(pbft as Target<unknown>, s);
    expect(reference.violations).toEqual([]);
    expect(reference.accepted).toBe(s.requests.length);
    expect((await verdictOf(mutant, s)).violations).toEqual(['agreement']);
  });

  it('on an odd pick the older-views plan plays instead, which the mutant survives', async () => {
    expect((await verdictOf(mutant, planScenario({ ...PLAN, pick: 5 }))).violations).toEqual([]);
  });
});
