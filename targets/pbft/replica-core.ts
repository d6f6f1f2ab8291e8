import type { ClientRequest, NodeId, Replica, ReplicaContext } from '../../src/adapter/contract.js';
import { CheckpointStore } from './checkpoint.js';
import { isClientRequest } from './codec.js';
import { countMatching, matchingVotes, MessageLog, type Slot, type Vote, type VoteMap } from './log.js';
import {
  batchDigest, requestSigningData, seal, signingText,
  type CheckpointMsg, type CommitMsg, type PbftMessage, type PrePrepareMsg, type PrepareMsg, type RequestMsg,
} from './messages.js';
import { DEFAULT_PBFT_OPTIONS, type PbftOptions } from './options.js';
import { BankKvService, snapshotDigest } from './service.js';

/** Timer of a backup waiting for a request to execute (or for a NEW-VIEW). */
export const VIEW_CHANGE_TIMER = 'view-change';
/** Timer that compares progress with peers after a quiet spell. */
export const STATUS_TIMER = 'status';
/** Timer of a replica behind a certified checkpoint, asking peers to catch it up. */
export const STATE_TIMER = 'state-transfer';

// Every replica starts from the same empty state, so its checkpoint is computed once.
const GENESIS_SNAPSHOT = new BankKvService().snapshot();
const GENESIS_DIGEST = snapshotDigest(GENESIS_SNAPSHOT);

/** What {@link PbftCore.inspect} reports. */
export interface PbftProgress {
  readonly view: number;
  readonly active: boolean;
  readonly lastExecuted: number;
  /** The low watermark h. */
  readonly stable: number;
  readonly stateDigest: string;
  /** Requests received and not yet executed. */
  readonly pending: number;
}

/**
 * The normal case of PBFT: requests, PRE-PREPARE / PREPARE / COMMIT, in-order execution and
 * checkpoints. Every decision is a small protected method so a subclass can break exactly one
 * rule. View changes and catching up live in the subclasses.
 */
export abstract class PbftCore implements Replica<PbftMessage> {
  /** This replica's id, n and f. */
  protected readonly id: NodeId;
  protected readonly n: number;
  protected readonly f: number;
  /** Resolved options. */
  protected readonly options: PbftOptions;
  /** The current view; while a view change is under way, the view being changed to. */
  protected view = 0;
  /** False between sending a VIEW-CHANGE and entering the new view. */
  protected active = true;
  /** The last view this replica was active in (what STATUS reports). */
  protected activeView = 0;
  /** Last executed sequence number. */
  protected lastExecuted = 0;
  /** Next sequence number the primary assigns. */
  protected nextSeq = 1;
  protected readonly log = new MessageLog();
  protected readonly service = new BankKvService();
  protected readonly checkpoints: CheckpointStore;
  /** Requests received and not yet executed, one per client (a client has one outstanding). */
  protected readonly pending = new Map<NodeId, ClientRequest>();
  /** Highest requestId per client already given a sequence number in this view. */
  protected readonly assigned = new Map<NodeId, number>();
  /** Committed batches waiting for their turn to execute, by seq. */
  protected readonly committed = new Map<number, PrePrepareMsg>();
  protected viewChangeTimerRunning = false;
  /** View changes since a request last executed: the exponent of the timeout back-off. */
  protected consecutiveViewChanges = 0;
  protected readonly sign: (data: string) => string;

  /** Builds a replica bound to its context. */
  constructor(protected readonly ctx: ReplicaContext<PbftMessage>, options: Partial<PbftOptions> = {}) {
    this.id = ctx.config.id;
    this.n = ctx.config.n;
    this.f = ctx.config.f;
    const o = { ...DEFAULT_PBFT_OPTIONS, ...options };
    this.options = o.batching ? o : { ...o, maxBatch: 1, pipelineDepth: o.logWindow };
    this.checkpoints = new CheckpointStore(GENESIS_SNAPSHOT, GENESIS_DIGEST);
    this.sign = (data) => ctx.sign(data);
  }

  /** A read-only summary of where this replica stands, for tests and debugging. */
  inspect(): PbftProgress {
    return {
      view: this.view, active: this.active, lastExecuted: this.lastExecuted, stable: this.low,
      stateDigest: this.service.digest(), pending: this.pending.size,
    };
  }

  // ---- quorums and predicates (override one to inject one bug) ------------------------------

  /** PREPAREs from distinct backups needed, with the PRE-PREPARE, to be prepared: 2f. */
  protected prepareQuorum(): number {
    return 2 * this.f;
  }

  /** COMMITs from distinct replicas needed to be committed-local: 2f+1. */
  protected commitQuorum(): number {
    return 2 * this.f + 1;
  }

  /** Matching CHECKPOINTs that make a checkpoint stable: 2f+1. */
  protected checkpointStableQuorum(): number {
    return 2 * this.f + 1;
  }

  /** The primary of a view: v mod n. */
  protected primaryOf(view: number): NodeId {
    return view % this.n;
  }

  /** True when this replica leads the current view. */
  protected isPrimary(): boolean {
    return this.primaryOf(this.view) === this.id;
  }

  /** The low watermark h: the latest stable checkpoint. */
  protected get low(): number {
    return this.checkpoints.stable.seq;
  }

  /** h < seq ≤ h + L. */
  protected inWatermarks(seq: number): boolean {
    return seq > this.low && seq <= this.low + this.options.logWindow;
  }

  /** Checks a message's signature against its claimed sender; unknown senders fail. */
  protected verifyMessage(m: PbftMessage): boolean {
    return m.sender < this.n && this.ctx.verify(m.sender, signingText(m), m.sig);
  }

  /** Stores a PREPARE or COMMIT, counting each sender once. */
  protected addVote<V extends Vote>(votes: VoteMap<V>, vote: V): void {
    if (!votes.has(vote.sender)) votes.set(vote.sender, vote);
  }

  /** PREPAREs matching the slot's PRE-PREPARE, from backups (the primary's own never count). */
  protected countPrepares(slot: Slot): number {
    const pp = slot.prePrepare;
    return pp === null ? 0 : countMatching(slot.prepares, pp.digest, this.primaryOf(slot.view));
  }

  /** COMMITs matching the slot's PRE-PREPARE. */
  protected countCommits(slot: Slot): number {
    const pp = slot.prePrepare;
    return pp === null ? 0 : countMatching(slot.commits, pp.digest, -1);
  }

  /** prepared(m, v, n, i): a PRE-PREPARE plus 2f matching PREPAREs from distinct backups. */
  protected isPrepared(slot: Slot): boolean {
    return slot.prePrepare !== null && this.countPrepares(slot) >= this.prepareQuorum();
  }

  /** committed-local(m, v, n, i): prepared plus 2f+1 matching COMMITs from distinct replicas. */
  protected isCommittedLocal(slot: Slot): boolean {
    return slot.prepared && this.countCommits(slot) >= this.commitQuorum();
  }

  /** A request this replica already executed (or superseded) for its client. */
  protected isDuplicateRequest(r: ClientRequest): boolean {
    const last = this.service.lastReply(r.client);
    return last !== undefined && r.requestId <= last.requestId;
  }

  /** Requests must name a real client (or replying would break the contract) and carry its signature. */
  protected isWellFormedRequest(r: unknown): r is ClientRequest {
    return isClientRequest(r) && r.client >= this.n && r.client < this.n + this.ctx.config.clients.length && r.requestId > 0 && this.verifyClientRequest(r);
  }

  /** The client signed this request: without it a Byzantine primary could order operations no client sent. */
  protected verifyClientRequest(r: ClientRequest): boolean {
    return typeof r.signature === 'string' && this.ctx.verify(r.client, requestSigningData(r), r.signature);
  }

  /** The batch is well formed and the digest is the digest of the batch. */
  protected batchIsValid(pp: PrePrepareMsg): boolean {
    for (const r of pp.requests) if (!this.isWellFormedRequest(r)) return false;
    return pp.digest === batchDigest(pp.requests);
  }

  /** A backup accepts a PRE-PREPARE from the current primary, in its view, inside the watermarks, once per (v, n). */
  protected acceptPrePrepare(pp: PrePrepareMsg): boolean {
    if (!this.active || pp.view !== this.view || pp.sender !== this.primaryOf(pp.view)) return false;
    if (!this.inWatermarks(pp.seq) || !this.batchIsValid(pp)) return false;
    const slot = this.log.find(pp.seq);
    return slot === undefined || slot.view !== pp.view || slot.prePrepare === null;
  }

  // ---- client requests ------------------------------------------------------------------------

  /** A request from a client, delivered by the network. */
  onRequest(request: ClientRequest): void {
    if (this.isWellFormedRequest(request)) this.receiveRequest(request, true);
  }

  /** Records a request; the primary proposes it, a backup forwards it and starts its timer. */
  protected receiveRequest(r: ClientRequest, fromClient: boolean): void {
    if (this.isDuplicateRequest(r)) {
      this.resendReply(r);
      return;
    }
    const known = this.pending.get(r.client);
    const isNew = known === undefined || known.requestId < r.requestId;
    if (isNew) this.pending.set(r.client, r);
    if (this.isPrimary()) {
      if (isNew) this.proposePending();
      return;
    }
    if (!fromClient) return;
    // Forwarded again on every retransmission: the first forward may have been lost.
    this.ctx.send(this.primaryOf(this.view), seal<RequestMsg>({ type: 'REQUEST', request: r, sender: this.id, sig: '' }, this.sign));
    this.startViewChangeTimerIfIdle();
  }

  /** A backup's forward of a request: only the primary acts on it. */
  protected onForwardedRequest(m: RequestMsg): void {
    if (this.isWellFormedRequest(m.request) && this.isPrimary()) this.receiveRequest(m.request, false);
  }

  /** Re-sends the stored reply when a client retransmits its latest request. */
  protected resendReply(r: ClientRequest): void {
    const last = this.service.lastReply(r.client);
    if (last !== undefined && last.requestId === r.requestId) this.ctx.reply(r.client, r.requestId, last.result);
  }

  // ---- normal case ----------------------------------------------------------------------------

  /** The primary assigns sequence numbers to waiting requests, in batches, inside the watermarks. */
  protected proposePending(): void {
    if (!this.active || !this.isPrimary()) return;
    while (this.nextSeq <= this.low + this.options.logWindow && this.nextSeq - 1 - this.lastExecuted < this.options.pipelineDepth) {
      const batch = this.nextBatch();
      if (batch.length === 0) return;
      const seq = this.nextSeq++;
      for (const r of batch) this.assigned.set(r.client, r.requestId);
      const pp = seal<PrePrepareMsg>({
        type: 'PRE-PREPARE', view: this.view, seq, digest: batchDigest(batch), requests: batch, sender: this.id, sig: '',
      }, this.sign);
      this.ctx.broadcast(pp);
      const slot = this.log.slot(this.view, seq);
      slot.prePrepare = pp;
      this.checkPrepared(slot);
    }
  }

  /** Waiting requests not yet assigned in this view, in arrival order, up to the batch size. */
  protected nextBatch(): ClientRequest[] {
    const batch: ClientRequest[] = [];
    for (const r of this.pending.values()) {
      if (batch.length >= this.options.maxBatch) break;
      if ((this.assigned.get(r.client) ?? 0) >= r.requestId || this.isDuplicateRequest(r)) continue;
      batch.push(r);
    }
    return batch;
  }

  /** PRE-PREPARE: accept, log, and answer with a PREPARE. */
  protected onPrePrepare(pp: PrePrepareMsg): void {
    if (!this.acceptPrePrepare(pp)) return;
    const slot = this.log.slot(pp.view, pp.seq);
    slot.prePrepare = pp;
    if (pp.sender !== this.id) this.sendPrepare(slot, pp);
    this.checkPrepared(slot);
  }

  /** Broadcasts this backup's PREPARE for a slot and counts it. */
  protected sendPrepare(slot: Slot, pp: PrePrepareMsg): void {
    const p = seal<PrepareMsg>({ type: 'PREPARE', view: pp.view, seq: pp.seq, digest: pp.digest, sender: this.id, sig: '' }, this.sign);
    this.ctx.broadcast(p);
    this.addVote(slot.prepares, p);
  }

  /** PREPARE from a backup of the current view, inside the watermarks. */
  protected onPrepare(p: PrepareMsg): void {
    if (p.view !== this.view || !this.inWatermarks(p.seq) || p.sender === this.primaryOf(p.view)) return;
    const slot = this.log.slot(p.view, p.seq);
    this.addVote(slot.prepares, p);
    this.checkPrepared(slot);
  }

  /** COMMIT of the current view, inside the watermarks. */
  protected onCommit(c: CommitMsg): void {
    if (c.view !== this.view || !this.inWatermarks(c.seq)) return;
    const slot = this.log.slot(c.view, c.seq);
    this.addVote(slot.commits, c);
    this.checkCommitted(slot);
  }

  /** Once prepared: keep the certificate for view changes and multicast a COMMIT. */
  protected checkPrepared(slot: Slot): void {
    if (slot.prepared || !this.active || !this.isPrepared(slot)) return;
    slot.prepared = true;
    const pp = slot.prePrepare as PrePrepareMsg;
    this.log.recordPrepared({ prePrepare: pp, prepares: matchingVotes(slot.prepares, pp.digest, this.primaryOf(slot.view)) });
    const c = seal<CommitMsg>({ type: 'COMMIT', view: pp.view, seq: pp.seq, digest: pp.digest, sender: this.id, sig: '' }, this.sign);
    this.ctx.broadcast(c);
    this.addVote(slot.commits, c);
    this.checkCommitted(slot);
  }

  /** Once committed-local: keep the committed certificate and queue the batch for execution. */
  protected checkCommitted(slot: Slot): void {
    if (slot.committed || !this.isCommittedLocal(slot)) return;
    slot.committed = true;
    const pp = slot.prePrepare as PrePrepareMsg;
    this.log.commitCerts.set(slot.seq, { prePrepare: pp, commits: matchingVotes(slot.commits, pp.digest, -1) });
    this.markCommitted(pp);
  }

  /** Declares the decision at a seq (once) and executes whatever is now in order. */
  protected markCommitted(pp: PrePrepareMsg): void {
    const seq = pp.seq;
    if (seq <= this.lastExecuted || seq <= this.low || this.committed.has(seq)) return;
    this.committed.set(seq, pp);
    this.ctx.commit(seq, pp.digest);
    this.executeReady();
  }

  // ---- execution ------------------------------------------------------------------------------

  /** Executes committed batches strictly in sequence order, stopping at the first gap. */
  protected executeReady(): void {
    for (let pp = this.committed.get(this.lastExecuted + 1); pp !== undefined; pp = this.committed.get(this.lastExecuted + 1)) {
      this.committed.delete(pp.seq);
      this.executeBatch(pp);
    }
  }

  /** Executes one batch (a null request executes nothing but still advances). */
  protected executeBatch(pp: PrePrepareMsg): void {
    let executedAny = false;
    for (const r of pp.requests) if (this.executeRequest(pp.seq, r)) executedAny = true;
    this.lastExecuted = pp.seq;
    if (executedAny) this.consecutiveViewChanges = 0;
    if (pp.seq % this.options.checkpointInterval === 0) this.takeCheckpoint(pp.seq);
    this.afterProgress();
  }

  /** Executes one request at most once per (client, requestId) and replies; false for a duplicate. */
  protected executeRequest(seq: number, r: ClientRequest): boolean {
    const waiting = this.pending.get(r.client);
    if (waiting !== undefined && waiting.requestId <= r.requestId) this.pending.delete(r.client);
    if (this.isDuplicateRequest(r)) return false;
    const result = this.service.execute(r.operation);
    this.service.recordReply(r.client, r.requestId, result);
    this.ctx.execute(seq, r.operation, result, { client: r.client, requestId: r.requestId });
    this.ctx.reply(r.client, r.requestId, result);
    return true;
  }

  /** After execution or a state change: timers, progress report, and the primary's next proposals. */
  protected afterProgress(): void {
    this.restartViewChangeTimer();
    this.noteProgress();
    this.proposePending();
  }

  // ---- checkpoints ----------------------------------------------------------------------------

  /** Snapshots the service after `seq` and multicasts its digest. */
  protected takeCheckpoint(seq: number): void {
    const snapshot = this.service.snapshot();
    const digest = snapshotDigest(snapshot);
    this.checkpoints.recordOwn(seq, digest, snapshot);
    const m = seal<CheckpointMsg>({ type: 'CHECKPOINT', seq, digest, sender: this.id, sig: '' }, this.sign);
    this.ctx.broadcast(m);
    this.onCheckpoint(m);
  }

  /** Collects CHECKPOINTs; 2f+1 matching ones make the checkpoint stable. */
  protected onCheckpoint(m: CheckpointMsg): void {
    if (m.seq <= this.low) return;
    this.checkpoints.addVote(m);
    if (this.checkpoints.count(m.seq, m.digest) < this.checkpointStableQuorum()) return;
    this.onStableCertified(m.seq, m.digest, this.checkpoints.proof(m.seq, m.digest));
  }

  /** Makes a certified checkpoint stable: garbage-collects the log and advances the watermarks. */
  protected advanceStable(seq: number, digest: string, proof: readonly CheckpointMsg[], snapshot: string | null): void {
    if (seq <= this.low) return;
    this.checkpoints.makeStable(seq, digest, proof, snapshot);
    this.log.collectGarbage(seq, this.options.catchUpHistory);
    for (const key of this.committed.keys()) if (key <= seq) this.committed.delete(key);
    this.noteProgress();
    this.proposePending();
  }

  // ---- hooks of the subclasses ----------------------------------------------------------------

  /** A checkpoint is proven stable by 2f+1 replicas (it may be ahead of this replica). */
  protected abstract onStableCertified(seq: number, digest: string, proof: readonly CheckpointMsg[]): void;
  /** Starts the view-change timer if it is not running (backups waiting for a request). */
  protected abstract startViewChangeTimerIfIdle(): void;
  /** Restarts or stops the view-change timer after an execution. */
  protected abstract restartViewChangeTimer(): void;
  /** Something progressed: (re)schedule the comparison of progress with peers. */
  protected abstract noteProgress(): void;
  /** Message dispatch. */
  abstract onMessage(from: NodeId, payload: PbftMessage): void;
}
