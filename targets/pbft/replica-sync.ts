import type { NodeId } from '../../src/adapter/contract.js';
import { certifiedDigest } from './checkpoint.js';
import type { CheckpointMsg, CommitMsg, CommittedMsg, NewViewMsg, PrePrepareMsg, StateMsg, StatusMsg } from './messages.js';
import { seal } from './messages.js';
import { PbftCore, STATE_TIMER, STATUS_TIMER } from './replica-core.js';
import { snapshotDigest } from './service.js';

/** A checkpoint certified stable by 2f+1 replicas that this replica has not reached yet. */
interface AwaitedCheckpoint {
  readonly seq: number;
  readonly digest: string;
  readonly proof: readonly CheckpointMsg[];
}

/**
 * Catching up: a replica that missed messages (dropped before GST, a partition, a stale view)
 * compares progress with peers through STATUS messages, and peers that are ahead send what it
 * lacks — the NEW-VIEW of their view, committed certificates above their stable checkpoint, or
 * the stable checkpoint's state (state transfer), each verifiable on its own.
 */
export abstract class PbftSync extends PbftCore {
  /** The last NEW-VIEW this replica accepted or sent: proof of its current view for laggards. */
  protected lastNewView: NewViewMsg | null = null;
  /** The newest certified checkpoint above lastExecuted, while normal execution may still reach it. */
  protected awaited: AwaitedCheckpoint | null = null;
  private readonly peerView: number[];
  private readonly peerExecuted: number[];
  private readonly peerStable: number[];
  private readonly lastStatusReplyMs: number[];
  private statusDelayMs: number;
  private stateDelayMs = 0;

  constructor(...args: ConstructorParameters<typeof PbftCore>) {
    super(...args);
    this.peerView = new Array<number>(this.n).fill(-1);
    this.peerExecuted = new Array<number>(this.n).fill(-1);
    this.peerStable = new Array<number>(this.n).fill(-1);
    this.lastStatusReplyMs = new Array<number>(this.n).fill(-Infinity);
    this.statusDelayMs = this.options.statusIntervalMs;
  }

  /** Arms the first progress comparison, so a replica that hears nothing at all (or just restarted) asks. */
  init(): void {
    this.noteProgress();
    if (this.awaited !== null) this.ctx.setTimer(STATE_TIMER, this.options.stateTransferGraceMs);
  }

  /** Progress resets the status back-off. */
  protected noteProgress(): void {
    this.statusDelayMs = this.options.statusIntervalMs;
    this.ctx.setTimer(STATUS_TIMER, this.statusDelayMs);
  }

  /** Every peer has reported at least this replica's view, execution and stable checkpoint. */
  protected peersCaughtUp(): boolean {
    if (!this.active) return false;
    for (let j = 0; j < this.n; j++) {
      if (j === this.id) continue;
      if ((this.peerView[j] as number) < this.activeView || (this.peerExecuted[j] as number) < this.lastExecuted
        || (this.peerStable[j] as number) < this.low) return false;
    }
    return true;
  }

  /**
   * Quiet for a while: tell peers where this replica stands, unless all are known to be level or
   * ahead, and repeat its CHECKPOINTs that are not stable yet; keep ticking while either is needed.
   */
  protected onStatusTimer(): void {
    const repeated = this.repeatOwnCheckpoints();
    if (this.peersCaughtUp()) {
      if (!repeated) return;
    } else {
      this.ctx.broadcast(this.makeStatus());
    }
    this.statusDelayMs = Math.min(2 * this.statusDelayMs, this.options.statusIntervalMaxMs);
    this.ctx.setTimer(STATUS_TIMER, this.statusDelayMs);
  }

  /**
   * The network never resends CHECKPOINTs lost before GST, and replicas level with each other send
   * no STATUS, so with the window full at an unstable checkpoint nothing else would ever move h:
   * re-multicasts this replica's checkpoints above h. True when there were any.
   */
  protected repeatOwnCheckpoints(): boolean {
    const own = this.checkpoints.ownAboveStable();
    for (const { seq, digest } of own) {
      this.ctx.broadcast(seal<CheckpointMsg>({ type: 'CHECKPOINT', seq, digest, sender: this.id, sig: '' }, this.sign));
    }
    return own.length > 0;
  }

  protected makeStatus(): StatusMsg {
    return seal<StatusMsg>({
      type: 'STATUS', view: this.activeView, seq: this.lastExecuted, stable: this.low, sender: this.id, sig: '',
    }, this.sign);
  }

  /** A peer's progress: help it if it is behind, answer it (rate-limited) if it is ahead. */
  protected onStatus(m: StatusMsg): void {
    const j = m.sender;
    if (j === this.id) return;
    this.peerView[j] = Math.max(this.peerView[j] as number, m.view);
    this.peerExecuted[j] = Math.max(this.peerExecuted[j] as number, m.seq);
    this.peerStable[j] = Math.max(this.peerStable[j] as number, m.stable);
    if (m.view < this.activeView || m.seq < this.lastExecuted || m.stable < this.low) this.helpPeer(m);
    if (m.view > this.activeView || m.seq > this.lastExecuted || m.stable > this.low) {
      const now = this.ctx.now();
      if (now - (this.lastStatusReplyMs[j] as number) >= this.options.statusIntervalMs / 2) {
        this.lastStatusReplyMs[j] = now;
        this.ctx.send(j, this.makeStatus());
      }
    }
  }

  /**
   * Sends a lagging peer what it needs, each piece carrying its own proof: committed certificates
   * from its next seq on when they are all still at hand (so it executes every request itself),
   * else the stable checkpoint's state; and the stable checkpoint's proof if it lacks that.
   */
  protected helpPeer(m: StatusMsg): void {
    const j = m.sender;
    if (this.active && m.view < this.view && this.lastNewView !== null) this.ctx.send(j, this.lastNewView);
    const stable = this.checkpoints.stable;
    let next = m.seq + 1;
    const chain = this.log.hasCommitChain(next, stable.seq);
    if (stable.seq > 0 && stable.snapshot !== null && m.stable < stable.seq && (!chain || m.seq >= stable.seq)) {
      this.ctx.send(j, seal<StateMsg>({
        type: 'STATE', seq: stable.seq, digest: stable.digest, snapshot: stable.snapshot, proof: stable.proof, sender: this.id, sig: '',
      }, this.sign));
    }
    if (!chain) next = Math.max(next, stable.seq + 1);
    const last = Math.min(this.lastExecuted, next + 2 * this.options.logWindow - 1);
    for (let seq = next; seq <= last; seq++) {
      const cert = this.log.commitCerts.get(seq);
      if (cert === undefined) continue;
      this.ctx.send(j, seal<CommittedMsg>({ type: 'COMMITTED', prePrepare: cert.prePrepare, commits: cert.commits, sender: this.id, sig: '' }, this.sign));
    }
  }

  /** A committed certificate from a peer: the PRE-PREPARE of its view's primary and 2f+1 matching COMMITs. */
  protected onCommitted(m: CommittedMsg): void {
    const pp = m.prePrepare;
    if (pp.seq <= this.lastExecuted || pp.seq <= this.low || this.committed.has(pp.seq)) return;
    if (!this.isValidCommittedCert(pp, m.commits)) return;
    this.log.commitCerts.set(pp.seq, { prePrepare: pp, commits: m.commits });
    this.markCommitted(pp);
  }

  /** Verifies a committed certificate independently of this replica's view. */
  protected isValidCommittedCert(pp: PrePrepareMsg, commits: readonly CommitMsg[]): boolean {
    if (pp.sender !== this.primaryOf(pp.view) || !this.batchIsValid(pp) || !this.verifyMessage(pp)) return false;
    const seen = new Set<NodeId>();
    for (const c of commits) {
      if (c.view !== pp.view || c.seq !== pp.seq || c.digest !== pp.digest || seen.has(c.sender) || !this.verifyMessage(c)) continue;
      seen.add(c.sender);
    }
    return seen.size >= this.commitQuorum();
  }

  // ---- stable checkpoints ahead of this replica, and state transfer ---------------------------

  /** At or past the checkpoint: make it stable. Behind it: give normal execution a moment, then fetch state. */
  protected onStableCertified(seq: number, digest: string, proof: readonly CheckpointMsg[]): void {
    if (seq <= this.low) return;
    if (this.lastExecuted >= seq) {
      this.advanceStable(seq, digest, proof, null);
      if (this.awaited !== null && this.awaited.seq <= this.low) this.awaited = null;
      return;
    }
    if (this.awaited !== null && seq <= this.awaited.seq) return;
    this.awaited = { seq, digest, proof };
    this.stateDelayMs = this.options.stateTransferGraceMs;
    this.ctx.setTimer(STATE_TIMER, this.stateDelayMs);
  }

  /** Still behind a certified checkpoint: ask peers for committed certificates or the checkpoint's state. */
  protected onStateTimer(): void {
    const awaited = this.awaited;
    if (awaited === null || this.lastExecuted >= awaited.seq) return;
    this.ctx.broadcast(this.makeStatus());
    this.stateDelayMs = Math.min(2 * this.stateDelayMs, this.options.statusIntervalMaxMs);
    this.ctx.setTimer(STATE_TIMER, this.stateDelayMs);
  }

  /** Reached the awaited checkpoint by executing: it is stable here too. */
  protected override afterProgress(): void {
    const a = this.awaited;
    if (a !== null && this.lastExecuted >= a.seq) {
      this.awaited = null;
      this.onStableCertified(a.seq, a.digest, a.proof);
    }
    super.afterProgress();
  }

  /** State transfer: accepted only for a checkpoint at or above h whose digest 2f+1 replicas certified. */
  protected onState(m: StateMsg): void {
    if (m.seq <= this.low || !this.acceptState(m)) return;
    if (m.seq <= this.lastExecuted) {
      // Executed already; only the proof was missing.
      this.onStableCertified(m.seq, m.digest, m.proof);
      return;
    }
    if (!this.service.restore(m.snapshot)) return;
    this.lastExecuted = m.seq;
    this.advanceStable(m.seq, m.digest, m.proof, m.snapshot);
    if (this.awaited !== null && this.awaited.seq <= m.seq) this.awaited = null;
    for (const [client, r] of this.pending) if (this.isDuplicateRequest(r)) this.pending.delete(client);
    this.ctx.cancelTimer(STATE_TIMER);
    this.ctx.installState(m.seq, m.digest);
    this.ctx.log(`state transfer: installed checkpoint ${m.seq}`);
    this.executeReady();
    this.afterProgress();
  }

  /** The snapshot hashes to a digest certified by 2f+1 valid CHECKPOINT messages. */
  protected acceptState(m: StateMsg): boolean {
    const certified = certifiedDigest(m.proof, m.seq, this.checkpointStableQuorum(), (c) => this.verifyMessage(c));
    return certified === m.digest && snapshotDigest(m.snapshot) === m.digest;
  }
}
