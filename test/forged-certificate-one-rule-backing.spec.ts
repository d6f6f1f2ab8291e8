import { describe, expect, it } from 'vitest';
import type { ForgedCertificateParams } from '../adversaries/forged-certificate.js';
import type { NodeId, ReplicaContext, Target } from '../src/adapter/contract.js';
import type { Scenario } from '../src/scenario/types.js';
import pbft, { PbftReplica, type PbftMessage, type PbftOptions } from '../targets/pbft/index.js';
import type { PreparedCert, PrepareMsg, ViewChangeMsg } from '../targets/pbft/messages.js';
import { forgedPlanScenario, verdictOf } from './fixtures/forged-plan.js';

/**
 * A copy of PbftReplica.isValidPreparedCert (the cache of checked PRE-PREPAREs left out) in which
 * `counts` decides which PREPAREs count: the hand-applied survivors of the mutation report's
 * forged-view-change class differ from the reference only there.
 */
function certificateCheck(counts: (p: PrepareMsg, pp: PreparedCert['prePrepare'], verified: () => boolean) => boolean) {
  return class extends PbftReplica {
    protected override isValidPreparedCert(cert: PreparedCert, vc: ViewChangeMsg): boolean {
      const pp = cert.prePrepare;
      if (pp.view >= vc.view || pp.seq <= vc.seq || pp.seq > vc.seq + this.options.logWindow) return false;
      if (pp.sender !== this.primaryOf(pp.view) || !this.batchIsValid(pp) || !this.verifyMessage(pp)) return false;
      const seen = new Set<NodeId>();
      for (const p of cert.prepares) if (!seen.has(p.sender) && counts(p, pp, () => this.verifyMessage(p))) seen.add(p.sender);
      return seen.size >= this.prepareQuorum();
    }
  };
}

const matches = (p: PrepareMsg, pp: PreparedCert['prePrepare']): boolean => p.view === pp.view && p.seq === pp.seq && p.digest === pp.digest;

/** Mutant 783: `p.digest !== pp.digest` → false — a PREPARE of another digest counts. */
const DigestUnchecked = certificateCheck((p, pp, verified) => p.view === pp.view && p.seq === pp.seq && p.sender !== pp.sender && verified());
/** Mutant 785: `p.sender === pp.sender` → false — the proposer's own PREPARE counts. */
const ProposerCounted = certificateCheck((p, pp, verified) => matches(p, pp) && verified());
/** Mutant 787: `this.verifyMessage(p)` → true — a PREPARE counts unverified. */
const SignatureUnchecked = certificateCheck((p, pp) => matches(p, pp) && p.sender !== pp.sender);

function target(create: new (ctx: ReplicaContext<PbftMessage>, options?: Partial<PbftOptions>) => PbftReplica): Target<unknown> {
  return { ...pbft, createReplica: (ctx, options) => new create(ctx, options) } as Target<unknown>;
}

// forged-certificate-equivocation.spec.ts's plan: the faulty primary 0 withholds seq 1, splits seq 2
// (the voter, replica 2, gets a rival whose digest sorts first), lets only the victim (replica 1)
// decide the real batch, and, the victim cut off from 300 ms, backs the rival in its VIEW-CHANGE
// for view 1. `forgery` picks how it fills the rival's one vote up to a certificate's size.
const PLAN: ForgedCertificateParams = { forgery: 'short', pick: 0, everyK: 8, inbound: false, outbound: false, rival: false, victim: 0, isolateMs: 0, equivocate: true, cutMs: 300, amnesiac: false, olderViewsMs: 0, splitFirst: false };

function planScenario(forgery: ForgedCertificateParams['forgery'], codecOff = false): Scenario {
  const requests = [{ client: 0, atMs: 0, operation: 'put a 1' }, { client: 1, atMs: 20, operation: 'put b 2' }, { client: 0, atMs: 40, operation: 'put c 3' }];
  return forgedPlanScenario({ ...PLAN, forgery }, { node: 0, requests, parts: { seed: 7, ...(codecOff ? { targetOptions: { codec: 'off' } } : {}) } });
}

describe('forged-certificate: an equivocating leader backs its rival with a certificate that breaks one rule', () => {
  it.each([
    ['stale', 'PREPAREs of the real digest from other signers', 'mutant 783 (digest unchecked)', DigestUnchecked],
    ['pad', 'its own PREPARE as proposer', 'mutant 785 (proposer counted)', ProposerCounted],
    ['claim', 'copies of the voter\'s PREPARE naming other signers', 'mutant 787 (PREPARE signatures unchecked)', SignatureUnchecked],
  ] as const)('%s pads it with %s: the reference PBFT survives, %s breaks agreement', async (forgery, _what, _mutant, mutant) => {
    for (const codecOff of [false, true]) {
      const s = planScenario(forgery, codecOff);
      const reference = await verdictOf(pbft as Target<unknown>, s);
      expect(reference.violations).toEqual([]);
      expect(reference.accepted).toBe(s.requests.length);
      expect((await verdictOf(target(mutant), s)).violations).toEqual(['agreement']);
    }
  });

  it('each backing breaks only its own rule: the other mutants survive it', async () => {
    expect((await verdictOf(target(ProposerCounted), planScenario('stale'))).violations).toEqual([]);
    expect((await verdictOf(target(SignatureUnchecked), planScenario('pad'))).violations).toEqual([]);
    expect((await verdictOf(target(DigestUnchecked), planScenario('claim'))).violations).toEqual([]);
  });
});
