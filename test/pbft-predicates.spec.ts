import { clientRequestSigningData } from '../src/adapter/contract.js';
import { describe, expect, it } from 'vitest';
import type { ClientRequest, NodeId, ReplicaContext } from '../src/adapter/contract.js';
import { faultsTolerated } from '../src/adapter/contract.js';
import type { CryptoProvider } from '../src/crypto/provider.js';
import { symbolicCrypto } from '../src/crypto/symbolic.js';
import { PbftReplica, type PbftMessage, type PbftOptions } from '../targets/pbft/index.js';
import type { Slot } from '../targets/pbft/log.js';
import {
  batchDigest, seal, type CheckpointMsg, type CommitMsg, type PrePrepareMsg, type PrepareMsg,
} from '../targets/pbft/messages.js';

/** Exposes the predicates under test. */
class Probe extends PbftReplica {
  slotOf(seq: number): Slot | undefined {
    return this.log.find(seq);
  }
  prepared(seq: number): boolean {
    const s = this.log.find(seq);
    return s !== undefined && this.isPrepared(s);
  }
  committedLocal(seq: number): boolean {
    const s = this.log.find(seq);
    return s !== undefined && this.isCommittedLocal(s);
  }
  watermarked(seq: number): boolean {
    return this.inWatermarks(seq);
  }
}

interface Harness {
  readonly replica: Probe;
  readonly crypto: CryptoProvider;
  readonly sent: { to: NodeId | 'all'; payload: PbftMessage }[];
  readonly executed: { seq: number; operation: string }[];
  readonly replies: { client: NodeId; requestId: number; result: string }[];
  readonly commits: { seq: number; value: string }[];
}

const N = 4;
const F = faultsTolerated(N);
const CLIENT = N;

// One provider for every harness of this file, so a client-signed request verifies at any replica.
const CRYPTO = symbolicCrypto(1, N + 3);

function harness(id: NodeId, options: Partial<PbftOptions> = {}): Harness {
  const crypto = CRYPTO;
  const h: Omit<Harness, 'replica'> = { crypto, sent: [], executed: [], replies: [], commits: [] };
  let time = 0;
  const ctx: ReplicaContext<PbftMessage> = {
    config: { id, n: N, f: F, clients: [CLIENT, CLIENT + 1, CLIENT + 2] },
    send: (to, payload) => h.sent.push({ to, payload }),
    broadcast: (payload) => h.sent.push({ to: 'all', payload }),
    setTimer: () => undefined,
    cancelTimer: () => undefined,
    commit: (seq, value) => h.commits.push({ seq, value }),
    execute: (seq, operation) => h.executed.push({ seq, operation }),
    reply: (client, requestId, result) => h.replies.push({ client, requestId, result }),
    installState: () => undefined,
    log: () => undefined,
    now: () => time++,
    random: () => 0.5,
    sign: (data) => crypto.sign(id, data),
    verify: (signer, data, sig) => crypto.verify(signer, data, sig),
  };
  return { ...h, replica: new Probe(ctx, options) };
}

const req = (requestId: number, operation = `put a ${requestId}`, client: NodeId = CLIENT): ClientRequest => {
  const unsigned = { client, requestId, operation };
  return { ...unsigned, signature: CRYPTO.sign(client, clientRequestSigningData(unsigned)) };
};

function signer(h: Harness, node: NodeId): (data: string) => string {
  return (data) => h.crypto.sign(node, data);
}

function prePrepare(h: Harness, seq: number, requests: readonly ClientRequest[], opts: { view?: number; from?: NodeId; digest?: string } = {}): PrePrepareMsg {
  const view = opts.view ?? 0;
  const from = opts.from ?? view % N;
  return seal<PrePrepareMsg>({ type: 'PRE-PREPARE', view, seq, digest: opts.digest ?? batchDigest(requests), requests, sender: from, sig: '' }, signer(h, from));
}

function prepare(h: Harness, from: NodeId, seq: number, digest: string, view = 0): PrepareMsg {
  return seal<PrepareMsg>({ type: 'PREPARE', view, seq, digest, sender: from, sig: '' }, signer(h, from));
}

function commit(h: Harness, from: NodeId, seq: number, digest: string, view = 0): CommitMsg {
  return seal<CommitMsg>({ type: 'COMMIT', view, seq, digest, sender: from, sig: '' }, signer(h, from));
}

function checkpoint(h: Harness, from: NodeId, seq: number, digest: string): CheckpointMsg {
  return seal<CheckpointMsg>({ type: 'CHECKPOINT', seq, digest, sender: from, sig: '' }, signer(h, from));
}

const deliver = (h: Harness, m: PbftMessage): void => h.replica.onMessage(m.sender, m);

/** Drives backup 1 through one full agreement on `requests` at `seq` (view 0, primary 0). */
function agree(h: Harness, seq: number, requests: readonly ClientRequest[]): void {
  const pp = prePrepare(h, seq, requests);
  deliver(h, pp);
  deliver(h, prepare(h, 2, seq, pp.digest));
  deliver(h, commit(h, 0, seq, pp.digest));
  deliver(h, commit(h, 2, seq, pp.digest));
}

describe('prepared(m, v, n, i)', () => {
  it('holds with the PRE-PREPARE and 2f matching PREPAREs from distinct backups, not with 2f−1', () => {
    const h = harness(1);
    const pp = prePrepare(h, 1, [req(1)]);
    deliver(h, pp);
    expect(h.replica.prepared(1)).toBe(false); // only its own PREPARE: 1 = 2f − 1
    deliver(h, prepare(h, 2, 1, pp.digest));
    expect(h.replica.prepared(1)).toBe(true);
    expect(h.sent.some((s) => s.payload.type === 'COMMIT')).toBe(true);
  });

  it('ignores PREPAREs whose digest differs from the PRE-PREPARE', () => {
    const h = harness(1);
    const pp = prePrepare(h, 1, [req(1)]);
    deliver(h, pp);
    deliver(h, prepare(h, 2, 1, 'other-digest'));
    deliver(h, prepare(h, 3, 1, 'other-digest'));
    expect(h.replica.prepared(1)).toBe(false);
  });

  it('counts each sender once, however often its PREPARE is delivered', () => {
    const h = harness(1);
    const pp = prePrepare(h, 1, [req(1)]);
    const fromTwo = prepare(h, 2, 1, pp.digest);
    deliver(h, fromTwo);
    deliver(h, fromTwo);
    expect(h.replica.slotOf(1)?.prepares.size).toBe(1);
    expect(h.replica.prepared(1)).toBe(false); // no PRE-PREPARE yet
    deliver(h, pp);
    expect(h.replica.prepared(1)).toBe(true);
  });

  it('never counts a PREPARE from the primary', () => {
    const h = harness(1);
    const pp = prePrepare(h, 1, [req(1)]);
    deliver(h, pp);
    deliver(h, prepare(h, 0, 1, pp.digest));
    expect(h.replica.prepared(1)).toBe(false);
  });
});

describe('committed-local(m, v, n, i)', () => {
  it('needs prepared plus 2f+1 matching COMMITs from distinct replicas, and then executes', () => {
    const h = harness(1);
    const pp = prePrepare(h, 1, [req(1)]);
    deliver(h, pp);
    deliver(h, prepare(h, 2, 1, pp.digest));
    deliver(h, commit(h, 2, 1, pp.digest));
    deliver(h, commit(h, 2, 1, pp.digest));
    expect(h.replica.committedLocal(1)).toBe(false); // own + 2 = 2f
    deliver(h, commit(h, 3, 1, 'other-digest'));
    expect(h.replica.committedLocal(1)).toBe(false);
    expect(h.executed).toEqual([]);
    deliver(h, commit(h, 0, 1, pp.digest));
    expect(h.replica.committedLocal(1)).toBe(true);
    expect(h.commits).toEqual([{ seq: 1, value: pp.digest }]);
    expect(h.executed).toEqual([{ seq: 1, operation: 'put a 1' }]);
    expect(h.replies).toEqual([{ client: CLIENT, requestId: 1, result: 'ok' }]);
  });

  it('does not hold on COMMITs alone, without being prepared', () => {
    const h = harness(1);
    const pp = prePrepare(h, 1, [req(1)]);
    deliver(h, pp);
    for (const from of [0, 2, 3]) deliver(h, commit(h, from, 1, pp.digest));
    expect(h.replica.committedLocal(1)).toBe(false);
    expect(h.executed).toEqual([]);
  });
});

describe('accepting a PRE-PREPARE', () => {
  it('rejects one from a replica that is not the primary of the view', () => {
    const h = harness(1);
    deliver(h, prePrepare(h, 1, [req(1)], { from: 2 }));
    expect(h.replica.slotOf(1)?.prePrepare ?? null).toBeNull();
    expect(h.sent).toEqual([]);
  });

  it('rejects one for another view, or whose digest is not the digest of its batch', () => {
    const h = harness(1);
    deliver(h, prePrepare(h, 1, [req(1)], { view: 1, from: 0 }));
    deliver(h, prePrepare(h, 1, [req(1)], { digest: 'forged' }));
    expect(h.sent).toEqual([]);
  });

  it('never accepts two different digests for the same (v, n)', () => {
    const h = harness(1);
    const first = prePrepare(h, 1, [req(1)]);
    deliver(h, first);
    deliver(h, prePrepare(h, 1, [req(1, 'put a 666')]));
    expect(h.replica.slotOf(1)?.prePrepare?.digest).toBe(first.digest);
    expect(h.sent.filter((s) => s.payload.type === 'PREPARE')).toHaveLength(1);
  });

  it('drops messages with a bad signature or an unknown sender', () => {
    const h = harness(1);
    const pp = prePrepare(h, 1, [req(1)]);
    deliver(h, { ...pp, sig: h.crypto.sign(2, 'PP|0|1|x|0') });
    deliver(h, { ...pp, sender: 7 });
    expect(h.sent).toEqual([]);
    deliver(h, pp);
    expect(h.sent).toHaveLength(1);
  });

  it('drops malformed payloads instead of throwing', () => {
    const h = harness(1);
    for (const junk of [null, 3, 'x', {}, { type: 'PREPARE' }, { type: 'PRE-PREPARE', view: 0, seq: 1, digest: 'd', requests: 'no', sender: 0, sig: '' }]) {
      expect(() => h.replica.onMessage(0, junk as unknown as PbftMessage)).not.toThrow();
    }
    expect(h.sent).toEqual([]);
  });
});

describe('watermarks', () => {
  it('accept h < n ≤ h + L only, and move up when a checkpoint becomes stable', () => {
    const h = harness(1, { checkpointInterval: 2, logWindow: 4 });
    expect([0, 1, 4, 5].map((s) => h.replica.watermarked(s))).toEqual([false, true, true, false]);
    deliver(h, prePrepare(h, 5, [req(5)]));
    expect(h.sent).toEqual([]);
    agree(h, 1, [req(1)]);
    agree(h, 2, [req(2)]);
    const mine = h.sent.find((s) => s.payload.type === 'CHECKPOINT')?.payload as CheckpointMsg;
    expect(mine.seq).toBe(2);
    deliver(h, checkpoint(h, 0, 2, mine.digest));
    expect(h.replica.inspect().stable).toBe(0);
    deliver(h, checkpoint(h, 2, 2, mine.digest));
    expect(h.replica.inspect().stable).toBe(2);
    expect([2, 3, 6, 7].map((s) => h.replica.watermarked(s))).toEqual([false, true, true, false]);
    expect(h.replica.slotOf(1)).toBeUndefined(); // garbage-collected
  });
});

describe('stable checkpoints', () => {
  it('need 2f+1 CHECKPOINTs with the same digest from distinct replicas', () => {
    const h = harness(1, { checkpointInterval: 1 });
    agree(h, 1, [req(1)]);
    const mine = h.sent.find((s) => s.payload.type === 'CHECKPOINT')?.payload as CheckpointMsg;
    deliver(h, checkpoint(h, 2, 1, 'different-state'));
    deliver(h, checkpoint(h, 3, 1, 'different-state'));
    expect(h.replica.inspect().stable).toBe(0);
    deliver(h, checkpoint(h, 0, 1, mine.digest));
    expect(h.replica.inspect().stable).toBe(0);
    deliver(h, checkpoint(h, 3, 1, mine.digest)); // 3 already voted for another digest
    expect(h.replica.inspect().stable).toBe(0);
  });

  it('become stable with own + 2f matching votes', () => {
    const h = harness(1, { checkpointInterval: 1 });
    agree(h, 1, [req(1)]);
    const mine = h.sent.find((s) => s.payload.type === 'CHECKPOINT')?.payload as CheckpointMsg;
    deliver(h, checkpoint(h, 0, 1, mine.digest));
    deliver(h, checkpoint(h, 3, 1, mine.digest));
    expect(h.replica.inspect().stable).toBe(1);
  });
});

describe('execution', () => {
  it('is strictly in sequence order: a later committed batch waits for the gap', () => {
    const h = harness(1);
    agree(h, 2, [req(2, 'put b 2')]);
    expect(h.commits.map((c) => c.seq)).toEqual([2]);
    expect(h.executed).toEqual([]);
    agree(h, 1, [req(1, 'put a 1')]);
    expect(h.executed).toEqual([{ seq: 1, operation: 'put a 1' }, { seq: 2, operation: 'put b 2' }]);
  });

  it('executes a request at most once and answers its retransmission with the stored reply', () => {
    const h = harness(1);
    agree(h, 1, [req(1)]);
    agree(h, 2, [req(1)]);
    expect(h.executed).toEqual([{ seq: 1, operation: 'put a 1' }]);
    expect(h.replica.inspect().lastExecuted).toBe(2);
    h.replies.length = 0;
    h.replica.onRequest(req(1));
    expect(h.replies).toEqual([{ client: CLIENT, requestId: 1, result: 'ok' }]);
    expect(h.sent.filter((s) => s.payload.type === 'REQUEST')).toEqual([]);
  });

  it('runs a batch as one sequence number with one execution per request', () => {
    const h = harness(1);
    agree(h, 1, [req(1, 'put a 1'), req(2, 'get a', CLIENT)]);
    expect(h.executed).toEqual([{ seq: 1, operation: 'put a 1' }, { seq: 1, operation: 'get a' }]);
    expect(h.replies.map((r) => r.result)).toEqual(['ok', '1']);
  });
});

describe('client requests at a backup', () => {
  it('are forwarded to the primary, signed', () => {
    const h = harness(2);
    h.replica.onRequest(req(1));
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]?.to).toBe(0);
    expect(h.sent[0]?.payload.type).toBe('REQUEST');
  });

  it('are ignored when they name no known client', () => {
    const h = harness(2);
    h.replica.onRequest({ client: 99, requestId: 1, operation: 'put a 1' });
    h.replica.onRequest({ client: 1, requestId: 1, operation: 'put a 1' });
    expect(h.sent).toEqual([]);
  });
});

describe('the primary', () => {
  it('assigns the next sequence number, and batches requests that arrive while the pipeline is full', () => {
    const h = harness(0, { pipelineDepth: 1 });
    h.replica.onRequest(req(1));
    h.replica.onRequest(req(1, 'get a', CLIENT + 1));
    h.replica.onRequest(req(1, 'get b', CLIENT + 2));
    const proposals = (): PrePrepareMsg[] => h.sent.filter((x) => x.payload.type === 'PRE-PREPARE').map((x) => x.payload as PrePrepareMsg);
    expect(proposals().map((p) => p.seq)).toEqual([1]);
    const first = proposals()[0] as PrePrepareMsg;
    for (const from of [1, 2]) deliver(h, prepare(h, from, 1, first.digest));
    for (const from of [1, 2]) deliver(h, commit(h, from, 1, first.digest));
    expect(h.executed.map((e) => e.seq)).toEqual([1]);
    const second = proposals()[1] as PrePrepareMsg;
    expect(second.seq).toBe(2);
    expect(second.requests.map((r) => r.operation)).toEqual(['get a', 'get b']);
  });

  it('proposes one request per sequence number when batching is off', () => {
    const h = harness(0, { batching: false });
    h.replica.onRequest(req(1));
    h.replica.onRequest(req(1, 'get a', CLIENT + 1));
    const pps = h.sent.filter((x) => x.payload.type === 'PRE-PREPARE').map((x) => x.payload as PrePrepareMsg);
    expect(pps.map((p) => [p.seq, p.requests.length])).toEqual([[1, 1], [2, 1]]);
  });
});
