import { describe, expect, it } from 'vitest';
import { forge, type ForgedCertificateParams, type Forger } from '../adversaries/forged-certificate.js';
import { ItemPool, remember } from '../adversaries/forged-certificate/forger.js';
import { ClaimBook } from '../adversaries/forged-certificate/graft.js';
import { structureCodec } from '../src/adapter/discovery.js';
import type { Target } from '../src/adapter/contract.js';
import { symbolicCrypto } from '../src/crypto/symbolic.js';
import type { Scenario } from '../src/scenario/types.js';
import chainedHotstuff from './fixtures/chained-hotstuff.js';
import { expectSurvives, forgedPlanScenario, verdictOf } from './fixtures/forged-plan.js';

// A Jolteon-style QC written the way a TypeScript team writes one: a class instance with bigint
// round and height, its votes a Map<node, Uint8Array> whose signed text is rebuilt from the QC's
// own round, digest and height. `alter` used to make it claim a digest nobody proposed (`d~`),
// which a receiver that skips the signatures only fetches in vain. Grafted onto an older block the
// coalition saw certified, a view later, the same votes become a newer lock on an abandoned block.

class QC {
  constructor(readonly round: bigint, readonly digest: string, readonly height: bigint, readonly sigs: Map<number, Uint8Array>) {}
}
class Sync {
  readonly kind = 'SYNC';
  constructor(readonly qc: QC) {}
}

const crypto = symbolicCrypto(1, 4);
const table = { issued: (s: string) => crypto.issued?.(s) };
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const qcOf = (round: bigint, digest: string, height: bigint): QC =>
  new QC(round, digest, height, new Map([0, 1, 2].map((who) => [who, bytes(crypto.sign(who, `vote|${round}|${digest}|${height}`))])));

function forger(claims?: ClaimBook): Forger {
  return { structure: structureCodec(undefined, table), pool: new ItemPool(), self: 3, n: 4, sign: (d) => crypto.sign(3, d), ...(claims === undefined ? {} : { claims }) };
}

describe('forged-certificate: alter grafts holder-signed votes onto an older certified value', () => {
  it('makes the newest QC certify the older block at its own height, one round later, keeping its class, bigints and signatures', () => {
    const f = forger(new ClaimBook());
    remember(f, new Sync(qcOf(2n, 'older-block', 2n)));
    const newest = new Sync(qcOf(3n, 'newest-block', 3n));
    remember(f, newest);
    const forged = forge(f, newest, 'alter', 0) as Sync;
    expect(forged).toBeInstanceOf(Sync);
    expect(forged.qc).toBeInstanceOf(QC);
    expect(forged.qc).toMatchObject({ round: 4n, digest: 'older-block', height: 3n });
    expect(forged.qc.sigs).toBe(newest.qc.sigs);
  });

  it('moves the rival\'s body with its digest in a collector\'s certificate of [signer, sig] tuples, keeping the slot', () => {
    const f = forger(new ClaimBook());
    const cert = (view: string, seq: number, digest: string, op: string) => ({
      t: 'cert', phase: 'c', view, seq, digest, batch: [{ client: 4, rid: seq, op }],
      proof: [0, 1, 2].map((w) => [w, crypto.sign(w, `share-c|${view}|${seq}|${digest}`)]),
    });
    remember(f, cert('0', 1, 'aaaa1111', 'put a 1'));
    const newest = cert('0', 2, 'bbbb2222', 'put b 2');
    remember(f, newest);
    // A stand-alone certificate keeps its view: a commit certificate for slot 2 carrying slot 1's batch under slot 2's votes.
    expect(forge(f, newest, 'alter', 1)).toEqual({ ...newest, digest: 'aaaa1111', batch: [{ client: 4, rid: 1, op: 'put a 1' }] });
    // Carried in a view change it is a proof carried forward: a view more, written as the decimal string the view was.
    expect(forge(f, { t: 'vc', log: { prepared: [newest] } }, 'alter', 0)).toMatchObject({ log: { prepared: [{ view: '1', seq: 2, digest: 'aaaa1111' }] } });
  });

  it('still alters the digest when no older claim is known', () => {
    const f = forger(new ClaimBook());
    const only = new Sync(qcOf(3n, 'newest-block', 3n));
    remember(f, only);
    expect((forge(f, only, 'alter', 0) as Sync).qc).toMatchObject({ round: 3n, digest: 'newest-block~' });
  });

  it('leaves votes that carry their own claim to the per-vote alteration', () => {
    const f = forger(new ClaimBook());
    const vote = (who: number, round: number, digest: string) => ({ type: 'VOTE', view: round, digest, sender: who, sig: crypto.sign(who, `VOTE|${round}|${digest}|${who}`) });
    remember(f, { type: 'QC', view: 2, digest: 'older', votes: [0, 1, 2].map((w) => vote(w, 2, 'older')) });
    const newest = { type: 'QC', view: 3, digest: 'newest', votes: [0, 1, 2].map((w) => vote(w, 3, 'newest')) };
    remember(f, newest);
    const forged = forge(f, newest, 'alter', 0) as typeof newest;
    expect(forged.view).toBe(3);
    expect(forged.votes[0]?.digest).toBe('newest~');
  });
});

// Replica 0 of the chained-HotStuff fixture (no codec; a QC is a list [view, hash, [[signer, sig], …]])
// doctors every second message it sends that holds a QC: the newest QC's votes grafted onto an older
// block, a view later. Replica 1's messages are lost from 200 ms to 4.2 s, so it alone decided what the
// others, taking the graft as their newest lock, then fork away from.
const PLAN: ForgedCertificateParams = {
  forgery: 'alter', pick: 1, everyK: 2, inbound: false, outbound: true, rival: false, victim: 0, isolateMs: 0,
  equivocate: false, cutMs: 0, amnesiac: false, olderViewsMs: 0, splitFirst: false,
};

function planScenario(bug: 'none' | 'qc-unchecked'): Scenario {
  return forgedPlanScenario(PLAN, {
    node: 0,
    requests: [{ client: 0, atMs: 0, operation: 'put a 0' }, { client: 0, atMs: 0, operation: 'put b 1' }, { client: 0, atMs: 300, operation: 'put c 2' }],
    parts: {
      targetOptions: { bug },
      network: { delayMsMin: 1, delayMsMax: 5, preGstDelayMsMax: 5, dropPercent: 0, partitions: [{ startMs: 200, endMs: 4_200, side: [1], direction: 'out' }] },
      gstMs: 4_200,
    },
  });
}

describe('forged-certificate: a grafted QC on a list-shaped certificate of tuple votes, codec-free', () => {
  const target = chainedHotstuff as unknown as Target<unknown>;

  it('breaks agreement in a replica that counts a QC\'s signers without checking their signatures', async () => {
    expect((await verdictOf(target, planScenario('qc-unchecked'))).violations).toEqual(['agreement']);
  });

  it('the correct fixture survives the same plan', async () => {
    await expectSurvives(target, planScenario('none'));
  });
});
