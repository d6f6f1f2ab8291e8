/**
 * Seed 002's PBFT node (`002_9db5b4e68f37fa2c.txt`) as a byzcheck replica: the primary is fixed at
 * replica 0 and there is no view change; PRE-PREPARE → PREPARE (quorum 2f+1) → COMMIT (quorum 2f+1),
 * votes counted per (seq, digest), the first PRE-PREPARE per seq wins. What the seed's in-memory
 * asyncio world gave it for free is made explicit: voters are the network's authenticated senders,
 * the PRE-PREPARE carries the request its digest is of, and since byzcheck's network may lose
 * messages before GST, replicas re-send their votes on a backed-off timer until they hold every
 * replica's COMMIT. The Python replica in targets/seed002-python mirrors this file effect for effect.
 */
import type { ClientRequest, NodeId, Replica, ReplicaContext, TimerId } from '../../src/adapter/contract.js';
import { digestOf, isSeed002Message, type Seed002Message, type Seed002Type } from './messages.js';

/** The seed's `primary_id`: fixed, never changed. */
export const PRIMARY = 0;
/** First re-send delay, doubled after every round up to {@link RESEND_CAP_MS}. */
export const RESEND_BASE_MS = 250;
/** Longest wait between two re-send rounds. */
export const RESEND_CAP_MS = 1_000;
const RESEND: TimerId = 'resend';

/** One seed-002 node. */
export class Seed002Replica implements Replica<Seed002Message> {
  private readonly id: NodeId;
  private readonly quorum: number;
  private readonly prePrepared = new Map<number, Seed002Message>();
  private readonly prepareVotes = new Map<string, Set<NodeId>>();
  private readonly commitVotes = new Map<string, Set<NodeId>>();
  private readonly committed = new Map<number, string>();
  private readonly sentCommit = new Set<number>();
  private readonly proposed = new Set<string>();
  private readonly results = new Map<string, string>();
  private nextSeq = 1;
  private lastExecuted = 0;
  private resendMs = RESEND_BASE_MS;
  private resendArmed = false;

  constructor(private readonly ctx: ReplicaContext<Seed002Message>) {
    this.id = ctx.config.id;
    // The seed's _q_prepare and _q_commit.
    this.quorum = 2 * ctx.config.f + 1;
  }

  onRequest(request: ClientRequest): void {
    const key = `${request.client}/${request.requestId}`;
    const result = this.results.get(key);
    if (result !== undefined) return this.ctx.reply(request.client, request.requestId, result);
    if (this.id !== PRIMARY || this.proposed.has(key)) return;
    this.proposed.add(key);
    const seq = this.nextSeq++;
    const { client, requestId, operation } = request;
    this.broadcastAndHandle({ type: 'PRE-PREPARE', view: 0, seq, digest: digestOf(operation), sender: this.id, request: { client, requestId, operation } });
  }

  onMessage(from: NodeId, payload: Seed002Message): void {
    if (from < this.ctx.config.n && isSeed002Message(payload)) this.handle(from, payload);
  }

  onTimer(id: TimerId): void {
    if (id !== RESEND) return;
    this.resendArmed = false;
    let pending = false;
    for (const [seq, pp] of this.prePrepared) {
      if (this.complete(seq, pp.digest)) continue;
      pending = true;
      if (this.id === PRIMARY) this.ctx.broadcast(pp);
      this.resendVotes(seq, pp);
    }
    this.resendMs = pending ? Math.min(this.resendMs * 2, RESEND_CAP_MS) : RESEND_BASE_MS;
    if (pending) this.armResend();
  }

  private handle(from: NodeId, m: Seed002Message): void {
    if (m.type === 'PRE-PREPARE') this.onPrePrepare(from, m);
    else if (m.type === 'PREPARE') this.onPrepare(from, m);
    else this.onCommit(from, m);
  }

  /** The seed's broadcast reaches the sender too: handle our own copy right after sending. */
  private broadcastAndHandle(m: Seed002Message): void {
    this.ctx.broadcast(m);
    this.handle(this.id, m);
  }

  private vote(type: Seed002Type, pp: Seed002Message): Seed002Message {
    return { type, view: pp.view, seq: pp.seq, digest: pp.digest, sender: this.id };
  }

  private onPrePrepare(from: NodeId, m: Seed002Message): void {
    // Only the primary proposes, and a digest must be the digest of the request it carries.
    if (from !== PRIMARY || m.request === undefined || m.digest !== digestOf(m.request.operation)) return;
    if (this.prePrepared.has(m.seq)) return;
    this.prePrepared.set(m.seq, m);
    this.armResend();
    this.broadcastAndHandle(this.vote('PREPARE', m));
  }

  private onPrepare(from: NodeId, m: Seed002Message): void {
    const voters = votes(this.prepareVotes, m);
    const fresh = !voters.has(from);
    voters.add(from);
    const pp = this.prePrepared.get(m.seq);
    if (pp === undefined || pp.digest !== m.digest) return;
    // A repeated PREPARE means its sender is still missing votes: help it with our COMMIT.
    if (!fresh && from !== this.id && this.committed.has(m.seq)) this.ctx.send(from, this.vote('COMMIT', pp));
    if (voters.size >= this.quorum && !this.sentCommit.has(m.seq)) {
      this.sentCommit.add(m.seq);
      this.broadcastAndHandle(this.vote('COMMIT', pp));
    }
  }

  private onCommit(from: NodeId, m: Seed002Message): void {
    const voters = votes(this.commitVotes, m);
    voters.add(from);
    const pp = this.prePrepared.get(m.seq);
    if (pp === undefined || pp.digest !== m.digest || this.committed.has(m.seq)) return;
    if (voters.size < this.quorum) return;
    this.committed.set(m.seq, m.digest);
    this.ctx.commit(m.seq, m.digest);
    this.executeReady();
  }

  private executeReady(): void {
    for (let seq = this.lastExecuted + 1; this.committed.has(seq); seq++) {
      const request = (this.prePrepared.get(seq) as Seed002Message).request as ClientRequest;
      this.lastExecuted = seq;
      const result = `ok:${seq}`;
      this.results.set(`${request.client}/${request.requestId}`, result);
      this.ctx.execute(seq, request.operation, result, { client: request.client, requestId: request.requestId });
      this.ctx.reply(request.client, request.requestId, result);
    }
  }

  /** Done with a seq: committed, and every replica's COMMIT is in (nobody can still need ours). */
  private complete(seq: number, digest: string): boolean {
    return this.committed.has(seq) && (this.commitVotes.get(`${seq}|${digest}`)?.size ?? 0) >= this.ctx.config.n;
  }

  private resendVotes(seq: number, pp: Seed002Message): void {
    this.ctx.broadcast(this.vote('PREPARE', pp));
    if (this.sentCommit.has(seq)) this.ctx.broadcast(this.vote('COMMIT', pp));
  }

  private armResend(): void {
    if (this.resendArmed) return;
    this.resendArmed = true;
    this.ctx.setTimer(RESEND, this.resendMs);
  }
}

function votes(table: Map<string, Set<NodeId>>, m: Seed002Message): Set<NodeId> {
  const key = `${m.seq}|${m.digest}`;
  let voters = table.get(key);
  if (voters === undefined) table.set(key, (voters = new Set()));
  return voters;
}
