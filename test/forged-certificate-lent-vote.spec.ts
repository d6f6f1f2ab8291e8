/**
 * forged-certificate's equivocation at n = 7: a certificate that counts the proposer among the
 * voters needs 2f − 1 = 3 distinct PREPAREs for the rival, but only f = 2 honest replicas get it;
 * the coalition's other member, voting for the real proposal, lends the rival a copy of its vote,
 * with the codec and without it.
 */
import { describe, expect, it } from 'vitest';
import { forgedCertificate, type ForgedCertificateParams } from '../adversaries/forged-certificate.js';
import type { Target } from '../src/adapter/contract.js';
import type { Scenario } from '../src/scenario/types.js';
import pbft from '../targets/pbft/index.js';
import certificateDuplicateSigner from '../targets/zoo/certificate-duplicate-signer/index.js';
import preparedCountsPrePrepare from '../targets/zoo/prepared-counts-pre-prepare/index.js';
import { verdictOf } from './fixtures/forged-plan.js';

// forged-certificate-equivocation.spec.ts's plan: the faulty primary 0 splits seq 2, lets the
// victim (replica 1) decide the real batch and backs the rival in its VIEW-CHANGE.
const PLAN: ForgedCertificateParams = { forgery: 'short', pick: 0, everyK: 8, inbound: false, outbound: false, rival: false, victim: 0, isolateMs: 0, equivocate: true, cutMs: 300, amnesiac: false, olderViewsMs: 0, splitFirst: false };

/** n = 7, the coalition `faulty` (0 first) on the plan, a fast reliable network; codec withheld when `off`. */
function scenario(faulty: readonly number[], off: boolean): Scenario {
  const partitions = faulty.flatMap((node) => [...(forgedCertificate.partitions?.(PLAN, { node, n: 7, coalition: faulty }) ?? [])]);
  return {
    version: 1, n: 7, clients: 2,
    requests: [{ client: 0, atMs: 0, operation: 'put a 1' }, { client: 1, atMs: 20, operation: 'put b 2' }, { client: 0, atMs: 40, operation: 'put c 3' }],
    byzantine: faulty.map((node) => ({ node, adversary: 'forged-certificate', params: PLAN })), beyondF: false,
    network: { delayMsMin: 1, delayMsMax: 5, preGstDelayMsMax: 5, dropPercent: 0, partitions },
    gstMs: Math.max(0, ...partitions.map((p) => p.endMs)), limits: { timeMs: 60_000, events: 300_000 }, seed: 7, tape: [],
    ...(off ? { targetOptions: { codec: 'off' } } : {}),
  };
}

const violations = async (target: unknown, s: Scenario): Promise<string[]> => (await verdictOf(target as Target<unknown>, s)).violations;

describe.each([['with the codec', false], ['with the codec withheld', true]])('forged-certificate at n = 7, %s', (_how, off) => {
  it('breaks agreement in zoo/prepared-counts-pre-prepare when a second member (replica 4) lends the rival its vote', async () => {
    expect(await violations(preparedCountsPrePrepare, scenario([0, 4], off))).toEqual(['agreement']);
  });

  it('alone, the leader has only the 2 voters\' PREPAREs: too few there, though enough repeated for zoo/certificate-duplicate-signer', async () => {
    expect(await violations(preparedCountsPrePrepare, scenario([0], off))).toEqual([]);
    expect(await violations(certificateDuplicateSigner, scenario([0], off))).toEqual(['agreement']);
  });

  it('the reference PBFT survives the two-member plan, every request accepted', async () => {
    const s = scenario([0, 4], off);
    expect(await verdictOf(pbft as Target<unknown>, s)).toEqual({ violations: [], accepted: s.requests.length });
  });
});
