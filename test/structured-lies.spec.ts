import { describe, expect, it } from 'vitest';
import type { NodeId, ReplicaContext } from '../src/adapter/contract.js';
import { symbolicCrypto } from '../src/crypto/symbolic.js';
import { lyingProofs } from '../adversaries/lying-proofs.js';
import { withoutCertificates } from '../adversaries/kit.js';
import { pbftCodec } from '../targets/pbft/codec.js';
import { batchDigest, seal, signingText, type CheckpointMsg, type NewViewMsg, type PrePrepareMsg, type PrepareMsg, type ViewChangeMsg } from '../targets/pbft/messages.js';

const crypto = symbolicCrypto(1, 5);
const signer = (node: NodeId) => (data: string): string => crypto.sign(node, data);
const requests = [{ client: 4, requestId: 1, operation: 'put a 1' }];
const pp = seal<PrePrepareMsg>({ type: 'PRE-PREPARE', view: 0, seq: 1, digest: batchDigest(requests), requests, sender: 0, sig: '' }, signer(0));
const prepare = (from: NodeId): PrepareMsg => seal<PrepareMsg>({ type: 'PREPARE', view: 0, seq: 1, digest: pp.digest, sender: from, sig: '' }, signer(from));
const ck = (from: NodeId): CheckpointMsg => seal<CheckpointMsg>({ type: 'CHECKPOINT', seq: 0, digest: 'genesis', sender: from, sig: '' }, signer(from));
const vc = (from: NodeId): ViewChangeMsg =>
  seal<ViewChangeMsg>({ type: 'VIEW-CHANGE', view: 1, seq: 0, checkpointProof: [ck(0), ck(1), ck(2)], prepared: [{ prePrepare: pp, prepares: [prepare(1), prepare(2)] }], sender: from, sig: '' }, signer(from));
const newView = seal<NewViewMsg>({ type: 'NEW-VIEW', view: 1, viewChanges: [vc(1), vc(2), vc(3)], prePrepares: [], sender: 1, sig: '' }, signer(1));

/** What lying-proofs (plan [v]) puts on the wire when its honest code broadcasts `message` from replica 1. */
function lieAbout(message: unknown, v: number, codec = pbftCodec as never): unknown {
  const sent: unknown[] = [];
  const ctx = {
    config: { id: 1, n: 4, f: 1, clients: [4] }, send: (_to: NodeId, payload: unknown) => sent.push(payload), broadcast: () => undefined,
    sign: signer(1), verify: () => true,
  } as unknown as ReplicaContext<unknown>;
  const replica = lyingProofs.enact({ ctx, codec, coalition: [1], blackboard: new Map(), createHonest: (c) => ({ init: () => c.send(0, message), onMessage: () => undefined, onRequest: () => undefined }) }, { plan: [v] });
  void replica.init?.();
  return sent[0];
}

describe('lying-proofs through codec v2', () => {
  it('rewrites the digest and seq inside every nested vote of a NEW-VIEW, consistently, and re-signs the outer message', () => {
    // An even entry: odd ones lie only where the liar can sign (tests/forged-new-view, one-voice-checkpoint).
    const lie = lieAbout(newView, 4) as NewViewMsg;
    const votes = pbftCodec.certificates?.(lie).filter((c) => c.claim.type !== 'NEW-VIEW').flatMap((c) => c.votes) ?? [];
    expect(votes).toHaveLength(3 * 6);
    for (const vote of votes) expect(vote.fields).toMatchObject({ digest: 'fabricated-4', seq: vote.fields.type === 'CHECKPOINT' ? 4 : 5 });
    // Every forged vote fails its signer's signature; the NEW-VIEW itself carries the liar's valid one.
    for (const vote of votes) expect(crypto.verify(vote.signer ?? -1, vote.data, vote.signature)).toBe(false);
    expect(crypto.verify(1, signingText(lie), lie.sig)).toBe(true);
  });

  it('without codec v2 it keeps its structure-blind lie: only the first digest and seq below the top', () => {
    const blind = { fields: pbftCodec.fields, withFields: pbftCodec.withFields, resign: pbftCodec.resign } as never;
    const lie = lieAbout(newView, 3, blind) as NewViewMsg;
    const digests = pbftCodec.signedItems?.(lie).map((i) => i.fields.digest).filter((d) => d !== undefined) ?? [];
    expect(digests.filter((d) => d === 'fabricated-3')).toHaveLength(1);
  });
});

describe('stripping certificates through codec v2', () => {
  it('empties a VIEW-CHANGE\'s prepared certificates but keeps its checkpoint proof', () => {
    const view = vc(2);
    const certs = pbftCodec.certificates?.(view).filter((c) => c.claim.type !== 'CHECKPOINT') ?? [];
    const stripped = withoutCertificates(view, certs) as ViewChangeMsg;
    expect(stripped.prepared).toEqual([]);
    expect(stripped.checkpointProof).toHaveLength(3);
    expect(view.prepared).toHaveLength(1);
  });

  it('strips nested certificates of a NEW-VIEW at every depth', () => {
    const certs = pbftCodec.certificates?.(newView).filter((c) => c.claim.type === 'PREPARED') ?? [];
    const stripped = withoutCertificates(newView, certs) as NewViewMsg;
    expect(stripped.viewChanges.map((v) => v.prepared.length)).toEqual([0, 0, 0]);
  });
});
