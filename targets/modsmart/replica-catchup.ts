import type { NodeId } from '../../src/adapter/contract.js';
import { certifiedDigest } from '../pbft/checkpoint.js';
import { snapshotDigest } from '../pbft/service.js';
import { seal, type DecidedMsg, type StateMsg, type StatusMsg, type SyncMsg } from './messages.js';
import { ModSmartCore, splitState, STATUS_TIMER } from './replica-core.js';

/**
 * Catching up: a replica that missed messages (dropped before GST, a partition, a restart)
 * compares progress with peers through STATUS messages, and peers that are ahead send what it
 * lacks — the SYNC of their regency, decision proofs of the instances it missed, or their stable
 * checkpoint's state (state transfer) — each verifiable on its own.
 */
export abstract class ModSmartCatchUp extends ModSmartCore {
  /** The SYNC that installed the current regency: proof of it for replicas still in an older one. */
  protected lastSync: SyncMsg | null = null;
  private readonly peerReg: number[];
  private readonly peerExecuted: number[];
  private readonly lastStatusReplyMs: number[];
  private statusDelayMs: number;

  constructor(...args: ConstructorParameters<typeof ModSmartCore>) {
    super(...args);
    this.peerReg = new Array<number>(this.n).fill(-1);
    this.peerExecuted = new Array<number>(this.n).fill(-1);
    this.lastStatusReplyMs = new Array<number>(this.n).fill(-Infinity);
    this.statusDelayMs = this.options.statusIntervalMs;
  }

  /** Declares the view (the harness learns who is a member), and arms the first progress comparison, so a replica that hears nothing at all (or just restarted) asks. */
  init(): void {
    this.ctx.membership?.(this.view.from, this.view.members);
    this.noteProgress();
  }

  /** Progress resets the status back-off. */
  protected noteProgress(): void {
    this.statusDelayMs = this.options.statusIntervalMs;
    this.ctx.setTimer(STATUS_TIMER, this.statusDelayMs);
  }

  /** Every peer has reported at least this replica's regency and execution. */
  protected peersCaughtUp(): boolean {
    if (!this.active) return false;
    for (let j = 0; j < this.n; j++) {
      if (j !== this.id && ((this.peerReg[j] as number) < this.activeReg || (this.peerExecuted[j] as number) < this.lastExecuted)) return false;
    }
    return true;
  }

  /** Quiet for a while: tell peers where this replica stands, unless all are known to be level or ahead. */
  protected onStatusTimer(): void {
    if (this.peersCaughtUp()) return;
    this.ctx.broadcast(this.makeStatus());
    this.statusDelayMs = Math.min(2 * this.statusDelayMs, this.options.statusIntervalMaxMs);
    this.ctx.setTimer(STATUS_TIMER, this.statusDelayMs);
  }

  protected makeStatus(): StatusMsg {
    return seal<StatusMsg>({ type: 'STATUS', reg: this.activeReg, cid: this.lastExecuted, stable: this.low, sender: this.id, sig: '' }, this.sign);
  }

  /** A peer's progress: help it if it is behind, answer it (rate-limited) if it is ahead. */
  protected onStatus(m: StatusMsg): void {
    const j = m.sender;
    if (j === this.id) return;
    this.peerReg[j] = Math.max(this.peerReg[j] as number, m.reg);
    this.peerExecuted[j] = Math.max(this.peerExecuted[j] as number, m.cid);
    if (m.reg < this.activeReg || m.cid < this.lastExecuted) this.helpPeer(m);
    if (m.reg > this.activeReg || m.cid > this.lastExecuted) {
      const now = this.ctx.now();
      if (now - (this.lastStatusReplyMs[j] as number) >= this.options.statusIntervalMs / 2) {
        this.lastStatusReplyMs[j] = now;
        this.ctx.send(j, this.makeStatus());
      }
    }
  }

  /**
   * Sends a lagging peer what it needs: this regency's SYNC; decision proofs from its next instance
   * on when they are all still at hand (so it executes every request itself), else the stable
   * checkpoint's state and the proofs above it.
   */
  protected helpPeer(m: StatusMsg): void {
    const j = m.sender;
    if (this.active && m.reg < this.activeReg && this.lastSync !== null) this.ctx.send(j, this.lastSync);
    let next = m.cid + 1;
    const stable = this.checkpoints.stable;
    if (!this.decisions.hasChain(next, Math.min(stable.seq, this.lastExecuted))) {
      const decided = this.decisions.get(stable.seq);
      if (stable.snapshot === null || decided === undefined) return;
      this.ctx.send(j, seal<StateMsg>({
        type: 'STATE', cid: stable.seq, digest: stable.digest, snapshot: stable.snapshot, proof: stable.proof, decided, sender: this.id, sig: '',
      }, this.sign));
      next = stable.seq + 1;
    }
    const last = Math.min(this.lastExecuted, next + 2 * this.options.window - 1);
    for (let cid = next; cid <= last; cid++) {
      const proof = this.decisions.get(cid);
      if (proof !== undefined) this.ctx.send(j, seal<DecidedMsg>({ type: 'DECIDED', proof, sender: this.id, sig: '' }, this.sign));
    }
  }

  /** A decision proof from a peer, checked on its own. */
  protected onDecided(m: DecidedMsg): void {
    const cid = m.proof.propose.cid;
    if (cid <= this.lastExecuted || cid > this.lastExecuted + 2 * this.options.window || this.decided.has(cid)) return;
    if (this.isValidDecision(m.proof)) this.decide(m.proof);
  }

  /** State transfer: a snapshot certified by a checkpoint quorum, installed instead of executing what it covers. */
  protected onState(m: StateMsg): void {
    if (m.cid <= this.lastExecuted || !this.acceptState(m)) return;
    const state = splitState(m.snapshot, this.n);
    if (state === null || !this.service.restore(state.service)) return;
    const viewChanged = state.views[state.views.length - 1]?.text() !== this.view.text();
    this.views = state.views;
    this.lastExecuted = m.cid;
    this.decisions.set(m.decided);
    for (const key of this.decided.keys()) if (key <= m.cid) this.decided.delete(key);
    for (const key of this.open.keys()) if (key <= m.cid) this.open.delete(key);
    for (const key of this.instances.keys()) if (key <= m.cid) this.instances.delete(key);
    for (const [client, r] of this.pending) if (this.isDuplicateRequest(r)) this.pending.delete(client);
    this.checkpoints.makeStable(m.cid, m.digest, m.proof, m.snapshot);
    this.ctx.installState(m.cid, m.digest);
    this.ctx.log(`state transfer: installed checkpoint ${m.cid}`);
    if (viewChanged) this.viewChanged();
    this.executeReady();
    this.afterProgress();
  }

  /** The snapshot hashes to a digest certified by a checkpoint quorum, and the instance's decision is proven. */
  protected acceptState(m: StateMsg): boolean {
    const certified = certifiedDigest(m.proof, m.cid, this.checkpointQuorum(m.cid), (c) => this.viewAt(m.cid).has(c.sender) && this.verifyMessage(c));
    return certified === m.digest && snapshotDigest(m.snapshot) === m.digest && m.decided.propose.cid === m.cid && this.isValidDecision(m.decided);
  }

  /** Whether a peer is known to have reached a regency (for tests and subclasses). */
  protected peerRegency(j: NodeId): number {
    return this.peerReg[j] ?? -1;
  }
}
