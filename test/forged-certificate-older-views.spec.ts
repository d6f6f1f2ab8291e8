import { describe, expect, it } from 'vitest';
import { ADVERSARIES } from '../adversaries/index.js';
import type { ForgedCertificateParams } from '../adversaries/forged-certificate.js';
import { PROPERTIES } from '../properties/index.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import type { Target } from '../src/adapter/contract.js';
import type { Scenario } from '../src/scenario/types.js';
import pbft from '../targets/pbft/index.js';
import newViewAcceptsOldViewChanges from '../targets/zoo/new-view-accepts-old-view-changes/index.js';
import { forgedPlanScenario, verdictOf, expectSurvives } from './fixtures/forged-plan.js';

/** n = 4, the faulty replica 2 (leader of view 2) on the plan. */
function planScenario(params: ForgedCertificateParams, parts: Partial<Scenario> = {}): Scenario {
  return forgedPlanScenario(params, {
    node: 2,
    requests: [{ client: 0, atMs: 0, operation: 'put a 1' }, { client: 1, atMs: 50, operation: 'put b 2' }, { client: 0, atMs: 60, operation: 'put c 3' }],
    parts: { seed: 7, ...parts },
  });
}

/** The harness option that withholds the target's codec: discovery alone. */
const NO_CODEC = { targetOptions: { codec: 'off' } } as const;

// Victim 0 (primary of view 0) is cut off from 55 ms: view 0 stalls after deciding what came
// first, and the view-1 VIEW-CHANGEs claim only that. In view 1 the victim decides the next slot
// alone (the faulty replica's votes reach only it and primary 1); as leader of view 2 the faulty
// replica's code takes each signer's view-1 VIEW-CHANGE for its view-2 one, so its NEW-VIEW holds
// only genuinely signed VIEW-CHANGEs of view 1, and it proposes a rival for the victim's slot.
const PLAN: ForgedCertificateParams = { forgery: 'short', pick: 0, everyK: 8, inbound: false, outbound: false, rival: false, victim: 0, isolateMs: 0, equivocate: false, cutMs: 0, amnesiac: false, olderViewsMs: 55, splitFirst: false };

describe('forged-certificate: a NEW-VIEW of genuinely signed VIEW-CHANGEs for an older view', () => {
  it('breaks agreement in zoo/new-view-accepts-old-view-changes', async () => {
    expect((await verdictOf(newViewAcceptsOldViewChanges as Target<unknown>, planScenario(PLAN))).violations).toContain('agreement');
  });

  it('breaks it with the codec withheld too, by signed-item discovery alone', async () => {
    expect((await verdictOf(newViewAcceptsOldViewChanges as Target<unknown>, planScenario(PLAN, NO_CODEC))).violations).toContain('agreement');
  });

  it("sends a view-2 NEW-VIEW whose other VIEW-CHANGEs are exactly ones their signers sent for view 1", async () => {
    const s = planScenario(PLAN);
    const out = await runScenarioChecked(s, { target: newViewAcceptsOldViewChanges as Target<unknown>, adversaries: new Map(ADVERSARIES.map((a) => [a.name, a])), properties: PROPERTIES }, true);
    const sent = (out.trace ?? []).flatMap((e) => (e.kind === 'send' ? [{ from: e.from, payload: JSON.parse(e.payload) as { type?: string; view?: number; viewChanges?: { sender: number; view: number }[] } }] : []));
    const newView = sent.find((m) => m.from === 2 && m.payload.type === 'NEW-VIEW' && m.payload.view === 2)?.payload;
    const others = (newView?.viewChanges ?? []).filter((vc) => vc.sender !== 2);
    expect(others.map((vc) => vc.view)).toEqual([1, 1]);
    const genuine = new Set(sent.filter((m) => m.payload.type === 'VIEW-CHANGE' && m.payload.view === 1).map((m) => JSON.stringify(m.payload)));
    for (const vc of others) expect(genuine.has(JSON.stringify(vc))).toBe(true);
  });

  it('without the plan (amnesiac, proposing rivals, its victim cut off from the start) the variant holds', async () => {
    expect((await verdictOf(newViewAcceptsOldViewChanges as Target<unknown>, planScenario({ ...PLAN, olderViewsMs: 0, amnesiac: true, rival: true, victim: 1, isolateMs: 2_500 }))).violations).toEqual([]);
  });

  it('the reference PBFT survives the same plan: every property holds, every request is accepted', async () => {
    await expectSurvives(pbft as Target<unknown>, planScenario(PLAN));
  });

  it('the reference PBFT survives it with the codec withheld', async () => {
    await expectSurvives(pbft as Target<unknown>, planScenario(PLAN, NO_CODEC));
  });
});
