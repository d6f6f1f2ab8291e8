import { clientRequestSigningData } from '../src/adapter/contract.js';
import { describe, expect, it } from 'vitest';
import type { ClientRequest, NodeId, ReplicaContext } from '../src/adapter/contract.js';
import { symbolicCrypto } from '../src/crypto/symbolic.js';
import { PbftReplica, type PbftMessage } from '../targets/pbft/index.js';
import {
  batchDigest, NULL_DIGEST, seal,
  type CheckpointMsg, type NewViewMsg, type PrePrepareMsg, type PrepareMsg, type PreparedCert, type ViewChangeMsg,
} from '../targets/pbft/messages.js';
import { computeNewViewO, type NewViewPlan } from '../targets/pbft/view-change.js';

const N = 4;
const CLIENT = N;
const crypto = symbolicCrypto(1, N + 1);
const signer = (node: NodeId) => (data: string): string => crypto.sign(node, data);
const req = (requestId: number, operation = `put a ${requestId}`): ClientRequest => {
  const unsigned = { client: CLIENT, requestId, operation };
  return { ...unsigned, signature: crypto.sign(CLIENT, clientRequestSigningData(unsigned)) };
};

function pp(view: number, seq: number, requests: readonly ClientRequest[], from = view % N): PrePrepareMsg {
  return seal<PrePrepareMsg>({ type: 'PRE-PREPARE', view, seq, digest: batchDigest(requests), requests, sender: from, sig: '' }, signer(from));
}

function prep(view: number, seq: number, digest: string, from: NodeId): PrepareMsg {
  return seal<PrepareMsg>({ type: 'PREPARE', view, seq, digest, sender: from, sig: '' }, signer(from));
}

/** A prepared certificate for `requests` at (view, seq): the primary's PRE-PREPARE and 2f = 2 PREPAREs from backups. */
function cert(view: number, seq: number, requests: readonly ClientRequest[]): PreparedCert {
  const p = pp(view, seq, requests);
  const backups = [0, 1, 2, 3].filter((i) => i !== view % N).slice(0, 2);
  return { prePrepare: p, prepares: backups.map((b) => prep(view, seq, p.digest, b)) };
}

function ckpt(seq: number, digest: string, from: NodeId): CheckpointMsg {
  return seal<CheckpointMsg>({ type: 'CHECKPOINT', seq, digest, sender: from, sig: '' }, signer(from));
}

function vc(view: number, from: NodeId, prepared: readonly PreparedCert[], stable = 0, stableDigest = 'state'): ViewChangeMsg {
  const proof = stable === 0 ? [] : [0, 1, 2].map((i) => ckpt(stable, stableDigest, i));
  return seal<ViewChangeMsg>({ type: 'VIEW-CHANGE', view, seq: stable, checkpointProof: proof, prepared, sender: from, sig: '' }, signer(from));
}

function summary(plan: NewViewPlan): [number, string][] {
  return plan.entries.map((e) => [e.seq, e.digest]);
}

describe('computeNewViewO', () => {
  it('re-proposes each prepared request above min-s and fills gaps with null requests', () => {
    const a = [req(1, 'put a 1')];
    const c = [req(3, 'put c 3')];
    const plan = computeNewViewO([vc(1, 1, [cert(0, 1, a)]), vc(1, 2, [cert(0, 3, c)]), vc(1, 3, [])]);
    expect(plan.minS).toBe(0);
    expect(plan.maxS).toBe(3);
    expect(summary(plan)).toEqual([[1, batchDigest(a)], [2, NULL_DIGEST], [3, batchDigest(c)]]);
    expect(plan.entries[1]?.requests).toEqual([]);
    expect(plan.entries[2]?.requests).toEqual(c);
  });

  it('takes, for each seq, the certificate of the highest view', () => {
    const old = [req(1, 'put a old')];
    const newer = [req(2, 'put a new')];
    const plan = computeNewViewO([vc(3, 1, [cert(0, 5, old)]), vc(3, 2, [cert(2, 5, newer)]), vc(3, 3, [cert(0, 5, old)])]);
    expect(summary(plan).at(-1)).toEqual([5, batchDigest(newer)]);
  });

  it('keeps a prepared certificate from an older view when no later view prepared that seq', () => {
    const fromView0 = [req(1, 'transfer 10 alice bob')];
    const fromView1 = [req(2, 'get a')];
    const plan = computeNewViewO([vc(2, 1, [cert(0, 1, fromView0), cert(1, 2, fromView1)]), vc(2, 2, []), vc(2, 3, [])]);
    expect(summary(plan)).toEqual([[1, batchDigest(fromView0)], [2, batchDigest(fromView1)]]);
  });

  it('starts after the latest stable checkpoint in V and ignores certificates at or below it', () => {
    const low = [req(1, 'put a 1')];
    const high = [req(9, 'put z 9')];
    const plan = computeNewViewO([vc(1, 1, [cert(0, 3, low)]), vc(1, 2, [cert(0, 7, high)], 5, 'd5'), vc(1, 3, [], 2, 'd2')]);
    expect(plan.minS).toBe(5);
    expect(plan.checkpointSource?.sender).toBe(2);
    expect(summary(plan)).toEqual([[6, NULL_DIGEST], [7, batchDigest(high)]]);
  });

  it('is empty when nothing prepared above min-s', () => {
    const plan = computeNewViewO([vc(1, 1, []), vc(1, 2, []), vc(1, 3, [], 5, 'd5')]);
    expect(plan).toMatchObject({ minS: 5, maxS: 5, entries: [] });
  });

  it('does not depend on the order of V', () => {
    const v = [vc(2, 1, [cert(0, 1, [req(1)])]), vc(2, 2, [cert(1, 1, [req(2)])]), vc(2, 3, [cert(0, 2, [req(3)])])];
    expect(summary(computeNewViewO(v))).toEqual(summary(computeNewViewO([...v].reverse())));
  });
});

/** Exposes a backup's view state. */
class Backup extends PbftReplica {
  get currentView(): number {
    return this.view;
  }
  get isActive(): boolean {
    return this.active;
  }
}

function backup(id: NodeId): { replica: Backup; sent: PbftMessage[] } {
  const sent: PbftMessage[] = [];
  const ctx: ReplicaContext<PbftMessage> = {
    config: { id, n: N, f: 1, clients: [CLIENT] },
    send: (_to, payload) => sent.push(payload),
    broadcast: (payload) => sent.push(payload),
    setTimer: () => undefined, cancelTimer: () => undefined, commit: () => undefined, execute: () => undefined,
    reply: () => undefined, log: () => undefined, now: () => 0, random: () => 0.5,
    installState: () => undefined,
    sign: signer(id),
    verify: (s, d, sig) => crypto.verify(s, d, sig),
  };
  return { replica: new Backup(ctx), sent };
}

/** A NEW-VIEW for view 1 from primary 1 whose O is what the given V implies, then optionally tampered. */
function newView(v: readonly ViewChangeMsg[], tamper: (o: PrePrepareMsg[]) => PrePrepareMsg[] = (o) => o): NewViewMsg {
  const plan = computeNewViewO(v);
  const o = plan.entries.map((e) => seal<PrePrepareMsg>({ type: 'PRE-PREPARE', view: 1, seq: e.seq, digest: e.digest, requests: e.requests, sender: 1, sig: '' }, signer(1)));
  return seal<NewViewMsg>({ type: 'NEW-VIEW', view: 1, viewChanges: v, prePrepares: tamper(o), sender: 1, sig: '' }, signer(1));
}

describe('a backup checking a NEW-VIEW', () => {
  const prepared = cert(0, 1, [req(1)]);
  const v = [vc(1, 1, [prepared]), vc(1, 2, []), vc(1, 3, [])];

  it('enters the view and prepares the PRE-PREPAREs of O when O is what V implies', () => {
    const { replica, sent } = backup(2);
    replica.onMessage(1, newView(v));
    expect([replica.currentView, replica.isActive]).toEqual([1, true]);
    expect(sent.filter((m) => m.type === 'PREPARE').map((m) => (m as PrepareMsg).seq)).toEqual([1]);
  });

  it('rejects an O that drops a prepared request or swaps it for another', () => {
    const dropped = backup(2);
    dropped.replica.onMessage(1, newView(v, () => []));
    expect(dropped.replica.currentView).toBe(0);
    const swapped = backup(2);
    const other = pp(1, 1, [req(1, 'put a 666')], 1);
    swapped.replica.onMessage(1, newView(v, () => [other]));
    expect(swapped.replica.currentView).toBe(0);
  });

  it('rejects V with fewer than 2f+1 VIEW-CHANGEs, or with one from the same sender twice', () => {
    const few = backup(2);
    few.replica.onMessage(1, newView(v.slice(0, 2)));
    expect(few.replica.currentView).toBe(0);
    const twice = backup(2);
    twice.replica.onMessage(1, newView([v[0] as ViewChangeMsg, v[1] as ViewChangeMsg, v[1] as ViewChangeMsg]));
    expect(twice.replica.currentView).toBe(0);
  });

  it('rejects V whose prepared certificate carries a forged PREPARE', () => {
    const forged: PreparedCert = { prePrepare: prepared.prePrepare, prepares: [prepared.prepares[0] as PrepareMsg, { ...(prepared.prepares[1] as PrepareMsg), sig: 'sig:3:0' }] };
    const { replica } = backup(2);
    replica.onMessage(1, newView([vc(1, 1, [forged]), vc(1, 2, []), vc(1, 3, [])]));
    expect(replica.currentView).toBe(0);
  });

  it('rejects a NEW-VIEW that is not from the primary of the new view', () => {
    const { replica } = backup(2);
    const nv = newView(v);
    replica.onMessage(3, seal<NewViewMsg>({ ...nv, sender: 3, sig: '' }, signer(3)));
    expect(replica.currentView).toBe(0);
  });
});

describe('joining a view change', () => {
  it('happens on f+1 VIEW-CHANGEs for higher views from other replicas, not on f', () => {
    const { replica, sent } = backup(3);
    replica.onMessage(1, vc(1, 1, []));
    expect(sent.filter((m) => m.type === 'VIEW-CHANGE')).toEqual([]);
    replica.onMessage(2, vc(2, 2, []));
    const mine = sent.filter((m) => m.type === 'VIEW-CHANGE') as ViewChangeMsg[];
    expect(mine.map((m) => m.view)).toEqual([1]);
    expect(replica.isActive).toBe(false);
  });

  it('reports the replica’s prepared certificates in its VIEW-CHANGE when its timer expires', () => {
    const { replica, sent } = backup(2);
    const p = pp(0, 1, [req(1)]);
    replica.onMessage(0, p);
    replica.onMessage(3, prep(0, 1, p.digest, 3));
    replica.onTimer('view-change');
    const mine = sent.find((m) => m.type === 'VIEW-CHANGE') as ViewChangeMsg;
    expect(mine.view).toBe(1);
    expect(mine.prepared.map((c) => [c.prePrepare.seq, c.prePrepare.digest, c.prepares.length])).toEqual([[1, p.digest, 2]]);
  });
});
