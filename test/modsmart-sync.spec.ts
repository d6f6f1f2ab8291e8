import { describe, expect, it } from 'vitest';
import { clientRequestSigningData, type ClientRequest, type ReplicaContext } from '../src/adapter/contract.js';
import { ModSmartReplica } from '../targets/modsmart/index.js';
import { batchDigest, seal, type AcceptMsg, type DecisionProof, type ModSmartMessage, type ProposeMsg, type StopDataMsg, type SyncMsg, type WriteMsg } from '../targets/modsmart/messages.js';
import { byzantineQuorum, certifiedVotes } from '../targets/modsmart/quorum.js';
import { proposeMatchesPlan, selectSyncValue } from '../targets/modsmart/sync.js';

const N = 4;
const CLIENT = 4;
// Symbolic keys: a signature is the signer's id and the data; only the signer can make it.
const signAs = (id: number) => (data: string): string => `${id}#${data}`;
const verify = (signer: number, data: string, sig: string): boolean => sig === `${signer}#${data}`;

function request(requestId: number, operation: string): ClientRequest {
  const r = { client: CLIENT, requestId, operation };
  return { ...r, signature: signAs(CLIENT)(clientRequestSigningData(r)) };
}

function propose(reg: number, cid: number, batch: ClientRequest[]): ProposeMsg {
  return seal<ProposeMsg>({ type: 'PROPOSE', reg, cid, digest: batchDigest(batch), batch, sender: reg % N, sig: '' }, signAs(reg % N));
}

function votes<T extends 'WRITE' | 'ACCEPT'>(type: T, p: ProposeMsg, senders: number[]): (T extends 'WRITE' ? WriteMsg : AcceptMsg)[] {
  return senders.map((s) => seal({ type, reg: p.reg, cid: p.cid, digest: p.digest, sender: s, sig: '' } as WriteMsg | AcceptMsg, signAs(s))) as never;
}

function stopData(sender: number, reg: number, parts: Partial<Pick<StopDataMsg, 'cid' | 'decided' | 'written' | 'accepted'>> = {}): StopDataMsg {
  return seal<StopDataMsg>({ type: 'STOPDATA', reg, cid: 0, decided: null, written: [], accepted: null, ...parts, sender, sig: '' }, signAs(sender));
}

/** A replica with a recording context. */
function replica(id: number): { r: ModSmartReplica; sent: ModSmartMessage[] } {
  const sent: ModSmartMessage[] = [];
  const ctx: ReplicaContext<ModSmartMessage> = {
    config: { id, n: N, f: 1, clients: [CLIENT] },
    send: (_to, m) => void sent.push(m), broadcast: (m) => void sent.push(m),
    setTimer: () => undefined, cancelTimer: () => undefined, commit: () => undefined, execute: () => undefined,
    reply: () => undefined, installState: () => undefined, log: () => undefined, now: () => 0, random: () => 0,
    sign: signAs(id), verify,
  };
  return { r: new ModSmartReplica(ctx), sent };
}

const A = [request(1, 'put a 1')];
const B = [request(1, 'put a 2')];

describe('quorum predicates', () => {
  it('the Byzantine quorum is ⌈(n+f+1)/2⌉: 2f+1 for n = 3f+1, larger otherwise', () => {
    expect([byzantineQuorum(4, 1), byzantineQuorum(7, 2), byzantineQuorum(10, 3)]).toEqual([3, 5, 7]);
    expect(byzantineQuorum(5, 1)).toBe(4);
    expect(byzantineQuorum(6, 1)).toBe(4);
  });

  it('a certificate counts distinct, matching, valid votes only', () => {
    const p = propose(0, 1, A);
    const good = votes('WRITE', p, [0, 1, 2]);
    const valid = (v: WriteMsg | AcceptMsg) => verify(v.sender, `WR|${v.reg}|${v.cid}|${v.digest}|${v.sender}`, v.sig);
    expect(certifiedVotes(p, good, valid)).toBe(3);
    expect(certifiedVotes(p, [...good, ...good], valid)).toBe(3);
    expect(certifiedVotes(p, [...good.slice(0, 2), { ...good[2] as WriteMsg, digest: 'other' }], valid)).toBe(2);
    expect(certifiedVotes(p, [...good.slice(0, 2), { ...good[2] as WriteMsg, sig: 'forged' }], valid)).toBe(2);
    expect(certifiedVotes(p, votes('WRITE', { ...p, reg: 1 }, [0, 1, 2]), valid)).toBe(0);
  });
});

describe('the synchronization phase selects what must be re-proposed', () => {
  it('a value written in the open instance is re-proposed, even if only one replica reports it', () => {
    const written = propose(0, 1, A);
    const plan = selectSyncValue([stopData(1, 1), stopData(2, 1, { written: [written] }), stopData(3, 1)]);
    expect(plan.cid).toBe(1);
    expect(plan.value?.digest).toBe(written.digest);
  });

  it('an accepted value (write certificate) beats a written one of a higher regency', () => {
    const certified = propose(0, 1, A);
    const later = propose(1, 1, B);
    const plan = selectSyncValue([
      stopData(1, 2, { accepted: { propose: certified, writes: votes('WRITE', certified, [0, 1, 2]) } }),
      stopData(2, 2, { written: [later] }),
      stopData(3, 2),
    ]);
    expect(plan.value?.digest).toBe(certified.digest);
  });

  it('among written values the highest regency wins', () => {
    const plan = selectSyncValue([stopData(1, 3, { written: [propose(0, 1, A)] }), stopData(2, 3, { written: [propose(2, 1, B)] }), stopData(3, 3)]);
    expect(plan.value?.digest).toBe(batchDigest(B));
  });

  it('the open instance is the one above the highest decided one; reports on older instances are ignored', () => {
    const decided: DecisionProof = { propose: propose(0, 1, A), accepts: votes('ACCEPT', propose(0, 1, A), [0, 1, 2]) };
    const stale = propose(0, 1, B);
    const plan = selectSyncValue([stopData(1, 1, { cid: 1, decided }), stopData(2, 1, { written: [stale] }), stopData(3, 1)]);
    expect(plan).toEqual({ cid: 2, value: null, decided });
  });

  it('with nothing written the leader is free, and a SYNC must carry exactly the bound value otherwise', () => {
    const free = selectSyncValue([stopData(1, 1), stopData(2, 1), stopData(3, 1)]);
    expect(free.value).toBeNull();
    expect(proposeMatchesPlan(null, free)).toBe(true);
    expect(proposeMatchesPlan(propose(1, 1, B), free)).toBe(true);
    const bound = { cid: 1, value: propose(0, 1, A), decided: null };
    expect(proposeMatchesPlan(propose(1, 1, A), bound)).toBe(true);
    expect(proposeMatchesPlan(propose(1, 1, B), bound)).toBe(false);
    expect(proposeMatchesPlan(null, bound)).toBe(false);
  });
});

describe('a replica runs the synchronization phase on hand-built messages', () => {
  const written = propose(0, 1, A);
  const stops = [2, 3].map((s) => seal({ type: 'STOP' as const, reg: 1, sender: s, sig: '' }, signAs(s)));

  it('the new leader joins on f + 1 STOPs and its SYNC re-proposes the written value', () => {
    const { r, sent } = replica(1);
    r.onRequest(B[0] as ClientRequest);
    for (const m of stops) r.onMessage(m.sender, m);
    expect(sent.some((m) => m.type === 'STOP' && m.sender === 1)).toBe(true);
    for (const m of [stopData(2, 1, { written: [written] }), stopData(3, 1)]) r.onMessage(m.sender, m);
    const sync = sent.find((m): m is SyncMsg => m.type === 'SYNC');
    expect(sync?.propose?.digest).toBe(written.digest);
    expect(sync?.propose?.reg).toBe(1);
    expect(r.inspect()).toMatchObject({ reg: 1, active: true });
  });

  it('a follower rejects a SYNC whose leader proposes something else, and obeys a faithful one', () => {
    const { r, sent } = replica(2);
    const sds = [stopData(1, 1), stopData(2, 1, { written: [written] }), stopData(3, 1)];
    const make = (p: ProposeMsg) => seal<SyncMsg>({ type: 'SYNC', reg: 1, stopData: sds, propose: p, sender: 1, sig: '' }, signAs(1));
    r.onMessage(1, make(propose(1, 1, B)));
    expect(r.inspect()).toMatchObject({ reg: 0, active: true });
    r.onMessage(1, make(propose(1, 1, A)));
    expect(r.inspect()).toMatchObject({ reg: 1, active: true });
    expect(sent.some((m) => m.type === 'WRITE' && m.reg === 1 && m.digest === written.digest)).toBe(true);
  });

  it('a STOPDATA with a forged write certificate or a written value not from its leader is invalid', () => {
    const { r, sent } = replica(1);
    for (const m of stops) r.onMessage(m.sender, m);
    const forged = { propose: propose(0, 1, B), writes: votes('WRITE', propose(0, 1, B), [0, 3]).concat({ ...votes('WRITE', propose(0, 1, B), [2])[0] as WriteMsg, sig: 'x' }) };
    const notLeader = seal<ProposeMsg>({ ...propose(0, 1, B), sender: 3, sig: '' }, signAs(3));
    r.onMessage(2, stopData(2, 1, { accepted: forged }));
    r.onMessage(3, stopData(3, 1, { written: [notLeader] }));
    expect(sent.some((m) => m.type === 'SYNC')).toBe(false);
    r.onMessage(0, stopData(0, 1));
    r.onMessage(2, stopData(2, 1));
    expect(sent.some((m) => m.type === 'SYNC')).toBe(true);
  });

  it('garbage never throws', () => {
    const { r } = replica(1);
    for (const junk of [null, 3, 'x', [], { type: 'SYNC' }, { type: 'STOPDATA', reg: 1, cid: 0, sender: 2, sig: '', written: [{}], decided: null, accepted: null }]) {
      expect(() => r.onMessage(2, junk as unknown as ModSmartMessage)).not.toThrow();
    }
  });
});
