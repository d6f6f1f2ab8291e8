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
import { applyReconfig, historyText, parseHistory, parseReconfig, View } from './view.js';

/** BFT-SMaRt's request timer: a request not decided in time makes the replica suspect the leader. */
export const REQUEST_TIMER = 'request';
/** Timer that compares progress with peers after a quiet spell. */
export const STATUS_TIMER = 'status';

// Every replica of a cluster starts from the same empty state and initial view, so the genesis
// checkpoint is computed once per view.
const EMPTY_SERVICE = new BankKvService().snapshot();
const GENESIS = new Map<string, { readonly snapshot: string; readonly digest: string }>();

/** The checkpointed state: the views (so state transfer carries reconfigurations) and the service. */
function stateText(views: readonly View[], service: string): string {
  return `${historyText(views)}\n${service}`;
}

function genesis(view: View): { readonly snapshot: string; readonly digest: string } {
  const key = view.text();
  let g = GENESIS.get(key);
  if (g === undefined) {
    const snapshot = stateText([view], EMPTY_SERVICE);
    GENESIS.set(key, (g = { snapshot, digest: snapshotDigest(snapshot) }));
  }
  return g;
}

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
  /** Every view so far, oldest first; the last is the current one (ordering the instance after the last executed). */
  protected views: View[];
  /** Membership in the current view, as a function the vote counters take. */
  protected readonly isMember = (id: NodeId): boolean => this.view.has(id);

  /** Builds a replica bound to its context. */
  constructor(protected readonly ctx: ReplicaContext<ModSmartMessage>, options: Partial<ModSmartOptions> = {}) {
    this.id = ctx.config.id;
    this.n = ctx.config.n;
    this.f = ctx.config.f;
    this.options = { ...DEFAULT_MODSMART_OPTIONS, ...options };
    this.views = [View.initial(this.n, this.f)];
    const g = genesis(this.view);
    this.checkpoints = new CheckpointStore(g.snapshot, g.digest);
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

  /** The current view. */
  protected get view(): View {
    return this.views[this.views.length - 1] as View;
  }

  /**
   * The view of instance `cid`: known for every instance up to the current one; for later ones the
   * current view is the best guess, and what was counted with it is recounted if a reconfiguration
   * executes in between (see {@link viewChanged}).
   */
  protected viewAt(cid: number): View {
    for (let i = this.views.length - 1; i > 0; i--) if ((this.views[i] as View).from <= cid) return this.views[i] as View;
    return this.views[0] as View;
  }

  /** The n that quorums of instance `cid` (default: the current one) are computed from: its view's size (f stays fixed, as in BFT-SMaRt). */
  protected quorumBase(cid: number = this.currentCid()): number {
    return this.viewAt(cid).size;
  }

  /** Matching WRITEs that make a value accepted at `cid`: ⌈(n+f+1)/2⌉ of its view. */
  protected writeQuorum(cid?: number): number {
    return byzantineQuorum(this.quorumBase(cid), this.f);
  }

  /** Matching ACCEPTs that decide instance `cid`: ⌈(n+f+1)/2⌉ of its view. */
  protected acceptQuorum(cid?: number): number {
    return byzantineQuorum(this.quorumBase(cid), this.f);
  }

  /** Matching CHECKPOINTs that make the checkpoint of `cid` stable (and certify a transferred state). */
  protected checkpointQuorum(cid?: number): number {
    return byzantineQuorum(this.quorumBase(cid), this.f);
  }

  /** The leader of a regency at instance `cid` (default: the current one): its view's members in rotation. */
  protected leaderOf(reg: number, cid: number = this.currentCid()): NodeId {
    return this.viewAt(cid).leaderOf(reg);
  }

  /** True while this replica is a member of the current view: only members vote, propose and suspect. */
  protected isMemberNow(): boolean {
    return this.isMember(this.id);
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
    return p.sender === this.leaderOf(p.reg, p.cid) && this.batchIsValid(p) && this.verifyMessage(p);
  }

  /** A decision proof: a valid PROPOSE and a quorum of matching, validly signed ACCEPTs. */
  protected isValidDecision(proof: DecisionProof): boolean {
    const cid = proof.propose.cid;
    const view = this.viewAt(cid);
    return this.isValidProposal(proof.propose)
      && certifiedVotes(proof.propose, proof.accepts, (v) => v.type === 'ACCEPT' && view.has(v.sender) && this.verifyMessage(v)) >= this.acceptQuorum(cid);
  }

  /** A write certificate: a valid PROPOSE and a quorum of matching, validly signed WRITEs. */
  protected isValidWriteCert(cert: WriteCert): boolean {
    const cid = cert.propose.cid;
    const view = this.viewAt(cid);
    return this.isValidProposal(cert.propose)
      && certifiedVotes(cert.propose, cert.writes, (v) => v.type === 'WRITE' && view.has(v.sender) && this.verifyMessage(v)) >= this.writeQuorum(cid);
  }

  /** The regency's leader may propose at `cid`: only from the SYNC's open instance on, and not where the SYNC bound it. */
  protected acceptPropose(p: ProposeMsg): boolean {
    if (!this.active || p.reg !== this.reg || p.sender !== this.leaderOf(p.reg, p.cid)) return false;
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
    if (inst.wrote || p === null || !this.active || inst.cid !== this.currentCid() || !this.isMemberNow()) return;
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
    return inst.propose === null ? 0 : countMatching(inst.writes, inst.propose.digest, this.viewAt(inst.cid).has);
  }

  /** ACCEPTs matching the instance's proposal. */
  protected countAccepts(inst: Instance): number {
    return inst.propose === null ? 0 : countMatching(inst.accepts, inst.propose.digest, this.viewAt(inst.cid).has);
  }

  /** Once a write quorum matches what this replica wrote: keep the certificate and send ACCEPT. */
  protected checkAccepted(inst: Instance): void {
    if (inst.accepted || !inst.wrote || !this.active || this.countWrites(inst) < this.writeQuorum(inst.cid)) return;
    inst.accepted = true;
    const p = inst.propose as ProposeMsg;
    this.openRecord(inst.cid).recordAccepted({ propose: p, writes: matchingVotes(inst.writes, p.digest, this.viewAt(inst.cid).has) });
    const a = seal<AcceptMsg>({ type: 'ACCEPT', reg: inst.reg, cid: inst.cid, digest: p.digest, sender: this.id, sig: '' }, this.sign);
    this.ctx.broadcast(a);
    this.addVote(inst.accepts, a);
    this.checkDecided(inst);
  }

  /** Once an accept quorum matches the proposal: the instance is decided. */
  protected checkDecided(inst: Instance): void {
    if (inst.decided || inst.propose === null || this.countAccepts(inst) < this.acceptQuorum(inst.cid)) return;
    inst.decided = true;
    const p = inst.propose;
    this.decide({ propose: p, accepts: matchingVotes(inst.accepts, p.digest, this.viewAt(inst.cid).has) });
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
    const before = this.view;
    for (const r of p.batch) if (this.executeRequest(p.cid, r)) executedAny = true;
    this.lastExecuted = p.cid;
    this.open.delete(p.cid);
    this.instances.delete(p.cid);
    if (executedAny) this.consecutiveRegencies = 0;
    if (this.view !== before) this.viewChanged();
    if (p.cid % this.options.checkpointInterval === 0) this.takeCheckpoint(p.cid);
    this.afterProgress();
  }

  /** Executes an operation: a reconfiguration changes the view (from the next instance on), anything else goes to the service. */
  protected executeOperation(cid: number, operation: string): string {
    const reconfig = parseReconfig(operation);
    if (reconfig === null) return this.service.execute(operation);
    const { view, result } = applyReconfig(this.view, reconfig, cid, this.n, this.f);
    if (view !== this.view) this.views = [...this.views.filter((v) => v.from < view.from), view];
    return result;
  }

  /**
   * The view changed at the instance just executed: declare it to the harness, recount what was
   * counted under the old view (future proposals from a replica no longer their regency's leader,
   * decisions taken with the old quorum), and join or leave the protocol's active part.
   */
  protected viewChanged(): void {
    this.ctx.membership?.(this.view.from, this.view.members);
    for (const [cid, inst] of this.instances) {
      if (cid <= this.lastExecuted) continue;
      if (inst.propose !== null && inst.propose.sender !== this.leaderOf(inst.propose.reg, cid)) this.instances.delete(cid);
      else inst.decided = false;
    }
    for (const [cid, proof] of this.decided) if (cid > this.lastExecuted && !this.isValidDecision(proof)) this.decided.delete(cid);
    // The log too: a short proof kept there ("first one wins") would make every later STOPDATA invalid.
    for (let cid = this.lastExecuted + 1, proof = this.decisions.get(cid); proof !== undefined; proof = this.decisions.get(++cid)) {
      if (!this.isValidDecision(proof)) this.decisions.delete(cid);
    }
    this.membershipChanged();
  }

  /** Executes one request at most once per (client, requestId) and replies; false for a duplicate. */
  protected executeRequest(cid: number, r: ClientRequest): boolean {
    const waiting = this.pending.get(r.client);
    if (waiting !== undefined && waiting.requestId <= r.requestId) this.pending.delete(r.client);
    if (this.isDuplicateRequest(r)) return false;
    const result = this.executeOperation(cid, r.operation);
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
    const snapshot = stateText(this.views, this.service.snapshot());
    const digest = snapshotDigest(snapshot);
    this.checkpoints.recordOwn(cid, digest, snapshot);
    const m = seal<CheckpointMsg>({ type: 'CHECKPOINT', seq: cid, digest, sender: this.id, sig: '' }, this.sign);
    this.ctx.broadcast(m);
    this.onCheckpoint(m);
  }

  /** Collects CHECKPOINTs; a quorum of matching ones makes the checkpoint stable. */
  protected onCheckpoint(m: CheckpointMsg): void {
    // The checkpoint after instance c is voted by the replicas that ordered c: members of its view.
    if (m.seq <= this.low || !this.viewAt(m.seq).has(m.sender)) return;
    this.checkpoints.addVote(m);
    if (this.checkpoints.count(m.seq, m.digest) < this.checkpointQuorum(m.seq)) return;
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
  /** This replica's membership may have changed (a reconfiguration, or a state transfer carrying one). */
  protected abstract membershipChanged(): void;
  /** Message dispatch. */
  abstract onMessage(from: NodeId, payload: ModSmartMessage): void;
}

/** Splits checkpointed state into its views and service parts; null if malformed. */
export function splitState(text: string, n: number): { readonly views: View[]; readonly service: string } | null {
  const cut = text.indexOf('\n');
  if (cut < 0) return null;
  const views = parseHistory(text.slice(0, cut), n);
  return views === null ? null : { views, service: text.slice(cut + 1) };
}
