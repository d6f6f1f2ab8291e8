import { clientRequestSigningData, type ClientRequest, type NodeId, type Replica, type ReplicaContext } from '../../src/adapter/contract.js';
import { CheckpointStore } from '../pbft/checkpoint.js';
import { isClientRequest } from '../pbft/codec.js';
import { BankKvService, snapshotDigest } from '../pbft/service.js';
import { DecisionLog, Instance, OpenRecord } from './log.js';
import {
  batchDigest, seal, signingText,
  type AcceptMsg, type CheckpointMsg, type DecisionProof, type ModSmartMessage, type ProposeMsg, type WriteCert, type WriteMsg,
} from './messages.js';
import { DEFAULT_MODSMART_OPTIONS, type ModSmartOptions } from './options.js';
import { byzantineQuorum, certifiedVotes, countMatching, matchingVotes, type Vote, type VoteMap } from './quorum.js';

/** BFT-SMaRt's request timer: a request not decided in time makes the replica suspect the leader. */
export const REQUEST_TIMER = 'request';
/** Timer that compares progress with peers after a quiet spell. */
export const STATUS_TIMER = 'status';

// Every replica starts from the same empty state, so its checkpoint is computed once.
const GENESIS_SNAPSHOT = new BankKvService().snapshot();
const GENESIS_DIGEST = snapshotDigest(GENESIS_SNAPSHOT);

/** What {@link ModSmartCore.inspect} reports. */
export interface ModSmartProgress {
  readonly reg: number;
  readonly active: boolean;
  readonly lastExecuted: number;
  readonly stable: number;
  readonly stateDigest: string;
  readonly pending: number;
}

/**
 * The normal case of Mod-SMaRt: requests sent by clients to every replica, one consensus instance
 * at a time (PROPOSE / WRITE / ACCEPT), in-order delivery and checkpoints. Every decision is a
 * small protected method so a subclass can break exactly one rule; the synchronization phase and
 * catching up live in the subclasses.
 */
export abstract class ModSmartCore implements Replica<ModSmartMessage> {
  protected readonly id: NodeId;
  protected readonly n: number;
  protected readonly f: number;
  protected readonly options: ModSmartOptions;
  /** The current regency; during a synchronization phase, the regency being installed. */
  protected reg = 0;
  /** False between sending STOP and receiving (or sending) the SYNC. */
  protected active = true;
  /** The last regency this replica was active in. */
  protected activeReg = 0;
  /** The first instance the current regency's leader may propose freely (below it, decisions come from proofs). */
  protected syncCid = 1;
  /** The SYNC's PROPOSE for the open instance, binding the regency's leader there. */
  protected lockedPropose: ProposeMsg | null = null;
  protected lastExecuted = 0;
  protected instances = new Map<number, Instance>();
  protected readonly open = new Map<number, OpenRecord>();
  protected readonly decisions = new DecisionLog();
  /** Decided instances waiting for their turn to execute. */
  protected readonly decided = new Map<number, DecisionProof>();
  protected readonly service = new BankKvService();
  protected readonly checkpoints: CheckpointStore;
  /** Requests received and not yet executed, one per client (a client has one outstanding). */
  protected readonly pending = new Map<NodeId, ClientRequest>();
  protected requestTimerRunning = false;
  /** Regency changes since a request last executed: the exponent of the timeout back-off. */
  protected consecutiveRegencies = 0;
  protected readonly sign: (data: string) => string;

  /** Builds a replica bound to its context. */
  constructor(protected readonly ctx: ReplicaContext<ModSmartMessage>, options: Partial<ModSmartOptions> = {}) {
    this.id = ctx.config.id;
    this.n = ctx.config.n;
    this.f = ctx.config.f;
    this.options = { ...DEFAULT_MODSMART_OPTIONS, ...options };
    this.checkpoints = new CheckpointStore(GENESIS_SNAPSHOT, GENESIS_DIGEST);
    this.sign = (data) => ctx.sign(data);
  }

  /** A read-only summary of where this replica stands, for tests and debugging. */
  inspect(): ModSmartProgress {
    return {
      reg: this.reg, active: this.active, lastExecuted: this.lastExecuted, stable: this.low,
      stateDigest: this.service.digest(), pending: this.pending.size,
    };
  }

  // ---- quorums and predicates (override one to inject one bug) ------------------------------

  /** Matching WRITEs that make a value accepted: ⌈(n+f+1)/2⌉. */
  protected writeQuorum(): number {
    return byzantineQuorum(this.n, this.f);
  }

  /** Matching ACCEPTs that decide an instance: ⌈(n+f+1)/2⌉. */
  protected acceptQuorum(): number {
    return byzantineQuorum(this.n, this.f);
  }

  /** Matching CHECKPOINTs that make a checkpoint stable (and certify a transferred state). */
  protected checkpointQuorum(): number {
    return byzantineQuorum(this.n, this.f);
  }

  /** The leader of a regency: r mod n. */
  protected leaderOf(reg: number): NodeId {
    return reg % this.n;
  }

  /** True when this replica leads the current regency. */
  protected isLeader(): boolean {
    return this.leaderOf(this.reg) === this.id;
  }

  /** The latest stable checkpoint. */
  protected get low(): number {
    return this.checkpoints.stable.seq;
  }

  /** The instance this replica works on: one at a time, the one after the last executed. */
  protected currentCid(): number {
    return this.lastExecuted + 1;
  }

  /** Instances whose votes are kept. */
  protected inWindow(cid: number): boolean {
    return cid > this.lastExecuted && cid <= this.lastExecuted + this.options.window;
  }

  /** Checks a message's signature against its claimed sender; unknown senders fail. */
  protected verifyMessage(m: ModSmartMessage): boolean {
    return m.sender < this.n && this.ctx.verify(m.sender, signingText(m), m.sig);
  }

  /** Stores a WRITE or ACCEPT, counting each sender once. */
  protected addVote<V extends Vote>(votes: VoteMap<V>, vote: V): void {
    if (!votes.has(vote.sender)) votes.set(vote.sender, vote);
  }

  /** A request this replica already executed (or superseded) for its client. */
  protected isDuplicateRequest(r: ClientRequest): boolean {
    const last = this.service.lastReply(r.client);
    return last !== undefined && r.requestId <= last.requestId;
  }

  /** Requests must name a real client and carry its signature. */
  protected isWellFormedRequest(r: unknown): r is ClientRequest {
    return isClientRequest(r) && r.client >= this.n && r.client < this.n + this.ctx.config.clients.length && r.requestId > 0 && this.verifyClientRequest(r);
  }

  /** The client signed this request: without it a Byzantine leader could order operations no client sent. */
  protected verifyClientRequest(r: ClientRequest): boolean {
    return typeof r.signature === 'string' && this.ctx.verify(r.client, clientRequestSigningData(r), r.signature);
  }

  /** A non-empty batch of well-formed requests, no larger than a batch may be, whose hash is the digest. */
  protected batchIsValid(p: ProposeMsg): boolean {
    if (p.batch.length === 0 || p.batch.length > this.options.maxBatch) return false;
    for (const r of p.batch) if (!this.isWellFormedRequest(r)) return false;
    return p.digest === batchDigest(p.batch);
  }

  /** A PROPOSE signed by the leader of its regency, with a valid batch (seen on its own, outside any regency). */
  protected isValidProposal(p: ProposeMsg): boolean {
    return p.sender === this.leaderOf(p.reg) && this.batchIsValid(p) && this.verifyMessage(p);
  }

  /** A decision proof: a valid PROPOSE and a quorum of matching, validly signed ACCEPTs. */
  protected isValidDecision(proof: DecisionProof): boolean {
    return this.isValidProposal(proof.propose)
      && certifiedVotes(proof.propose, proof.accepts, (v) => v.type === 'ACCEPT' && this.verifyMessage(v)) >= this.acceptQuorum();
  }

  /** A write certificate: a valid PROPOSE and a quorum of matching, validly signed WRITEs. */
  protected isValidWriteCert(cert: WriteCert): boolean {
    return this.isValidProposal(cert.propose)
      && certifiedVotes(cert.propose, cert.writes, (v) => v.type === 'WRITE' && this.verifyMessage(v)) >= this.writeQuorum();
  }

  /** The regency's leader may propose at `cid`: only from the SYNC's open instance on, and not where the SYNC bound it. */
  protected acceptPropose(p: ProposeMsg): boolean {
    if (!this.active || p.reg !== this.reg || p.sender !== this.leaderOf(p.reg)) return false;
    if (p.cid < this.syncCid || !this.inWindow(p.cid) || !this.batchIsValid(p)) return false;
    return this.instance(p.cid).propose === null;
  }

  // ---- client requests ------------------------------------------------------------------------

  /** A request from a client (clients send to every replica). */
  onRequest(request: ClientRequest): void {
    if (!this.isWellFormedRequest(request)) return;
    if (this.isDuplicateRequest(request)) {
      this.resendReply(request);
      return;
    }
    const known = this.pending.get(request.client);
    if (known !== undefined && known.requestId >= request.requestId) return;
    this.pending.set(request.client, request);
    this.startRequestTimerIfIdle();
    this.proposeNext();
  }

  /** Re-sends the stored reply when a client retransmits its latest request. */
  protected resendReply(r: ClientRequest): void {
    const last = this.service.lastReply(r.client);
    if (last !== undefined && last.requestId === r.requestId) this.ctx.reply(r.client, r.requestId, last.result);
  }

  // ---- the consensus instance -----------------------------------------------------------------

  /** The instance record of `cid` in the current regency, created on first use (with the SYNC's binding). */
  protected instance(cid: number): Instance {
    let inst = this.instances.get(cid);
    if (inst === undefined || inst.reg !== this.reg) {
      inst = new Instance(this.reg, cid);
      if (this.lockedPropose !== null && this.lockedPropose.cid === cid) inst.propose = this.lockedPropose;
      this.instances.set(cid, inst);
    }
    return inst;
  }

  /** The leader proposes the waiting requests for the current instance, once per regency and instance. */
  protected proposeNext(): void {
    if (!this.active || !this.isLeader()) return;
    const cid = this.currentCid();
    if (cid < this.syncCid || this.instance(cid).propose !== null) return;
    const batch = this.nextBatch();
    if (batch.length === 0) return;
    const p = seal<ProposeMsg>({ type: 'PROPOSE', reg: this.reg, cid, digest: batchDigest(batch), batch, sender: this.id, sig: '' }, this.sign);
    this.ctx.broadcast(p);
    this.onPropose(p);
  }

  /** Waiting requests not yet executed, in arrival order, up to the batch size. */
  protected nextBatch(): ClientRequest[] {
    const batch: ClientRequest[] = [];
    for (const r of this.pending.values()) {
      if (batch.length >= this.options.maxBatch) break;
      if (!this.isDuplicateRequest(r)) batch.push(r);
    }
    return batch;
  }

  /** PROPOSE: accept it, write it if it is the current instance, and see whether it is already decided. */
  protected onPropose(p: ProposeMsg): void {
    if (!this.acceptPropose(p)) return;
    const inst = this.instance(p.cid);
    inst.propose = p;
    this.tryWrite(inst);
    this.checkDecided(inst);
  }

  /** Sends this replica's WRITE for the current instance's proposal (once), remembering it for STOPDATA. */
  protected tryWrite(inst: Instance): void {
    const p = inst.propose;
    if (inst.wrote || p === null || !this.active || inst.cid !== this.currentCid()) return;
    inst.wrote = true;
    this.openRecord(inst.cid).recordWritten(p, this.options.maxWritten);
    const w = seal<WriteMsg>({ type: 'WRITE', reg: inst.reg, cid: inst.cid, digest: p.digest, sender: this.id, sig: '' }, this.sign);
    this.ctx.broadcast(w);
    this.addVote(inst.writes, w);
    this.checkAccepted(inst);
  }

  /** WRITE of the current regency, for an instance in the window. */
  protected onWrite(w: WriteMsg): void {
    if (w.reg !== this.reg || !this.inWindow(w.cid)) return;
    const inst = this.instance(w.cid);
    this.addVote(inst.writes, w);
    this.checkAccepted(inst);
  }

  /** ACCEPT of the current regency, for an instance in the window. */
  protected onAccept(a: AcceptMsg): void {
    if (a.reg !== this.reg || !this.inWindow(a.cid)) return;
    const inst = this.instance(a.cid);
    this.addVote(inst.accepts, a);
    this.checkDecided(inst);
  }

  /** WRITEs matching the proposal this replica wrote. */
  protected countWrites(inst: Instance): number {
    return inst.propose === null ? 0 : countMatching(inst.writes, inst.propose.digest);
  }

  /** ACCEPTs matching the instance's proposal. */
  protected countAccepts(inst: Instance): number {
    return inst.propose === null ? 0 : countMatching(inst.accepts, inst.propose.digest);
  }

  /** Once a write quorum matches what this replica wrote: keep the certificate and send ACCEPT. */
  protected checkAccepted(inst: Instance): void {
    if (inst.accepted || !inst.wrote || !this.active || this.countWrites(inst) < this.writeQuorum()) return;
    inst.accepted = true;
    const p = inst.propose as ProposeMsg;
    this.openRecord(inst.cid).recordAccepted({ propose: p, writes: matchingVotes(inst.writes, p.digest) });
    const a = seal<AcceptMsg>({ type: 'ACCEPT', reg: inst.reg, cid: inst.cid, digest: p.digest, sender: this.id, sig: '' }, this.sign);
    this.ctx.broadcast(a);
    this.addVote(inst.accepts, a);
    this.checkDecided(inst);
  }

  /** Once an accept quorum matches the proposal: the instance is decided. */
  protected checkDecided(inst: Instance): void {
    if (inst.decided || inst.propose === null || this.countAccepts(inst) < this.acceptQuorum()) return;
    inst.decided = true;
    const p = inst.propose;
    this.decide({ propose: p, accepts: matchingVotes(inst.accepts, p.digest) });
  }

  /** Declares a decision (once) and delivers whatever is now in order. */
  protected decide(proof: DecisionProof): void {
    const cid = proof.propose.cid;
    if (cid <= this.lastExecuted || this.decided.has(cid)) return;
    this.decided.set(cid, proof);
    this.decisions.set(proof);
    this.ctx.commit(cid, proof.propose.digest);
    this.executeReady();
  }

  /** The record of what this replica wrote and accepted at `cid`. */
  protected openRecord(cid: number): OpenRecord {
    let rec = this.open.get(cid);
    if (rec === undefined) {
      rec = new OpenRecord();
      this.open.set(cid, rec);
    }
    return rec;
  }

  // ---- delivery -------------------------------------------------------------------------------

  /** Executes decided batches strictly in instance order, stopping at the first gap. */
  protected executeReady(): void {
    for (let proof = this.decided.get(this.currentCid()); proof !== undefined; proof = this.decided.get(this.currentCid())) {
      this.decided.delete(proof.propose.cid);
      this.executeBatch(proof);
    }
  }

  /** Executes one decided batch and moves on to the next instance. */
  protected executeBatch(proof: DecisionProof): void {
    const p = proof.propose;
    let executedAny = false;
    for (const r of p.batch) if (this.executeRequest(p.cid, r)) executedAny = true;
    this.lastExecuted = p.cid;
    this.open.delete(p.cid);
    this.instances.delete(p.cid);
    if (executedAny) this.consecutiveRegencies = 0;
    if (p.cid % this.options.checkpointInterval === 0) this.takeCheckpoint(p.cid);
    this.afterProgress();
  }

  /** Executes one request at most once per (client, requestId) and replies; false for a duplicate. */
  protected executeRequest(cid: number, r: ClientRequest): boolean {
    const waiting = this.pending.get(r.client);
    if (waiting !== undefined && waiting.requestId <= r.requestId) this.pending.delete(r.client);
    if (this.isDuplicateRequest(r)) return false;
    const result = this.service.execute(r.operation);
    this.service.recordReply(r.client, r.requestId, result);
    this.ctx.execute(cid, r.operation, result, { client: r.client, requestId: r.requestId });
    this.ctx.reply(r.client, r.requestId, result);
    return true;
  }

  /** After a delivery or a state change: timers, progress report, and the next instance. */
  protected afterProgress(): void {
    this.restartRequestTimer();
    this.noteProgress();
    const next = this.instances.get(this.currentCid());
    if (next !== undefined && next.reg === this.reg) {
      this.tryWrite(next);
      this.checkDecided(next);
    }
    this.proposeNext();
  }

  // ---- checkpoints ----------------------------------------------------------------------------

  /** Snapshots the service after `cid` and multicasts its digest. */
  protected takeCheckpoint(cid: number): void {
    const snapshot = this.service.snapshot();
    const digest = snapshotDigest(snapshot);
    this.checkpoints.recordOwn(cid, digest, snapshot);
    const m = seal<CheckpointMsg>({ type: 'CHECKPOINT', seq: cid, digest, sender: this.id, sig: '' }, this.sign);
    this.ctx.broadcast(m);
    this.onCheckpoint(m);
  }

  /** Collects CHECKPOINTs; a quorum of matching ones makes the checkpoint stable. */
  protected onCheckpoint(m: CheckpointMsg): void {
    if (m.seq <= this.low) return;
    this.checkpoints.addVote(m);
    if (this.checkpoints.count(m.seq, m.digest) < this.checkpointQuorum()) return;
    this.advanceStable(m.seq, m.digest, this.checkpoints.proof(m.seq, m.digest), null);
  }

  /** Makes a certified checkpoint stable (if this replica reached it) and garbage-collects old proofs. */
  protected advanceStable(cid: number, digest: string, proof: readonly CheckpointMsg[], snapshot: string | null): void {
    if (cid <= this.low || cid > this.lastExecuted) return;
    this.checkpoints.makeStable(cid, digest, proof, snapshot);
    this.decisions.collectGarbage(cid - this.options.catchUpHistory, cid);
  }

  // ---- hooks of the subclasses ----------------------------------------------------------------

  /** Starts the request timer if it is not running and requests wait. */
  protected abstract startRequestTimerIfIdle(): void;
  /** Restarts or stops the request timer after a delivery. */
  protected abstract restartRequestTimer(): void;
  /** Something progressed: (re)schedule the comparison of progress with peers. */
  protected abstract noteProgress(): void;
  /** Message dispatch. */
  abstract onMessage(from: NodeId, payload: ModSmartMessage): void;
}
