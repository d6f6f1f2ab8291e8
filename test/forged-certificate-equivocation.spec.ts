import { describe, expect, it } from 'vitest';
import { ADVERSARIES } from '../adversaries/index.js';
import { forgedCertificate, type ForgedCertificateParams } from '../adversaries/forged-certificate.js';
import { PROPERTIES } from '../properties/index.js';
import type { Target } from '../src/adapter/contract.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { judge } from '../src/check/verdict.js';
import type { Scenario } from '../src/scenario/types.js';
import pbft from '../targets/pbft/index.js';
import certificateDuplicateSigner from '../targets/zoo/certificate-duplicate-signer/index.js';
import preparedCountsPrePrepare from '../targets/zoo/prepared-counts-pre-prepare/index.js';
import { fourRequestScenario } from './fixtures/four-requests.js';

const ADVERSARY_MAP = new Map(ADVERSARIES.map((a) => [a.name, a]));

/** n = 4, the faulty replica 0 (primary of view 0), three requests, a fast reliable network. */
function planScenario(params: ForgedCertificateParams, seed = 7): Scenario {
  const partitions = [...(forgedCertificate.partitions?.(params, { node: 0, n: 4, coalition: [0] }) ?? [])];
  return fourRequestScenario([{ node: 0, adversary: 'forged-certificate', params }], {
    network: { delayMsMin: 1, delayMsMax: 5, preGstDelayMsMax: 5, dropPercent: 0, partitions },
    gstMs: Math.max(0, ...partitions.map((p) => p.endMs)),
    requests: [{ client: 0, atMs: 0, operation: 'put a 1' }, { client: 1, atMs: 20, operation: 'put b 2' }, { client: 0, atMs: 40, operation: 'put c 3' }],
    seed,
  });
}

async function verdictOf(target: Target<unknown>, s: Scenario) {
  const out = await runScenarioChecked(s, { target, adversaries: ADVERSARY_MAP, properties: PROPERTIES }, false);
  return { violations: judge(s, out.facts, PROPERTIES).violations.map((v) => v.property), accepted: out.facts.accepted.length };
}


// The faulty primary of view 0 withholds seq 1, splits seq 2 (the voter, replica 2, gets a rival;
// the victim, replica 1, and replica 3 the real batch), sends its COMMIT only to the victim, which
// decides alone; cut off from 300 ms, the victim is left out of view 1, whose V holds the faulty
// VIEW-CHANGE with the rival "prepared" by the voter's one PREPARE, repeated. The rival's digest
// sorts first, so where that certificate counts it wins the tie with replica 3's real one.
const PLAN: ForgedCertificateParams = { forgery: 'short', pick: 0, everyK: 8, inbound: false, outbound: false, rival: false, victim: 0, isolateMs: 0, equivocate: true, cutMs: 300, amnesiac: false };

describe('forged-certificate: an equivocating leader backs its rival with a one-vote certificate', () => {
  it('breaks agreement in zoo/prepared-counts-pre-prepare (the proposer counted as a voter)', async () => {
    expect((await verdictOf(preparedCountsPrePrepare as Target<unknown>, planScenario(PLAN))).violations).toEqual(['agreement']);
  });

  it('breaks agreement in zoo/certificate-duplicate-signer (the voter counted twice)', async () => {
    expect((await verdictOf(certificateDuplicateSigner as Target<unknown>, planScenario(PLAN))).violations).toEqual(['agreement']);
  });

  it('the reference PBFT survives the same plan: every property holds, every request is accepted', async () => {
    const s = planScenario(PLAN);
    const { violations, accepted } = await verdictOf(pbft as Target<unknown>, s);
    expect(violations).toEqual([]);
    expect(accepted).toBe(s.requests.length);
  });

  it('without the cut the victim is in view 1 too, and the real batch wins', async () => {
    expect((await verdictOf(preparedCountsPrePrepare as Target<unknown>, planScenario({ ...PLAN, cutMs: 0 }))).violations).toEqual([]);
  });
});
