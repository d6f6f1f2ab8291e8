/**
 * A codec-free forgery that changes nested content is signed over the text the faulty replica's
 * own code verifies it against (OwnSigning), where discovery's realignment of top-level values
 * cannot renew it: PBFT's VIEW-CHANGE text summarises its prepared certificates' senders.
 */
import { describe, expect, it } from 'vitest';
import { OwnSigning } from '../adversaries/forged-certificate/own-signing.js';
import type { ReplicaContext } from '../src/adapter/contract.js';
import { resignLikeOriginal } from '../src/adapter/discovery.js';
import { interpose } from '../src/adversary.js';
import { symbolicCrypto } from '../src/crypto/symbolic.js';
import pbft from '../targets/pbft/index.js';
import { seal, signingText, type PbftMessage, type PrepareMsg, type PrePrepareMsg, type ViewChangeMsg } from '../targets/pbft/messages.js';
import { DEFAULT_PBFT_OPTIONS } from '../targets/pbft/options.js';

const crypto = symbolicCrypto(1, 6);
const signer = (id: number) => (data: string): string => crypto.sign(id, data);
const vote = (sender: number): PrepareMsg => seal<PrepareMsg>({ type: 'PREPARE', view: 0, seq: 2, digest: 'd1', sender, sig: '' }, signer(sender));

/** The faulty replica 0's own PBFT code behind a context whose verify the probe interposes; `heard` collects what it sends. */
function ownCode(heard: unknown[]): OwnSigning {
  const own = new OwnSigning(0);
  const noop = (): void => undefined;
  const base: ReplicaContext<unknown> = {
    config: { id: 0, n: 4, f: 1, clients: [4, 5] }, send: (_to, p) => heard.push(p), broadcast: (p) => heard.push(p), setTimer: noop, cancelTimer: noop, commit: noop, execute: noop,
    reply: noop, installState: noop, log: noop, now: () => 0, random: () => 0, sign: signer(0), verify: (s, d, g) => crypto.verify(s, d, g),
  };
  const ctx = interpose(base, { verify: own.verify(base.verify) });
  const replica = pbft.createReplica(ctx as ReplicaContext<PbftMessage>, DEFAULT_PBFT_OPTIONS);
  own.attach((payload) => replica.onMessage(0, payload as PbftMessage));
  return own;
}

describe('OwnSigning', () => {
  const pp = seal<PrePrepareMsg>({ type: 'PRE-PREPARE', view: 0, seq: 2, digest: 'd1', requests: [], sender: 0, sig: '' }, signer(0));
  const original = seal<ViewChangeMsg>({ type: 'VIEW-CHANGE', view: 1, seq: 0, checkpointProof: [], prepared: [{ prePrepare: pp, prepares: [vote(1), vote(3)] }], sender: 0, sig: '' }, signer(0));
  // The voter's PREPARE twice: the signed text's sender list becomes `2.2.`.
  const turned: ViewChangeMsg = { ...original, prepared: [{ prePrepare: pp, prepares: [vote(2), vote(2)] }] };
  const table = { issued: (s: string) => crypto.issued?.(s) };

  it('signs a nested change over the text PBFT verifies, where discovery cannot', () => {
    const heard: unknown[] = [];
    const signed = ownCode(heard).resign(original, turned, table, signer(0)) as ViewChangeMsg;
    expect(signed.prepared).toEqual(turned.prepared);
    expect(crypto.verify(0, signingText(signed), signed.sig)).toBe(true);
    const realigned = resignLikeOriginal(original, turned, table, signer(0)) as ViewChangeMsg;
    expect(crypto.verify(0, signingText(realigned), realigned.sig)).toBe(false);
    // The probe was refused: its code sent nothing in answer.
    expect(heard).toEqual([]);
  });

  it('gives nothing before its code is attached, or for a payload without a signature the table issued', () => {
    expect(new OwnSigning(0).resign(original, turned, table, signer(0))).toBeUndefined();
    const unsigned = { ...original, sig: 'made-up' };
    expect(ownCode([]).resign(unsigned, { ...turned, sig: 'made-up' }, table, signer(0))).toBeUndefined();
  });
});
