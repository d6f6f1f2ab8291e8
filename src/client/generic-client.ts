import { clientRequestSigningData, type ClientOptions, type ClientReply, type ClientRequest, type NodeId } from '../adapter/contract.js';
import type { RequestPlan } from '../scenario/types.js';

/** What a simulated client may do to the world. */
export interface ClientHost {
  /** Current virtual time. */
  now(): number;
  /** Sends a payload from a client over the simulated network. */
  sendFromClient(from: NodeId, to: NodeId, payload: ClientRequest): void;
  /** Arms a timer of node `node`. */
  setTimer(node: NodeId, id: string, afterMs: number): void;
  /** Disarms a timer of node `node`. */
  cancelTimer(node: NodeId, id: string): void;
  /** Records the first transmission of a request. */
  submitted(request: ClientRequest): void;
  /** Signs `data` with client `client`'s own key. */
  signAsClient(client: NodeId, data: string): string;
  /** Records an accepted result and the replicas that vouched for it. */
  accepted(client: NodeId, requestId: number, result: string, replicas: readonly NodeId[]): void;
}

interface Outstanding {
  readonly request: ClientRequest;
  readonly replies: Map<NodeId, string>;
}

const WAKE = 'wake';
const RETRANSMIT = 'retransmit';

function isReply(payload: unknown): payload is Pick<ClientReply, 'requestId' | 'result'> {
  if (typeof payload !== 'object' || payload === null) return false;
  const p = payload as Record<string, unknown>;
  return typeof p['requestId'] === 'number' && typeof p['result'] === 'string';
}

/**
 * The generic PBFT-style client: one request outstanding at a time, sent first to replica 0 (or
 * to all), retransmitted to every replica on timeout, and accepted on f+1 matching replies from
 * distinct replicas. The sender of a reply is the network's `from`, never a field of the payload.
 */
export class GenericClient {
  private nextIndex = 0;
  private outstanding: Outstanding | null = null;

  /** `plans` are this client's requests, already in issue order. */
  constructor(
    readonly id: NodeId,
    private readonly plans: readonly RequestPlan[],
    private readonly n: number,
    private readonly f: number,
    private readonly options: ClientOptions,
    private readonly host: ClientHost,
  ) {}

  /** Arms the first wake-up. */
  start(): void {
    const first = this.plans[0];
    if (first !== undefined) this.host.setTimer(this.id, WAKE, Math.max(0, first.atMs - this.host.now()));
  }

  /** One of this client's timers fired. */
  onTimer(timerId: string): void {
    if (timerId === WAKE) this.tryIssue();
    else if (timerId === RETRANSMIT) this.retransmit();
  }

  /** A reply arrived from replica `from`. */
  onReply(from: NodeId, payload: unknown): void {
    const current = this.outstanding;
    if (current === null || from >= this.n || !isReply(payload)) return;
    if (payload.requestId !== current.request.requestId) return;
    current.replies.set(from, payload.result);
    let matching = 0;
    for (const result of current.replies.values()) if (result === payload.result) matching++;
    if (matching < (this.options.acceptQuorum ?? this.f + 1)) return;
    // Built only for an acceptance, in ascending order by construction (replicas are 0..n-1): most
    // replies do not complete a quorum, and sorting allocated on every one of them.
    const vouching: NodeId[] = [];
    for (let replica = 0; replica < this.n; replica++) if (current.replies.get(replica) === payload.result) vouching.push(replica);
    this.outstanding = null;
    this.host.cancelTimer(this.id, RETRANSMIT);
    this.host.accepted(this.id, current.request.requestId, payload.result, vouching);
    this.tryIssue();
  }

  /** True when every planned request has been accepted. */
  get done(): boolean {
    return this.outstanding === null && this.nextIndex >= this.plans.length;
  }

  private tryIssue(): void {
    if (this.outstanding !== null) return;
    const plan = this.plans[this.nextIndex];
    if (plan === undefined) return;
    const now = this.host.now();
    if (plan.atMs > now) {
      this.host.setTimer(this.id, WAKE, plan.atMs - now);
      return;
    }
    this.nextIndex += 1;
    const unsigned = { client: this.id, requestId: this.nextIndex, operation: plan.operation };
    const request: ClientRequest = { ...unsigned, signature: this.host.signAsClient(this.id, clientRequestSigningData(unsigned)) };
    this.outstanding = { request, replies: new Map() };
    this.host.submitted(request);
    if (this.options.sendFirstTo === 'all') this.sendToAll(request);
    else this.host.sendFromClient(this.id, 0, request);
    this.host.setTimer(this.id, RETRANSMIT, this.options.retransmitMs);
  }

  private retransmit(): void {
    const current = this.outstanding;
    if (current === null) return;
    this.sendToAll(current.request);
    this.host.setTimer(this.id, RETRANSMIT, this.options.retransmitMs);
  }

  private sendToAll(request: ClientRequest): void {
    for (let r = 0; r < this.n; r++) this.host.sendFromClient(this.id, r, request);
  }
}
