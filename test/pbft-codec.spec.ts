import { describe, expect, it } from 'vitest';
import { symbolicCrypto } from '../src/crypto/symbolic.js';
import pbft from '../targets/pbft/index.js';
import { isPbftMessage, pbftFields, pbftWithFields } from '../targets/pbft/codec.js';
import { batchDigest, seal, signingText, type CommitMsg, type CommittedMsg, type PrePrepareMsg } from '../targets/pbft/messages.js';

const crypto = symbolicCrypto(1, 4);
const requests = [{ client: 4, requestId: 1, operation: 'put a 1' }];
const pp = seal<PrePrepareMsg>({ type: 'PRE-PREPARE', view: 0, seq: 3, digest: batchDigest(requests), requests, sender: 0, sig: '' }, (d) => crypto.sign(0, d));
const commit = seal<CommitMsg>({ type: 'COMMIT', view: 0, seq: 3, digest: pp.digest, sender: 2, sig: '' }, (d) => crypto.sign(2, d));

describe('the PBFT codec', () => {
  it('is the target’s codec and exposes type, view, seq, digest and sender', () => {
    expect(pbft.codec?.fields(pp)).toEqual({ type: 'PRE-PREPARE', view: 0, seq: 3, digest: pp.digest, sender: 0 });
    expect(pbftFields(commit)).toEqual({ type: 'COMMIT', view: 0, seq: 3, digest: pp.digest, sender: 2 });
  });

  it('writes modified copies without repairing signatures, so receivers reject them', () => {
    const bumped = pbftWithFields(commit, { view: 1, digest: 'other' }) as CommitMsg;
    expect(bumped).toMatchObject({ type: 'COMMIT', view: 1, seq: 3, digest: 'other', sig: commit.sig });
    expect(commit.view).toBe(0);
    expect(crypto.verify(2, signingText(bumped), bumped.sig)).toBe(false);
    expect(isPbftMessage(bumped)).toBe(true);
  });

  it('reads and writes a committed certificate through its PRE-PREPARE', () => {
    const cert: CommittedMsg = { type: 'COMMITTED', prePrepare: pp, commits: [commit], sender: 1, sig: '' };
    expect(pbftFields(cert)).toMatchObject({ type: 'COMMITTED', seq: 3, digest: pp.digest, sender: 1 });
    expect((pbftWithFields(cert, { seq: 9 }) as CommittedMsg).prePrepare.seq).toBe(9);
  });

  it('leaves fields a message does not have alone', () => {
    const ck = seal({ type: 'CHECKPOINT' as const, seq: 5, digest: 'd', sender: 1, sig: '' }, (d) => crypto.sign(1, d));
    expect(pbftWithFields(ck, { view: 4 })).not.toHaveProperty('view');
    expect(pbftFields(ck)).toEqual({ type: 'CHECKPOINT', seq: 5, digest: 'd', sender: 1 });
  });
});
