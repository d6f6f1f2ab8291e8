import { clientRequestSigningData, type ClientRequest, type NodeId, type Replica, type ReplicaContext, type TimerId } from '../../src/adapter/contract.js';
import { isSeed001Message, messagesEqual, MSG, parsePayload, payloadDigest, serializeMessage, type Seed001Message } from './messages.js';

/** Seed 001's `Config.Timeout` (5 s), in virtual ms: the view-change timer. */
export const TIMEOUT_MS = 5_000;
const VIEW_CHANGE_TIMER = 'view-change';

type Log = Map<number, Map<NodeId, Seed001Message>>;

function entry(log: Log, key: number): Map<NodeId, Seed001Message> {
  let m = log.get(key);
  if (m === undefined) log.set(key, (m = new Map()));
  return m;
}

/**
 * Seed 001's Go `Node`, ported line by line onto the contract: the goroutines and channels become
 * event handlers, `time.NewTimer` a harness timer, ed25519 `Sign`/`Verify` the context's signer.
 * Every defect of the Go code is kept (see FINDINGS.md); comments cite the Go line numbers.
 */
export class Seed001Node implements Replica<Seed001Message> {
  private readonly config: { N: number; F: number; PrepareQuorum: number; CommitQuorum: number };
  private view = 0;
  private sequence = 0;
  private lastExecuted = 0;
  private readonly requestLog = new Map<number, Seed001Message>();
  private readonly prePrepareLog = new Map<number, Seed001Message>();
  private readonly prepareLog: Log = new Map();
  private readonly commitLog: Log = new Map();
  private readonly viewChangeLog: Log = new Map();
  private readonly committed = new Map<number, boolean>();
  /** `peers`: a Go map. Its iteration order is made deterministic (insertion order, node 0 first). */
  private readonly peers = new Map<NodeId, true>();
  private isPrimary = false;

  constructor(private readonly ctx: ReplicaContext<Seed001Message>) {
    const n = ctx.config.n;
    const f = Math.floor((n - 1) / 3); // line 59
    this.config = { N: n, F: f, PrepareQuorum: 2 * f, CommitQuorum: 2 * f + 1 };
    for (let id = 0; id < n; id++) this.peers.set(id, true);
  }

  /** `Start` (lines 149–157). */
  init(): void {
    this.updatePrimaryStatus();
    this.resetViewChangeTimer();
  }

  /** `isPrimaryForView` (165–175): iterates the peer map; despite its comment, nothing sorts it. */
  private isPrimaryForView(view: number): boolean {
    const nodeList = [...this.peers.keys()];
    return nodeList[view % nodeList.length] === this.ctx.config.id;
  }

  private primaryForView(view: number): NodeId {
    const nodeList = [...this.peers.keys()];
    return nodeList[view % nodeList.length] as NodeId;
  }

  private updatePrimaryStatus(): void {
    this.isPrimary = this.isPrimaryForView(this.view);
  }

  /** A client's REQUEST: the seed's client sends it to every node (lines 664–667). */
  onRequest(r: ClientRequest): void {
    // The seed's client neither signs nor is in `peers`, so verifySignature would drop every
    // request; here clients are registered and their harness signature is the ed25519 check.
    if (typeof r.signature !== 'string' || !this.ctx.verify(r.client, clientRequestSigningData(r), r.signature)) return;
    const payload = JSON.stringify({ Operation: r.operation, ClientID: r.client, Timestamp: r.requestId });
    this.handleRequest({ type: MSG.REQUEST, view: 0, seq: 0, nodeId: r.client, payload, sig: r.signature });
  }

  /** `processMessage` (219–241): verify, then dispatch by type. */
  onMessage(_from: NodeId, msg: Seed001Message): void {
    if (!isSeed001Message(msg) || !this.verifySignature(msg)) return;
    switch (msg.type) {
      case MSG.PRE_PREPARE: return this.handlePrePrepare(msg);
      case MSG.PREPARE: return this.handlePrepare(msg);
      case MSG.COMMIT: return this.handleCommit(msg);
      case MSG.VIEW_CHANGE: return this.handleViewChange(msg);
      case MSG.NEW_VIEW: return this.handleNewView(msg);
      default: return undefined;
    }
  }

  /** `viewChangeMonitor` (567–578): the timer fired. */
  onTimer(id: TimerId): void {
    if (id === VIEW_CHANGE_TIMER) this.startViewChange();
  }

  /** `handleRequest` (244–277): backups do nothing ("Forward to primary" is a comment); the primary assigns the next seq to every request it gets. */
  private handleRequest(msg: Seed001Message): void {
    if (!this.isPrimary) return;
    this.sequence++;
    const seq = this.sequence;
    this.requestLog.set(seq, msg);
    const prePrepare = this.sign({ type: MSG.PRE_PREPARE, view: this.view, seq, nodeId: this.ctx.config.id, payload: msg.payload });
    this.prePrepareLog.set(seq, prePrepare);
    this.broadcast(prePrepare);
  }

  /**
   * `handlePrePrepare` (280–327). The Go checks `n.isPrimaryForView(msg.View)` — whether *this* node
   * leads, which would make every backup drop every PRE-PREPARE; ported as its comment says
   * ("Verify from current primary"), i.e. the sender leads the view.
   */
  private handlePrePrepare(msg: Seed001Message): void {
    if (this.primaryForView(msg.view) !== msg.nodeId) return;
    if (msg.view !== this.view) return;
    const existing = this.prePrepareLog.get(msg.seq);
    if (existing !== undefined) return; // conflicting or already processed (messagesEqual only picks the error text)
    this.prePrepareLog.set(msg.seq, msg);
    const prepare = this.sign({ type: MSG.PREPARE, view: msg.view, seq: msg.seq, nodeId: this.ctx.config.id, payload: msg.payload });
    entry(this.prepareLog, msg.seq).set(this.ctx.config.id, prepare);
    this.broadcast(prepare);
  }

  /** `handlePrepare` (330–381): prepared on 2f+1 PREPAREs for the *sequence number*, whatever their payload, PRE-PREPARE or not. */
  private handlePrepare(msg: Seed001Message): void {
    if (msg.view !== this.view) return;
    const prepares = entry(this.prepareLog, msg.seq);
    if (prepares.has(msg.nodeId)) return;
    prepares.set(msg.nodeId, msg);
    if (prepares.size < this.config.CommitQuorum) return;
    if (this.committed.get(msg.seq) === true) return;
    // The COMMIT carries the payload of whichever PREPARE completed the count.
    const commit = this.sign({ type: MSG.COMMIT, view: msg.view, seq: msg.seq, nodeId: this.ctx.config.id, payload: msg.payload });
    entry(this.commitLog, msg.seq).set(this.ctx.config.id, commit);
    this.broadcast(commit);
  }

  /** `handleCommit` (384–419): committed on 2f+1 COMMITs for the sequence number, whatever their payload. */
  private handleCommit(msg: Seed001Message): void {
    if (msg.view !== this.view) return;
    const commits = entry(this.commitLog, msg.seq);
    if (commits.has(msg.nodeId)) return;
    commits.set(msg.nodeId, msg);
    if (commits.size >= this.config.CommitQuorum && this.committed.get(msg.seq) !== true) {
      this.committed.set(msg.seq, true);
      this.executeOperation(msg.seq); // commitNotify → consensusWorker
    }
  }

  /** `executeOperation` (436–482): only if seq is next; a seq committed early is never retried. */
  private executeOperation(seq: number): void {
    if (seq !== this.lastExecuted + 1) return;
    const prePrepare = this.prePrepareLog.get(seq);
    if (prePrepare === undefined) return;
    const req = parsePayload(prePrepare.payload);
    if (req === null) return;
    this.ctx.commit(seq, payloadDigest(prePrepare.payload));
    this.lastExecuted = seq;
    // The seed's REPLY echoes the request payload: the result is the operation itself.
    this.ctx.execute(seq, req.Operation, req.Operation, { client: req.ClientID, requestId: req.Timestamp });
    if (req.ClientID >= this.config.N) this.ctx.reply(req.ClientID, req.Timestamp, req.Operation);
  }

  /** `handleViewChange` (485–504): stores any VIEW-CHANGE; the new primary moves on with 2f+1, carrying no proofs. */
  private handleViewChange(msg: Seed001Message): void {
    const log = entry(this.viewChangeLog, msg.view);
    log.set(msg.nodeId, msg);
    if (log.size >= this.config.CommitQuorum && this.isPrimaryForView(msg.view)) this.sendNewView(msg.view);
  }

  /** `handleNewView` (507–522): like handlePrePrepare, the Go tests this node; ported as "from the new primary". */
  private handleNewView(msg: Seed001Message): void {
    if (this.primaryForView(msg.view) !== msg.nodeId) return;
    this.view = msg.view;
    this.updatePrimaryStatus();
    this.resetViewChangeTimer();
  }

  /** `startViewChange` (525–548). */
  private startViewChange(): void {
    this.view++;
    const viewChange = this.sign({ type: MSG.VIEW_CHANGE, view: this.view, seq: this.sequence, nodeId: this.ctx.config.id, payload: '' });
    entry(this.viewChangeLog, this.view).set(this.ctx.config.id, viewChange);
    this.broadcast(viewChange);
    this.resetViewChangeTimer();
  }

  /** `sendNewView` (551–564): no V, no O — the new primary simply moves on. */
  private sendNewView(view: number): void {
    const newView = this.sign({ type: MSG.NEW_VIEW, view, seq: 0, nodeId: this.ctx.config.id, payload: '' });
    this.broadcast(newView);
    this.view = view;
    this.updatePrimaryStatus();
  }

  private resetViewChangeTimer(): void {
    this.ctx.setTimer(VIEW_CHANGE_TIMER, TIMEOUT_MS);
  }

  private sign(m: Omit<Seed001Message, 'sig'>): Seed001Message {
    return { ...m, sig: this.ctx.sign(serializeMessage(m)) };
  }

  /** `verifySignature` (595–603): the key of the NodeID the message claims. */
  private verifySignature(msg: Seed001Message): boolean {
    if (!this.peers.has(msg.nodeId)) return false;
    return this.ctx.verify(msg.nodeId, serializeMessage(msg), msg.sig);
  }

  private broadcast(msg: Seed001Message): void {
    this.ctx.broadcast(msg);
  }

  /** Unused by the Go as well (its conflicting-PRE-PREPARE branch only picks an error message). */
  static readonly messagesEqual = messagesEqual;
}
