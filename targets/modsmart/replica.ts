import type { NodeId, TimerId } from '../../src/adapter/contract.js';
import { isModSmartMessage } from './codec.js';
import { batchDigest, seal, type ModSmartMessage, type ProposeMsg, type StopDataMsg, type StopMsg, type SyncMsg } from './messages.js';
import { ModSmartCatchUp } from './replica-catchup.js';
import { REQUEST_TIMER, STATUS_TIMER } from './replica-core.js';
import { proposeMatchesPlan, selectSyncValue, type SyncPlan } from './sync.js';

/**
 * The Mod-SMaRt replica (Sousa & Bessani, BFT-SMaRt): the normal case of {@link ModSmartCore},
 * catching up of {@link ModSmartCatchUp}, and here the synchronization phase — STOP, STOPDATA,
 * SYNC — that changes the leader when requests time out. Each rule is a small protected method,
 * so a bug-zoo subclass overrides one method to break one rule.
 */
export class ModSmartReplica extends ModSmartCatchUp {
  /** STOPs for regencies above the last active one, by regency then sender. */
  protected readonly stops = new Map<number, Map<NodeId, StopMsg>>();
  /** STOPDATAs collected by the leader of a regency being installed, by regency then sender. */
  protected readonly stopData = new Map<number, Map<NodeId, StopDataMsg>>();
  /** This replica's STOP and STOPDATA for the regency being installed: retransmitted until it is. */
  protected ownStop: StopMsg | null = null;
  protected ownStopData: StopDataMsg | null = null;
  /** Normal-case messages of a regency this replica has not installed yet, replayed when it does. */
  private readonly future: ModSmartMessage[] = [];

  /** Start, or restart keeping state: the harness dropped every timer, so re-arm what should be running. */
  override init(): void {
    this.requestTimerRunning = false;
    if (!this.active || this.pending.size > 0) this.armRequestTimer();
    super.init();
  }

  // ---- dispatch -------------------------------------------------------------------------------

  /** Drops anything malformed or badly signed, then routes by type. */
  onMessage(_from: NodeId, payload: ModSmartMessage): void {
    if (!isModSmartMessage(payload as unknown) || !this.verifyMessage(payload)) return;
    this.dispatch(payload);
  }

  /** Routes a verified message to its handler. */
  protected dispatch(m: ModSmartMessage): void {
    switch (m.type) {
      case 'PROPOSE':
      case 'WRITE':
      case 'ACCEPT':
        if (m.reg > this.reg || (m.reg === this.reg && !this.active)) return this.buffer(m);
        if (m.type === 'PROPOSE') return this.onPropose(m);
        return m.type === 'WRITE' ? this.onWrite(m) : this.onAccept(m);
      case 'STOP': return this.onStop(m);
      case 'STOPDATA': return this.onStopData(m);
      case 'SYNC': return this.onSync(m);
      case 'CHECKPOINT': return this.onCheckpoint(m);
      case 'STATUS': return this.onStatus(m);
      case 'STATE': return this.onState(m);
      case 'DECIDED': return this.onDecided(m);
    }
  }

  /** Routes a timer. */
  onTimer(id: TimerId): void {
    if (id === REQUEST_TIMER) this.onRequestTimer();
    else if (id === STATUS_TIMER) this.onStatusTimer();
  }

  // Bounded, so a Byzantine sender cannot grow it without limit.
  private buffer(m: ModSmartMessage): void {
    if (this.future.length < 4 * this.options.window * this.n) this.future.push(m);
  }

  private replayFuture(): void {
    const buffered = this.future.splice(0);
    for (const m of buffered) {
      const reg = m.type === 'PROPOSE' || m.type === 'WRITE' || m.type === 'ACCEPT' ? m.reg : -1;
      if (reg === this.reg) this.dispatch(m);
      else if (reg > this.reg) this.future.push(m);
    }
  }

  // ---- the request timer ----------------------------------------------------------------------

  /** The timeout for the current attempt: doubled for each consecutive regency change (exponential back-off). */
  protected requestTimeout(): number {
    return this.options.requestTimeoutMs * 2 ** Math.min(this.consecutiveRegencies, this.options.backoffCap);
  }

  protected armRequestTimer(): void {
    if (!this.isMemberNow()) return;
    this.ctx.setTimer(REQUEST_TIMER, this.requestTimeout());
    this.requestTimerRunning = true;
  }

  protected stopRequestTimer(): void {
    this.ctx.cancelTimer(REQUEST_TIMER);
    this.requestTimerRunning = false;
  }

  /** A replica holding a request starts the timer if it is not already running. */
  protected startRequestTimerIfIdle(): void {
    if (!this.requestTimerRunning && this.active) this.armRequestTimer();
  }

  /** After a delivery: stop the timer if nothing is waiting, else restart it for the next request. */
  protected restartRequestTimer(): void {
    if (!this.active) return;
    if (this.pending.size === 0) this.stopRequestTimer();
    else this.armRequestTimer();
  }

  /** The timer expired: suspect the leader (or the new leader that never sent SYNC) and move on. */
  protected onRequestTimer(): void {
    this.requestTimerRunning = false;
    this.startStop(this.reg + 1);
  }

  // ---- STOP -----------------------------------------------------------------------------------

  /** Stops the current regency's work and multicasts ⟨STOP, r⟩. */
  protected startStop(r: number): void {
    if (r <= this.reg || !this.isMemberNow()) return;
    this.reg = r;
    this.active = false;
    this.consecutiveRegencies++;
    this.stopRequestTimer();
    this.instances = new Map();
    this.lockedPropose = null;
    this.ownStopData = null;
    const stop = seal<StopMsg>({ type: 'STOP', reg: r, sender: this.id, sig: '' }, this.sign);
    this.ownStop = stop;
    this.ctx.broadcast(stop);
    this.storeStop(stop);
    this.noteProgress();
    this.checkStopQuorum(r);
  }

  /**
   * Messages lost before GST are never resent by the network, so a replica stuck in a
   * synchronization phase re-sends its STOP and STOPDATA at every (backed-off) status tick.
   */
  protected override onStatusTimer(): void {
    if (!this.active && this.ownStop !== null && this.ownStop.reg === this.reg) {
      this.ctx.broadcast(this.ownStop);
      if (this.ownStopData !== null && this.leaderOf(this.reg) !== this.id) this.ctx.send(this.leaderOf(this.reg), this.ownStopData);
    }
    super.onStatusTimer();
  }

  /** A STOP for a regency this replica has not installed. */
  protected onStop(m: StopMsg): void {
    if (m.reg < this.reg) return this.resendOwnStop(m);
    if (m.reg === this.reg && this.active) return;
    this.storeStop(m);
    this.maybeJoinStop();
    if (m.reg === this.reg && !this.active) this.checkStopQuorum(m.reg);
  }

  /**
   * A replica still stopping a regency this one has moved past gets this one's own STOP for it
   * again: sent before GST it may have been lost, and without it the laggards may never gather the
   * quorum that moves them on (nor f + 1 to join a higher one), so they would wait forever.
   */
  protected resendOwnStop(m: StopMsg): void {
    const mine = this.stops.get(m.reg)?.get(this.id);
    if (mine !== undefined && m.sender !== this.id) this.ctx.send(m.sender, mine);
  }

  protected storeStop(m: StopMsg): void {
    let byReg = this.stops.get(m.reg);
    if (byReg === undefined) this.stops.set(m.reg, (byReg = new Map()));
    if (!byReg.has(m.sender)) byReg.set(m.sender, m);
  }

  /** STOPs for r from members of the current view (stored from anyone, counted by membership). */
  protected countStops(r: number): number {
    let count = 0;
    for (const sender of this.stops.get(r)?.keys() ?? []) if (this.isMember(sender)) count++;
    return count;
  }

  /** The current view changed membership: a replica that joined starts suspecting for its pending requests; one that left stops. */
  protected membershipChanged(): void {
    if (!this.isMemberNow()) this.stopRequestTimer();
    else if (this.active && this.pending.size > 0) this.armRequestTimer();
  }

  /** STOPs from this many distinct other replicas for higher regencies make a replica join: f+1. */
  protected joinStopThreshold(): number {
    return this.f + 1;
  }

  /** STOPs (this replica's included) that install a regency: a quorum. */
  protected stopQuorum(): number {
    return this.writeQuorum();
  }

  /** Joins the smallest higher regency once f+1 other replicas ask for higher ones (they cannot all be faulty). */
  protected maybeJoinStop(): void {
    const senders = new Set<NodeId>();
    let smallest = Infinity;
    for (const [r, byReg] of this.stops) {
      if (r <= this.reg) continue;
      for (const sender of byReg.keys()) if (sender !== this.id && this.isMember(sender)) senders.add(sender);
      if (r < smallest) smallest = r;
    }
    if (senders.size >= this.joinStopThreshold()) this.startStop(smallest);
  }

  /** With a quorum of STOPs for r: send STOPDATA to r's leader and wait (timer) for its SYNC. */
  protected checkStopQuorum(r: number): void {
    if (this.countStops(r) < this.stopQuorum() || this.ownStopData !== null || !this.isMemberNow()) return;
    const sd = this.makeStopData(r);
    this.ownStopData = sd;
    this.armRequestTimer();
    if (this.leaderOf(r) === this.id) this.onStopData(sd);
    else this.ctx.send(this.leaderOf(r), sd);
  }

  /** ⟨STOPDATA, r⟩: the last executed instance with its proof, and what was written and accepted in the next. */
  protected makeStopData(r: number): StopDataMsg {
    const cid = this.lastExecuted;
    const rec = this.open.get(cid + 1);
    return seal<StopDataMsg>({
      type: 'STOPDATA', reg: r, cid, decided: cid === 0 ? null : (this.decisions.get(cid) ?? null),
      written: rec === undefined ? [] : [...rec.written], accepted: rec?.accepted ?? null, sender: this.id, sig: '',
    }, this.sign);
  }

  // ---- STOPDATA and SYNC ----------------------------------------------------------------------

  /** STOPDATAs quorum the new leader needs for a SYNC. */
  protected stopDataQuorum(): number {
    return this.writeQuorum();
  }

  /** The leader of r collects STOPDATAs; with a quorum it sends SYNC. A late one gets the SYNC again. */
  protected onStopData(m: StopDataMsg): void {
    if (this.leaderOf(m.reg) !== this.id || m.reg < this.activeReg) return;
    if (this.active && m.reg === this.activeReg) {
      if (this.lastSync !== null && this.lastSync.reg === m.reg && m.sender !== this.id) this.ctx.send(m.sender, this.lastSync);
      return;
    }
    if (!this.isMember(m.sender) || !this.isValidStopData(m)) return;
    let byReg = this.stopData.get(m.reg);
    if (byReg === undefined) this.stopData.set(m.reg, (byReg = new Map()));
    if (!byReg.has(m.sender)) byReg.set(m.sender, m);
    if (m.reg === this.reg && !this.active && byReg.size >= this.stopDataQuorum()) this.sendSync(m.reg, [...byReg.values()].slice(0, this.stopDataQuorum()));
  }

  /** A STOPDATA's decision proof, written proposals and write certificate are all valid and about its instances. */
  protected isValidStopData(m: StopDataMsg): boolean {
    if (m.cid === 0 ? m.decided !== null : m.decided === null || m.decided.propose.cid !== m.cid || !this.isValidDecision(m.decided)) return false;
    if (m.written.length > this.options.maxWritten) return false;
    for (const p of m.written) if (p.cid !== m.cid + 1 || p.reg >= m.reg || !this.isValidProposal(p)) return false;
    const cert = m.accepted;
    return cert === null || (cert.propose.cid === m.cid + 1 && cert.propose.reg < m.reg && this.isValidWriteCert(cert));
  }

  /** The selection of the synchronization phase (see {@link selectSyncValue}). */
  protected selectSync(stopData: readonly StopDataMsg[]): SyncPlan {
    return selectSyncValue(stopData);
  }

  /** The new leader: computes the plan, proposes its value (or a fresh batch), multicasts SYNC and installs the regency. */
  protected sendSync(r: number, stopData: readonly StopDataMsg[]): void {
    const plan = this.selectSync(stopData);
    const batch = plan.value !== null ? plan.value.batch : this.nextBatch();
    const propose = batch.length === 0 ? null : seal<ProposeMsg>({
      type: 'PROPOSE', reg: r, cid: plan.cid, digest: batchDigest(batch), batch, sender: this.id, sig: '',
    }, this.sign);
    const sync = seal<SyncMsg>({ type: 'SYNC', reg: r, stopData, propose, sender: this.id, sig: '' }, this.sign);
    this.ctx.broadcast(sync);
    this.installRegency(sync, plan);
  }

  /** A SYNC from the leader of a regency this replica has not installed, checked before it is obeyed. */
  protected onSync(m: SyncMsg): void {
    if (m.reg < this.reg || (m.reg === this.reg && this.active) || m.sender !== this.leaderOf(m.reg)) return;
    const plan = this.validateSync(m);
    if (plan !== null) this.installRegency(m, plan);
  }

  /** Verifies S (a quorum of valid STOPDATAs for the regency from distinct replicas) and recomputes the plan. */
  protected validateSync(m: SyncMsg): SyncPlan | null {
    const senders = new Set<NodeId>();
    for (const sd of m.stopData) {
      if (sd.reg !== m.reg || senders.has(sd.sender) || !this.isMember(sd.sender) || !this.stopDataSigned(sd) || !this.isValidStopData(sd)) return null;
      senders.add(sd.sender);
    }
    if (senders.size < this.stopDataQuorum()) return null;
    const plan = this.selectSync(m.stopData);
    const p = m.propose;
    if (!proposeMatchesPlan(p, plan)) return null;
    if (p !== null && (p.reg !== m.reg || p.sender !== m.sender || !this.isValidProposal(p))) return null;
    return plan;
  }

  /** Whether a STOPDATA collected in a SYNC carries its sender's valid signature: one method, so a zoo variant can change exactly this check. */
  protected stopDataSigned(sd: StopDataMsg): boolean {
    return this.verifyMessage(sd);
  }

  /** Installs regency r: adopts the proven decision below the open instance, binds the open instance, resumes. */
  protected installRegency(m: SyncMsg, plan: SyncPlan): void {
    this.reg = m.reg;
    this.active = true;
    this.activeReg = m.reg;
    this.lastSync = m;
    this.syncCid = plan.cid;
    this.lockedPropose = m.propose;
    this.instances = new Map();
    this.ownStop = null;
    this.ownStopData = null;
    this.stopRequestTimer();
    for (const key of this.stops.keys()) if (key <= m.reg) this.stops.delete(key);
    for (const key of this.stopData.keys()) if (key <= m.reg) this.stopData.delete(key);
    if (plan.decided !== null && plan.decided.propose.cid > this.lastExecuted) this.decide(plan.decided);
    const open = this.instance(this.currentCid());
    this.tryWrite(open);
    this.checkDecided(open);
    this.replayFuture();
    this.proposeNext();
    if (this.pending.size > 0) this.armRequestTimer();
    this.noteProgress();
  }
}
