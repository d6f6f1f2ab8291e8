/**
 * A Byzantine new leader forging its own NEW-VIEW: the PRE-PREPAREs in it are items only it signed,
 * so it can rewrite them and sign them afresh (src/own-lists.ts); only a receiver that recomputes O
 * from V and compares every entry refuses it. Pinned against a hand-made copy of the reference
 * whose comparison checks seqs but not digests. (With the codec withheld the items are found and
 * re-signed by discovery, but the reference signs its NEW-VIEW over a text of the nested seqs and
 * digests that discovery cannot rebuild, so that half is pinned in own-lists' unit tests only.)
 */
import { describe, expect, it } from 'vitest';
import type { ForgedCertificateParams } from '../adversaries/forged-certificate.js';
import type { Target } from '../src/adapter/contract.js';
import { resignLikeOriginal } from '../src/adapter/discovery.js';
import { symbolicCrypto } from '../src/crypto/symbolic.js';
import { ownLists, forgeOwnList, structureCodec } from '../src/strategy-kit.js';
import type { Scenario } from '../src/scenario/types.js';
import pbft, { pbftCodec, PbftReplica } from '../targets/pbft/index.js';
import { seal, type NewViewMsg, type PrePrepareMsg } from '../targets/pbft/messages.js';
import { computeNewViewO, type NewViewPlan } from '../targets/pbft/view-change.js';
import { zooTarget } from '../targets/zoo/kit.js';
import { forgedPlanScenario, verdictOf, expectSurvives } from './fixtures/forged-plan.js';

/** The reference with one change: a NEW-VIEW's PRE-PREPAREs are compared with O by seq only, not by digest. */
class SeqsOnlyNewView extends PbftReplica {
  protected override validateNewView(nv: NewViewMsg): NewViewPlan | null {
    const senders = new Set<number>();
    for (const vc of nv.viewChanges) {
      if (senders.has(vc.sender) || !this.acceptsNewViewVote(nv, vc)) return null;
      senders.add(vc.sender);
    }
    if (senders.size < this.viewChangeQuorum()) return null;
    const plan = computeNewViewO(nv.viewChanges);
    if (nv.prePrepares.length !== plan.entries.length || nv.prePrepares.some((pp, i) => pp.seq !== plan.entries[i]?.seq)) return null;
    for (const pp of nv.prePrepares) if (pp.view !== nv.view || pp.sender !== nv.sender || !this.batchIsValid(pp) || !this.verifyMessage(pp)) return null;
    return plan;
  }
}

const seqsOnly = zooTarget('new-view-seqs-only', { description: 'compares a NEW-VIEW\'s PRE-PREPAREs with O by seq only', expected: 'agreement' }, (ctx) => new SeqsOnlyNewView(ctx)) as Target<unknown>;

/** Replica 1 leads view 1; replica 0's messages are lost for 900 ms, so it alone may decide what view 0 prepared. */
const PLAN: ForgedCertificateParams = { forgery: 'claim', pick: 0, everyK: 8, inbound: false, outbound: true, rival: false, victim: 0, isolateMs: 900, equivocate: false, cutMs: 0, amnesiac: false, olderViewsMs: 0, splitFirst: false };

function planScenario(params: ForgedCertificateParams, parts: Partial<Scenario> = {}): Scenario {
  const requests = [{ client: 0, atMs: 0, operation: 'put a 1' }, { client: 1, atMs: 0, operation: 'put b 2' }, { client: 0, atMs: 30, operation: 'put a 3' }, { client: 1, atMs: 30, operation: 'put b 4' }];
  return forgedPlanScenario(params, { node: 1, requests, parts });
}

describe('forged-certificate: a new leader relabels the PRE-PREPAREs of its own NEW-VIEW, re-signed', () => {
  it('breaks agreement in a copy of the reference that compares O by seq only', async () => {
    expect((await verdictOf(seqsOnly, planScenario(PLAN))).violations).toContain('agreement');
  });

  it('the reference PBFT survives the same plan: every property holds, every request is accepted', async () => {
    await expectSurvives(pbft as Target<unknown>, planScenario(PLAN));
  });

  it('an odd pick leaves its NEW-VIEW to the certificate forgeries, and the copy survives', async () => {
    expect((await verdictOf(seqsOnly, planScenario({ ...PLAN, pick: 1 }))).violations).toEqual([]);
  });
});

describe('own lists', () => {
  const sign = (data: string): string => `sig(1:${data})`;
  const pp = (seq: number, digest: string): PrePrepareMsg => seal<PrePrepareMsg>({ type: 'PRE-PREPARE', view: 1, seq, digest, requests: [], sender: 1, sig: '' }, sign);
  const nv = seal<NewViewMsg>({ type: 'NEW-VIEW', view: 1, viewChanges: [], prePrepares: [pp(1, 'a'), pp(2, 'b')], sender: 1, sig: '' }, sign);
  const forger = { structure: structureCodec(pbftCodec, undefined), self: 1, n: 4 };
  const renew = (_original: unknown, changed: unknown): unknown => pbftCodec.resign?.(changed as NewViewMsg, sign);

  it('are the lists of items only the forger signed: a leader\'s PRE-PREPAREs, not its V', () => {
    expect(ownLists(forger, nv).map((l) => l.path)).toEqual([['prePrepares']]);
    expect(ownLists({ ...forger, self: 2 }, nv)).toEqual([]);
  });

  it('relabel the next item\'s content to a slot, signed afresh', () => {
    const [list] = ownLists(forger, nv);
    const forged = forgeOwnList(forger, renew, nv, list as NonNullable<typeof list>, 'claim', 0) as NewViewMsg;
    expect(forged.prePrepares.map((p) => [p.seq, p.digest])).toEqual([[1, 'b'], [2, 'b']]);
    expect(forged.prePrepares[0]?.sig).toBe(pbftCodec.resign?.({ ...pp(2, 'b'), seq: 1 }, sign).sig);
  });

  it('are found and re-signed by discovery alone, for a message signed over its JSON', () => {
    const crypto = symbolicCrypto(1, 5);
    const table = { issued: (sig: string) => crypto.issued?.(sig) };
    const jsonSign = (node: number, m: Record<string, unknown>): Record<string, unknown> => ({ ...m, sig: crypto.sign(node, JSON.stringify(m)) });
    const proposal = (seq: number, digest: string) => jsonSign(1, { kind: 'propose', round: 1, height: seq, hash: digest, from: 1 });
    const vote = jsonSign(2, { kind: 'vote', round: 0, height: 1, hash: 'a', from: 2 });
    const msg = jsonSign(1, { kind: 'sync', round: 1, votes: [vote], proposals: [proposal(1, 'a'), proposal(2, 'b')], from: 1 });
    const bare = { structure: structureCodec(undefined, table), self: 1, n: 4 };
    const lists = ownLists(bare, msg);
    expect(lists.map((l) => l.path)).toEqual([['proposals']]);
    const renewJson = (original: unknown, changed: unknown): unknown => resignLikeOriginal(original, changed, table, (data) => crypto.sign(1, data));
    const forged = forgeOwnList(bare, renewJson, msg, lists[0] as NonNullable<(typeof lists)[0]>, 'alter', 0) as { proposals: Record<string, unknown>[] };
    const moved = forged.proposals[0] as Record<string, unknown>;
    expect(moved['height']).toBe(2);
    const { sig, ...rest } = moved;
    expect(crypto.verify(1, JSON.stringify(rest), sig as string)).toBe(true);
  });
});
