import type { NodeId, TimerId } from '../../src/adapter/contract.js';
import { certifiedDigest } from './checkpoint.js';
import { isPbftMessage } from './codec.js';
import { seal, type NewViewMsg, type PbftMessage, type PrePrepareMsg, type PreparedCert, type ViewChangeMsg } from './messages.js';
import { STATE_TIMER, STATUS_TIMER, VIEW_CHANGE_TIMER } from './replica-core.js';
import { PbftSync } from './replica-sync.js';
import { computeNewViewO, matchesPlan, type NewViewPlan } from './view-change.js';

/** PRE-PREPAREs a replica remembers as checked: more than a window's worth of certificates. */
const CHECKED_PRE_PREPARES = 256;

/**
 * The reference PBFT replica (Castro & Liskov, signature variant): the normal case and checkpoints
 * of {@link PbftCore}, catching up of {@link PbftSync}, and here the view change. Each rule is a
 * small protected method, so a bug-zoo subclass overrides one method to break one rule.
 */
export class PbftReplica extends PbftSync {
  /** VIEW-CHANGE messages for views above the last active one, by view then sender. */
  protected readonly viewChanges = new Map<number, Map<NodeId, ViewChangeMsg>>();
  /** The view for which the timer waiting for a NEW-VIEW is armed. */
  protected timerArmedForView = -1;
  /** This replica's VIEW-CHANGE for the view it is changing to, retransmitted until the view starts. */
  protected ownViewChange: ViewChangeMsg | null = null;
  /** Normal-case messages of a view this replica has not entered yet, replayed when it does. */
  private readonly future: PbftMessage[] = [];
  /**
   * PRE-PREPARE objects of prepared certificates this replica found signed by their view's primary
   * over a valid batch. Every VIEW-CHANGE for a view carries the same PRE-PREPARE objects (each
   * replica logged the one its primary multicast), so a replica checking 2f+1 of them checked each
   * batch's client signatures and digest 2f+1 times; as with stored VIEW-CHANGEs, a check that
   * passed passes again for the same object. Cleared when full, to stay small.
   */
  private readonly checkedPrePrepares = new Set<PrePrepareMsg>();

  /** Start, or restart keeping state: the harness dropped every timer, so re-arm what should be running. */
  override init(): void {
    this.viewChangeTimerRunning = false;
    this.timerArmedForView = -1;
    if (!this.active || (!this.isPrimary() && this.pending.size > 0)) this.armViewChangeTimer();
    super.init();
  }

  // ---- dispatch -------------------------------------------------------------------------------

  /** Drops anything malformed or badly signed, then routes by type. */
  onMessage(_from: NodeId, payload: PbftMessage): void {
    if (!this.isStoredViewChange(payload) && (!isPbftMessage(payload as unknown) || !this.verifyMessage(payload))) return;
    this.dispatch(payload);
  }

  /**
   * The very VIEW-CHANGE object this replica already checked and stored (from another replica).
   * Replicas re-multicast their VIEW-CHANGE at every status tick until the view starts, and NEW-VIEWs
   * carry them again: checking the same object once more (its form, signature, checkpoint proof and
   * every prepared certificate) can only give the same answer, since a check that once passed keeps
   * passing (signatures stay issued, the checks read nothing but the message and fixed quorums) and
   * honest code never changes a message after sealing it. Identity, not equality: a copy is checked.
   */
  protected isStoredViewChange(m: unknown): m is ViewChangeMsg {
    if (typeof m !== 'object' || m === null) return false;
    const vc = m as Partial<ViewChangeMsg>;
    return vc.type === 'VIEW-CHANGE' && vc.sender !== this.id && this.viewChanges.get(vc.view as number)?.get(vc.sender as NodeId) === m;
  }

  /** Routes a verified message to its handler. */
  protected dispatch(m: PbftMessage): void {
    switch (m.type) {
      case 'PRE-PREPARE':
        if (m.view > this.view || (m.view === this.view && !this.active)) this.buffer(m);
        else this.onPrePrepare(m);
        return;
      case 'PREPARE':
        if (m.view > this.view) this.buffer(m);
        else this.onPrepare(m);
        return;
      case 'COMMIT':
        if (m.view > this.view) this.buffer(m);
        else this.onCommit(m);
        return;
      case 'CHECKPOINT': return this.onCheckpoint(m);
      case 'REQUEST': return this.onForwardedRequest(m);
      case 'VIEW-CHANGE': return this.onViewChange(m);
      case 'NEW-VIEW': return this.onNewView(m);
      case 'STATUS': return this.onStatus(m);
      case 'STATE': return this.onState(m);
      case 'COMMITTED': return this.onCommitted(m);
    }
  }

  /** Routes a timer. */
  onTimer(id: TimerId): void {
    if (id === VIEW_CHANGE_TIMER) this.onViewChangeTimer();
    else if (id === STATUS_TIMER) this.onStatusTimer();
    else if (id === STATE_TIMER) this.onStateTimer();
  }

  // Bounded, so a Byzantine sender cannot grow it without limit.
  private buffer(m: PbftMessage): void {
    if (this.future.length < 4 * this.options.logWindow * this.n) this.future.push(m);
  }

  // ---- the view-change timer ------------------------------------------------------------------

  /** The timeout for the current attempt: doubled for each consecutive view change. */
  protected viewChangeTimeout(): number {
    return this.options.viewChangeTimeoutMs * 2 ** Math.min(this.consecutiveViewChanges, this.options.viewChangeBackoffCap);
  }

  protected armViewChangeTimer(): void {
    this.ctx.setTimer(VIEW_CHANGE_TIMER, this.viewChangeTimeout());
    this.viewChangeTimerRunning = true;
  }

  protected stopViewChangeTimer(): void {
    this.ctx.cancelTimer(VIEW_CHANGE_TIMER);
    this.viewChangeTimerRunning = false;
  }

  /** A backup waiting for a request starts the timer if it is not already running. */
  protected startViewChangeTimerIfIdle(): void {
    if (!this.viewChangeTimerRunning && this.active && !this.isPrimary()) this.armViewChangeTimer();
  }

  /** After an execution: stop the timer if nothing is waiting, else restart it for the next request. */
  protected restartViewChangeTimer(): void {
    if (!this.active || this.isPrimary()) return;
    if (this.pending.size === 0) this.stopViewChangeTimer();
    else this.armViewChangeTimer();
  }

  /** The timer expired: suspect the primary (or the new primary that never sent NEW-VIEW) and move on. */
  protected onViewChangeTimer(): void {
    this.viewChangeTimerRunning = false;
    this.startViewChange(this.view + 1);
  }

  // ---- VIEW-CHANGE ----------------------------------------------------------------------------

  /** Stops accepting messages of the old view and multicasts ⟨VIEW-CHANGE, w, n, C, P, i⟩. */
  protected startViewChange(w: number): void {
    if (w <= this.view) return;
    this.view = w;
    this.active = false;
    this.consecutiveViewChanges++;
    this.stopViewChangeTimer();
    this.log.clearSlots();
    const stable = this.checkpoints.stable;
    const vc = seal<ViewChangeMsg>({
      type: 'VIEW-CHANGE', view: w, seq: stable.seq, checkpointProof: stable.proof,
      prepared: this.log.preparedAbove(stable.seq), sender: this.id, sig: '',
    }, this.sign);
    this.ownViewChange = vc;
    this.ctx.broadcast(vc);
    this.storeViewChange(vc);
    this.noteProgress();
    this.checkViewChangeQuorum(w);
  }

  /**
   * Messages lost before GST are never resent by the network, so a replica stuck in a view change
   * re-multicasts its VIEW-CHANGE at every (backed-off) status tick until the new view starts.
   */
  protected override onStatusTimer(): void {
    if (!this.active && this.ownViewChange !== null && this.ownViewChange.view === this.view) this.ctx.broadcast(this.ownViewChange);
    super.onStatusTimer();
  }

  /** A valid VIEW-CHANGE for a view this replica has not entered. */
  protected onViewChange(vc: ViewChangeMsg): void {
    if (vc.view < this.view) return this.resendOwnViewChange(vc);
    if (vc.view === this.view && this.active) return;
    if (!this.isStoredViewChange(vc) && !this.isValidViewChange(vc)) return;
    this.storeViewChange(vc);
    this.maybeJoinViewChange();
    if (vc.view === this.view && !this.active) this.checkViewChangeQuorum(vc.view);
  }

  /**
   * A replica still changing to a view this one has moved past gets this one's own VIEW-CHANGE for
   * that view again: sent before GST it may have been lost, and without it the laggards may never
   * gather the 2f+1 that arm their timers (nor f+1 for higher views to join), so they would wait forever.
   */
  protected resendOwnViewChange(vc: ViewChangeMsg): void {
    const mine = this.viewChanges.get(vc.view)?.get(this.id);
    if (mine !== undefined && vc.sender !== this.id) this.ctx.send(vc.sender, mine);
  }

  protected storeViewChange(vc: ViewChangeMsg): void {
    let byView = this.viewChanges.get(vc.view);
    if (byView === undefined) {
      byView = new Map();
      this.viewChanges.set(vc.view, byView);
    }
    if (!byView.has(vc.sender)) byView.set(vc.sender, vc);
  }

  /** VIEW-CHANGEs from this many distinct other replicas for higher views make a replica join: f+1. */
  protected joinViewChangeThreshold(): number {
    return this.f + 1;
  }

  /** VIEW-CHANGEs (the new primary's included) needed for a NEW-VIEW: 2f+1. */
  protected viewChangeQuorum(): number {
    return 2 * this.f + 1;
  }

  /** Joins the smallest higher view once f+1 other replicas ask for higher views (they cannot all be faulty). */
  protected maybeJoinViewChange(): void {
    let smallest = Infinity;
    let higherViews = 0;
    let senders = 0;
    for (const [w, byView] of this.viewChanges) {
      if (w <= this.view) continue;
      higherViews++;
      senders = byView.size - (byView.has(this.id) ? 1 : 0);
      if (w < smallest) smallest = w;
    }
    // Called at every VIEW-CHANGE received: with one higher view (the usual case) its map's keys are
    // the distinct senders already, and only several views need a set to count each sender once.
    if (higherViews > 1) senders = this.otherSendersAbove(this.view);
    if (senders >= this.joinViewChangeThreshold()) this.startViewChange(smallest);
  }

  /** Distinct replicas other than this one with a VIEW-CHANGE stored for a view above `view`. */
  private otherSendersAbove(view: number): number {
    const senders = new Set<NodeId>();
    for (const [w, byView] of this.viewChanges) {
      if (w <= view) continue;
      for (const sender of byView.keys()) if (sender !== this.id) senders.add(sender);
    }
    return senders.size;
  }

  /** With 2f+1 VIEW-CHANGEs for w: the new primary issues NEW-VIEW; a backup starts waiting for it. */
  protected checkViewChangeQuorum(w: number): void {
    const byView = this.viewChanges.get(w);
    if (byView === undefined || byView.size < this.viewChangeQuorum()) return;
    if (this.primaryOf(w) === this.id) {
      this.sendNewView(w, [...byView.values()]);
    } else if (this.timerArmedForView !== w) {
      this.timerArmedForView = w;
      this.armViewChangeTimer();
    }
  }

  /** A VIEW-CHANGE's checkpoint proof and prepared certificates are all valid. */
  protected isValidViewChange(vc: ViewChangeMsg): boolean {
    if (vc.seq > 0) {
      const quorum = this.checkpointStableQuorum();
      if (certifiedDigest(vc.checkpointProof, vc.seq, quorum, (c) => this.verifyMessage(c)) === null) return false;
    }
    const seqs = new Set<number>();
    for (const cert of vc.prepared) {
      if (seqs.has(cert.prePrepare.seq) || !this.isValidPreparedCert(cert, vc)) return false;
      seqs.add(cert.prePrepare.seq);
    }
    return true;
  }

  /** A prepared certificate: the PRE-PREPARE of its view's primary and 2f matching PREPAREs from distinct backups. */
  protected isValidPreparedCert(cert: PreparedCert, vc: ViewChangeMsg): boolean {
    const pp = cert.prePrepare;
    if (pp.view >= vc.view || pp.seq <= vc.seq || pp.seq > vc.seq + this.options.logWindow) return false;
    if (!this.checkedPrePrepares.has(pp)) {
      if (pp.sender !== this.primaryOf(pp.view) || !this.batchIsValid(pp) || !this.verifyMessage(pp)) return false;
      if (this.checkedPrePrepares.size >= CHECKED_PRE_PREPARES) this.checkedPrePrepares.clear();
      this.checkedPrePrepares.add(pp);
    }
    const seen = new Set<NodeId>();
    for (const p of cert.prepares) {
      if (p.view !== pp.view || p.seq !== pp.seq || p.digest !== pp.digest || p.sender === pp.sender || seen.has(p.sender)) continue;
      if (this.verifyMessage(p)) seen.add(p.sender);
    }
    return seen.size >= this.prepareQuorum();
  }

  // ---- NEW-VIEW -------------------------------------------------------------------------------

  /** O for a set V of VIEW-CHANGE messages (see {@link computeNewViewO}). */
  protected computeNewViewO(viewChanges: readonly ViewChangeMsg[]): NewViewPlan {
    return computeNewViewO(viewChanges);
  }

  /** The new primary computes O, signs its PRE-PREPAREs, multicasts NEW-VIEW and enters the view. */
  protected sendNewView(w: number, viewChanges: readonly ViewChangeMsg[]): void {
    const plan = this.computeNewViewO(viewChanges);
    const prePrepares = plan.entries.map((e) => seal<PrePrepareMsg>({
      type: 'PRE-PREPARE', view: w, seq: e.seq, digest: e.digest, requests: e.requests, sender: this.id, sig: '',
    }, this.sign));
    const nv = seal<NewViewMsg>({ type: 'NEW-VIEW', view: w, viewChanges, prePrepares, sender: this.id, sig: '' }, this.sign);
    this.ctx.broadcast(nv);
    this.enterView(nv, plan);
  }

  /** A NEW-VIEW from the primary of a view this replica has not entered, checked before it is obeyed. */
  protected onNewView(nv: NewViewMsg): void {
    if (nv.view < this.view || (nv.view === this.view && this.active)) return;
    if (nv.sender !== this.primaryOf(nv.view)) return;
    const plan = this.validateNewView(nv);
    if (plan !== null) this.enterView(nv, plan);
  }

  /** Verifies V (2f+1 valid VIEW-CHANGEs for the view from distinct replicas) and recomputes O; null if anything differs. */
  protected validateNewView(nv: NewViewMsg): NewViewPlan | null {
    const senders = new Set<NodeId>();
    for (const vc of nv.viewChanges) {
      if (senders.has(vc.sender) || !this.acceptsNewViewVote(nv, vc)) return null;
      senders.add(vc.sender);
    }
    if (senders.size < this.viewChangeQuorum()) return null;
    const plan = this.computeNewViewO(nv.viewChanges);
    if (!matchesPlan(nv.prePrepares, plan)) return null;
    for (const pp of nv.prePrepares) {
      if (pp.view !== nv.view || pp.sender !== nv.sender || !this.batchIsValid(pp) || !this.verifyMessage(pp)) return null;
    }
    return plan;
  }

  /** One VIEW-CHANGE of a NEW-VIEW's V: for the NEW-VIEW's own view, signed by its sender, with valid proofs. */
  protected acceptsNewViewVote(nv: NewViewMsg, vc: ViewChangeMsg): boolean {
    return vc.view === nv.view && (this.isStoredViewChange(vc) || (this.verifyMessage(vc) && this.isValidViewChange(vc)));
  }

  /** Enters view w: adopts min-s if newer, logs the PRE-PREPAREs of O (preparing them), and resumes. */
  protected enterView(nv: NewViewMsg, plan: NewViewPlan): void {
    const w = nv.view;
    if (this.view !== w) this.log.clearSlots();
    this.view = w;
    this.active = true;
    this.activeView = w;
    this.lastNewView = nv;
    this.timerArmedForView = -1;
    this.stopViewChangeTimer();
    for (const key of this.viewChanges.keys()) if (key <= w) this.viewChanges.delete(key);
    // O's requests are assigned before anything can trigger a proposal, so none is proposed twice.
    this.assigned.clear();
    for (const pp of nv.prePrepares) {
      for (const r of pp.requests) this.assigned.set(r.client, Math.max(r.requestId, this.assigned.get(r.client) ?? 0));
    }
    this.nextSeq = plan.maxS + 1;
    this.adoptNewViewCheckpoint(plan);
    this.nextSeq = Math.max(this.nextSeq, this.low + 1);
    for (const pp of nv.prePrepares) {
      if (!this.inWatermarks(pp.seq)) continue;
      const slot = this.log.slot(w, pp.seq);
      slot.prePrepare = pp;
      if (!this.isPrimary()) this.sendPrepare(slot, pp);
      this.checkPrepared(slot);
    }
    this.replayFuture();
    if (this.isPrimary()) this.proposePending();
    else if (this.pending.size > 0) this.armViewChangeTimer();
    this.noteProgress();
  }

  /** min-s of the NEW-VIEW is a stable checkpoint certified inside V. */
  protected adoptNewViewCheckpoint(plan: NewViewPlan): void {
    const source = plan.checkpointSource;
    if (source === null || plan.minS <= this.low) return;
    const quorum = this.checkpointStableQuorum();
    const digest = certifiedDigest(source.checkpointProof, plan.minS, quorum, (c) => this.verifyMessage(c));
    if (digest !== null) this.onStableCertified(plan.minS, digest, source.checkpointProof);
  }

  /** Replays buffered messages of the view just entered; keeps those of later views. */
  private replayFuture(): void {
    const buffered = this.future.splice(0);
    for (const m of buffered) {
      const view = m.type === 'PRE-PREPARE' || m.type === 'PREPARE' || m.type === 'COMMIT' ? m.view : -1;
      if (view === this.view) this.dispatch(m);
      else if (view > this.view) this.future.push(m);
    }
  }
}
