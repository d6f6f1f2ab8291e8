import { describe, expect, it } from 'vitest';
import { clientRequestSigningData, type ClientRequest, type NodeId } from '../src/adapter/contract.js';
import { declaredCodec, canonicalJson } from '../src/adapter/declared/codec.js';
import { valueAt } from '../src/adapter/declared/json-path.js';
import { symbolicCrypto } from '../src/crypto/symbolic.js';
import { pbftCodec } from '../targets/pbft/codec.js';
import { batchDigest, seal, signingText, type CheckpointMsg, type NewViewMsg, type PrePrepareMsg, type PrepareMsg, type ViewChangeMsg } from '../targets/pbft/messages.js';

const crypto = symbolicCrypto(1, 5);
const signer = (node: NodeId) => (data: string): string => crypto.sign(node, data);
const unsigned = { client: 4, requestId: 1, operation: 'put a 1' };
const request: ClientRequest = { ...unsigned, signature: crypto.sign(4, clientRequestSigningData(unsigned)) };
const pp = seal<PrePrepareMsg>({ type: 'PRE-PREPARE', view: 0, seq: 1, digest: batchDigest([request]), requests: [request], sender: 0, sig: '' }, signer(0));
const prepare = (from: NodeId): PrepareMsg => seal<PrepareMsg>({ type: 'PREPARE', view: 0, seq: 1, digest: pp.digest, sender: from, sig: '' }, signer(from));
const ck = (from: NodeId): CheckpointMsg => seal<CheckpointMsg>({ type: 'CHECKPOINT', seq: 0, digest: 'genesis', sender: from, sig: '' }, signer(from));
const vc = (from: NodeId, prepared: boolean): ViewChangeMsg =>
  seal<ViewChangeMsg>({ type: 'VIEW-CHANGE', view: 1, seq: 0, checkpointProof: [ck(0), ck(1), ck(2)], prepared: prepared ? [{ prePrepare: pp, prepares: [prepare(1), prepare(2)] }] : [], sender: from, sig: '' }, signer(from));
const newView = seal<NewViewMsg>({ type: 'NEW-VIEW', view: 1, viewChanges: [vc(1, true), vc(2, false), vc(3, false)], prePrepares: [], sender: 1, sig: '' }, signer(1));

describe('codec v2 on the PBFT codec', () => {
  it('finds the signed votes nested in a NEW-VIEW, each verifiable by its signer', () => {
    const items = pbftCodec.signedItems?.(newView) ?? [];
    const at = (path: string): unknown => items.find((i) => i.path.join('.') === path);
    expect(at('viewChanges.0')).toMatchObject({ signer: 1, fields: { type: 'VIEW-CHANGE', view: 1 } });
    expect(at('viewChanges.0.prepared.0.prepares.1')).toMatchObject({ signer: 2, fields: { type: 'PREPARE', seq: 1, digest: pp.digest } });
    expect(at('viewChanges.0.prepared.0.prePrepare')).toMatchObject({ signer: 0, fields: { type: 'PRE-PREPARE' } });
    expect(at('viewChanges.0.prepared.0.prePrepare.requests.0')).toMatchObject({ signer: 4, data: clientRequestSigningData(request) });
    expect(at('viewChanges.2.checkpointProof.2')).toMatchObject({ signer: 2, fields: { type: 'CHECKPOINT', digest: 'genesis' } });
    // 3 VIEW-CHANGEs, 9 CHECKPOINTs, 1 PRE-PREPARE, 2 PREPAREs, 1 client request.
    expect(items).toHaveLength(16);
    for (const item of items) expect(crypto.verify(item.signer ?? -1, item.data, item.signature)).toBe(true);
  });

  it('lists the certificates: the NEW-VIEW\'s VIEW-CHANGEs, each checkpoint proof and the prepared certificate', () => {
    const certs = pbftCodec.certificates?.(newView) ?? [];
    expect(certs.map((c) => [c.path.join('.'), c.claim.type, c.votes.length])).toEqual([
      ['viewChanges', 'NEW-VIEW', 3],
      ['viewChanges.0.checkpointProof', 'CHECKPOINT', 3], ['viewChanges.0.prepared.0', 'PREPARED', 3],
      ['viewChanges.1.checkpointProof', 'CHECKPOINT', 3],
      ['viewChanges.2.checkpointProof', 'CHECKPOINT', 3],
    ]);
    expect(certs[2]?.claim).toEqual({ type: 'PREPARED', view: 0, seq: 1, digest: pp.digest });
  });

  it('rewrites a nested vote without touching the original, breaking only that vote\'s signature', () => {
    const path = ['viewChanges', 0, 'prepared', 0, 'prepares', 0];
    const lied = pbftCodec.withItemFields?.(newView, path, { digest: 'fabricated' }) as NewViewMsg;
    const vote = valueAt(lied, path) as PrepareMsg;
    expect(vote.digest).toBe('fabricated');
    expect(crypto.verify(1, signingText(vote), vote.sig)).toBe(false);
    expect((valueAt(newView, path) as PrepareMsg).digest).toBe(pp.digest);
  });

  it('builds unsigned votes that resign makes valid', () => {
    const commit = pbftCodec.build?.('COMMIT', { view: 0, seq: 1, digest: pp.digest, sender: 3 });
    expect(commit).toEqual({ type: 'COMMIT', view: 0, seq: 1, digest: pp.digest, sender: 3, sig: '' });
    const signed = pbftCodec.resign?.(commit as PrepareMsg, signer(3)) as PrepareMsg;
    expect(crypto.verify(3, signingText(signed), signed.sig)).toBe(true);
    expect(pbftCodec.build?.('NEW-VIEW', { view: 1 })).toBeUndefined();
  });

  it('finds nothing in garbage', () => {
    expect(pbftCodec.signedItems?.({ type: 'NEW-VIEW' } as never)).toEqual([]);
    expect(pbftCodec.certificates?.(null as never)).toEqual([]);
  });
});

describe('the declarative codec', () => {
  const codec = declaredCodec({
    type: 'body.type', view: 'body.view', seq: 'body.seq', digest: 'body.digest', sender: 'body.from', signature: 'sig', signed: 'body',
    signedItems: [{ path: 'body.justify.*', signature: 'sig', signed: 'body' }],
    certificates: [{ path: 'body.justify', claim: 'QC', fields: {}, votes: '*' }],
  });
  const vote = (from: number) => {
    const body = { type: 'VOTE', view: 3, seq: 7, digest: 'd7', from };
    return { body, sig: crypto.sign(from, canonicalJson(body)) };
  };
  const proposal = { body: { type: 'PROPOSE', view: 4, seq: 8, digest: 'd8', from: 0, justify: [vote(1), vote(2), vote(3)] }, sig: 'x' };

  it('reads fields through the declared paths', () => {
    expect(codec.fields(proposal)).toEqual({ type: 'PROPOSE', view: 4, seq: 8, digest: 'd8', sender: 0 });
    expect(codec.fields('garbage')).toEqual({});
  });

  it('finds nested signed votes and their certificate, verifiable over canonical JSON', () => {
    const items = codec.signedItems?.(proposal) ?? [];
    expect(items.map((i) => i.path.join('.'))).toEqual(['body.justify.0', 'body.justify.1', 'body.justify.2']);
    for (const item of items) expect(crypto.verify(item.signer ?? -1, item.data, item.signature)).toBe(true);
    expect(codec.certificates?.(proposal)).toEqual([{ path: ['body', 'justify'], claim: { type: 'QC' }, votes: items }]);
  });

  it('writes fields, nested fields, re-signs and builds', () => {
    expect(codec.fields(codec.withFields?.(proposal, { seq: 9, digest: 'x' }))).toMatchObject({ seq: 9, digest: 'x' });
    const lied = codec.withItemFields?.(proposal, ['body', 'justify', 1], { digest: 'forged' });
    expect(valueAt(lied, ['body', 'justify', 1, 'body', 'digest'])).toBe('forged');
    expect(valueAt(proposal, ['body', 'justify', 1, 'body', 'digest'])).toBe('d7');
    const resigned = codec.resign?.(proposal, signer(0)) as { sig: string };
    expect(crypto.verify(0, canonicalJson(proposal.body), resigned.sig)).toBe(true);
    expect(codec.build?.('VOTE', { view: 1, seq: 2, digest: 'd', sender: 3 })).toEqual({ body: { type: 'VOTE', view: 1, seq: 2, digest: 'd', from: 3 } });
  });
});
