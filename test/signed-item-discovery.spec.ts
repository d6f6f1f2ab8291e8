import { describe, expect, it } from 'vitest';
import { clientRequestSigningData, type ClientRequest, type NodeId } from '../src/adapter/contract.js';
import { valueAt } from '../src/adapter/declared/json-path.js';
import { buildLike, discoverCertificates, discoverSignedItems, guessFields, resignLikeOriginal, structureCodec } from '../src/adapter/discovery.js';
import { ed25519Crypto } from '../src/crypto/ed25519.js';
import { symbolicCrypto } from '../src/crypto/symbolic.js';
import { forge } from '../adversaries/forged-certificate.js';
import { pbftCodec } from '../targets/pbft/codec.js';
import { batchDigest, seal, signingText, type CheckpointMsg, type NewViewMsg, type PrePrepareMsg, type PrepareMsg, type ViewChangeMsg } from '../targets/pbft/messages.js';

const crypto = symbolicCrypto(1, 5);
const table = { issued: (s: string) => crypto.issued?.(s) };
const signer = (node: NodeId) => (data: string): string => crypto.sign(node, data);
const unsigned = { client: 4, requestId: 1, operation: 'put a 1' };
const request: ClientRequest = { ...unsigned, signature: crypto.sign(4, clientRequestSigningData(unsigned)) };
const pp = seal<PrePrepareMsg>({ type: 'PRE-PREPARE', view: 0, seq: 1, digest: batchDigest([request]), requests: [request], sender: 0, sig: '' }, signer(0));
const prepare = (from: NodeId): PrepareMsg => seal<PrepareMsg>({ type: 'PREPARE', view: 0, seq: 1, digest: pp.digest, sender: from, sig: '' }, signer(from));
const ck = (from: NodeId): CheckpointMsg => seal<CheckpointMsg>({ type: 'CHECKPOINT', seq: 0, digest: 'genesis', sender: from, sig: '' }, signer(from));
const vc = (from: NodeId, prepared: boolean): ViewChangeMsg =>
  seal<ViewChangeMsg>({ type: 'VIEW-CHANGE', view: 1, seq: 0, checkpointProof: [ck(0), ck(1), ck(2)], prepared: prepared ? [{ prePrepare: pp, prepares: [prepare(1), prepare(2)] }] : [], sender: from, sig: '' }, signer(from));
const newView = seal<NewViewMsg>({ type: 'NEW-VIEW', view: 1, viewChanges: [vc(1, true), vc(2, false), vc(3, false)], prePrepares: [], sender: 1, sig: '' }, signer(1));
const forger = (structure = structureCodec(undefined, table), self = 3) => ({ structure, pool: new (class { of() { return []; } add() {} })() as never, self, n: 4, sign: signer(self) });

describe('signed-item discovery without a codec', () => {
  it('finds every signed item the PBFT codec declares, with the signer and text the harness signed', () => {
    const found = discoverSignedItems(newView, table);
    const declared = pbftCodec.signedItems?.(newView) ?? [];
    expect(found.map((i) => i.path.join('.')).sort()).toEqual(declared.map((i) => i.path.join('.')).sort());
    for (const item of found) {
      const twin = declared.find((d) => d.path.join('.') === item.path.join('.'));
      expect([item.signer, item.data]).toEqual([twin?.signer, twin?.data]);
    }
    expect(found.find((i) => i.path.join('.') === 'viewChanges.0.prepared.0.prepares.1')?.fields).toEqual({ type: 'PREPARE', view: 0, seq: 1, digest: pp.digest, sender: 2 });
  });

  it('groups sibling signed items into certificates, outermost first', () => {
    const certs = discoverCertificates(newView, table);
    expect(certs.map((c) => [c.path.join('.'), c.votes.length, c.claim.type])).toEqual([
      ['viewChanges', 3, 'VIEW-CHANGE'],
      ['viewChanges.0.checkpointProof', 3, 'CHECKPOINT'], ['viewChanges.1.checkpointProof', 3, 'CHECKPOINT'], ['viewChanges.2.checkpointProof', 3, 'CHECKPOINT'],
      ['viewChanges.0.prepared.0.prepares', 2, 'PREPARE'], ['viewChanges.0.prepared.0.prePrepare.requests', 1, undefined],
    ]);
  });

  it('ignores strings shaped like signatures that this run never issued, and another run\'s', () => {
    const other = symbolicCrypto(1, 5);
    const fake = { votes: [{ sender: 1, sig: 'sig:1:999' }, { sender: 2, sig: other.sign(2, 'never signed here') + 'x' }] };
    expect(discoverSignedItems(fake, table)).toEqual([]);
  });

  it('keeps an ed25519 run\'s table too, per run', () => {
    const run = ed25519Crypto(7, 4);
    const signature = run.sign(2, 'PREPARE|0|1|d');
    expect(run.issued?.(signature)).toEqual({ signer: 2, data: 'PREPARE|0|1|d' });
    expect(ed25519Crypto(7, 4).issued?.(signature)).toBeUndefined();
  });

  it('renews the outer signature of a payload signed over its own JSON', () => {
    const body = { type: 'VOTE', view: 2, sender: 3 };
    const original = { ...body, sig: crypto.sign(3, JSON.stringify(body)) };
    const renewed = resignLikeOriginal(original, { ...original, view: 5 }, table, signer(3)) as { sig: string };
    expect(crypto.verify(3, JSON.stringify({ ...body, view: 5 }), renewed.sig)).toBe(true);
  });

  it('renews one signed over a text of its values in key order (PBFT\'s PP|view|seq|digest|sender), and leaves an unknown text alone', () => {
    const renewed = resignLikeOriginal(pp, { ...pp, view: 1, seq: 9, sender: 3 }, table, signer(3)) as PrePrepareMsg;
    expect(crypto.verify(3, `PP|1|9|${pp.digest}|3`, renewed.sig)).toBe(true);
    expect(crypto.verify(3, signingText({ ...renewed, sig: '' }), renewed.sig)).toBe(true);
    const opaque = { view: 2, sig: crypto.sign(0, 'no values here') };
    expect(resignLikeOriginal(opaque, { ...opaque, view: 3 }, table, signer(0))).toEqual({ ...opaque, view: 3 });
  });

  it('builds a message like a seen one of its kind: the wanted fields and its own sender, signed afresh as the original was', () => {
    const built = buildLike(prepare(2), { type: 'ANY', view: 0, seq: 4, digest: 'rival', sender: 3 }, table, signer(3)) as PrepareMsg;
    expect(built).toMatchObject({ type: 'PREPARE', view: 0, seq: 4, digest: 'rival', sender: 3 });
    expect(crypto.verify(3, signingText({ ...built, sig: '' }), built.sig)).toBe(true);
    expect(buildLike({ view: 0, sig: 'not issued' }, { view: 1 }, table, signer(3))).toBeUndefined();
  });

  it('reads abbreviated keys only when a target has no codec at all', () => {
    const stop = { type: 'STOP', reg: 2, cid: 5, sender: 1 };
    expect(guessFields(stop)).toEqual({ type: 'STOP', seq: 5, sender: 1 });
    expect(structureCodec(undefined, table).fields(stop)).toEqual({ type: 'STOP', view: 2, seq: 5, sender: 1 });
    expect(structureCodec({ fields: () => ({}) }, table).withItemFields?.({ s: stop }, ['s'], { view: 9 })).toEqual({ s: stop });
  });

  it('prefers the target\'s own codec where it answers', () => {
    const structure = structureCodec(pbftCodec as never, table);
    expect(structure.certificates?.(newView).map((c) => c.claim.type)).toContain('PREPARED');
  });
});

describe('forgeries of the forged-certificate strategy', () => {
  it('erase empties the prepared certificates under the VIEW-CHANGEs\' signatures and keeps the checkpoint proofs', () => {
    for (const structure of [structureCodec(undefined, table), structureCodec(pbftCodec as never, table)]) {
      const forged = forge(forger(structure), newView, 'erase', 0) as NewViewMsg;
      expect(forged.viewChanges.map((v) => v.prepared.length)).toEqual([0, 0, 0]);
      expect(forged.viewChanges[0]?.checkpointProof).toHaveLength(3);
      expect(forged.viewChanges[0]?.sig).toBe(newView.viewChanges[0]?.sig);
      expect(crypto.verify(1, signingText(forged.viewChanges[0] as ViewChangeMsg), forged.viewChanges[0]?.sig as string)).toBe(false);
      expect(newView.viewChanges[0]?.prepared).toHaveLength(1);
    }
  });

  it('short drops one vote, repeat shows one signer twice, claim re-attributes a vote', () => {
    const short = forge(forger(), newView, 'short', 0) as NewViewMsg;
    expect(short.viewChanges).toHaveLength(2);
    const repeat = forge(forger(), newView, 'repeat', 0) as NewViewMsg;
    expect(repeat.viewChanges.map((v) => v.sender)).toEqual([1, 1, 3]);
    const claim = forge(forger(), newView, 'claim', 0) as NewViewMsg;
    expect(claim.viewChanges[0]?.sender).not.toBe(1);
    expect(claim.viewChanges[0]?.sig).toBe(newView.viewChanges[0]?.sig);
  });

  it('pad adds its own validly signed vote through the codec\'s builder', () => {
    const structure = structureCodec(pbftCodec as never, table);
    const prepared = vc(1, true);
    const padded = forge(forger(structure, 3), prepared, 'pad', 1) as ViewChangeMsg;
    const votes = padded.prepared[0]?.prepares ?? [];
    expect(votes.map((v) => v.sender)).toEqual([1, 2, 3]);
    const own = votes[2] as PrepareMsg;
    expect(crypto.verify(3, signingText(own), own.sig)).toBe(true);
    expect(valueAt(prepared, ['prepared', 0, 'prepares'])).toHaveLength(2);
  });
});
