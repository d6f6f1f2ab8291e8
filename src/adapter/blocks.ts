/**
 * Glue for block-based protocols (docs/blocks.md): a replica that decides a *batch* of client
 * requests at each height needs a request pool, dedup of retransmissions, a reply cache, a block
 * source that waits until requests are pending, and an executor that turns a decided block into the
 * contract's `commit` / `execute` / `reply` effects. These are deterministic (insertion order only,
 * no clock, no hashing of unordered sets), so an adapter built on them keeps traces reproducible.
 */
import type { ClientRequest, NodeId, ReplicaContext } from './contract.js';

/** The part of a replica's context the block helpers act through (any message type fits). */
export type BlockEffects = Pick<ReplicaContext<unknown>, 'commit' | 'execute' | 'reply'>;

/** The requests decided at one height, in execution order. */
export interface Block {
  /** Height (the contract's sequence number); the first block is height 1. */
  readonly height: number;
  /** The batch, executed in this order. */
  readonly requests: readonly ClientRequest[];
}

/** Identity of a request for dedup: its client and per-client request number. */
function requestKey(r: Pick<ClientRequest, 'client' | 'requestId'>): string {
  return `${r.client}/${r.requestId}`;
}

/** Results of executed requests, so a retransmission is answered again instead of executed again. */
export class ReplyCache {
  /** Per client: highest executed request number and each executed request's result. */
  private readonly byClient = new Map<NodeId, { last: number; results: Map<number, string> }>();

  /** Whether the request was executed already (or an earlier one superseded it: request numbers only grow). */
  executed(client: NodeId, requestId: number): boolean {
    const entry = this.byClient.get(client);
    return entry !== undefined && (entry.results.has(requestId) || requestId < entry.last);
  }

  /** The result a request was executed with, if remembered. */
  result(client: NodeId, requestId: number): string | undefined {
    return this.byClient.get(client)?.results.get(requestId);
  }

  /** Remembers an execution; only the latest `keepPerClient` results per client are kept. */
  record(client: NodeId, requestId: number, result: string, keepPerClient = 8): void {
    let entry = this.byClient.get(client);
    if (entry === undefined) this.byClient.set(client, (entry = { last: requestId, results: new Map() }));
    entry.last = Math.max(entry.last, requestId);
    entry.results.set(requestId, result);
    for (const id of entry.results.keys()) {
      if (entry.results.size <= keepPerClient) break;
      entry.results.delete(id);
    }
  }
}

/**
 * Pending client requests in arrival order, each once: a request already pending or already
 * executed (per the {@link ReplyCache}) is refused, which is how retransmissions are absorbed.
 */
export class RequestPool {
  private readonly pending = new Map<string, ClientRequest>();
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly cache: ReplyCache) {}

  /** Adds a request; false (and nothing changes) for a duplicate or an already executed request. */
  add(request: ClientRequest): boolean {
    const key = requestKey(request);
    if (this.pending.has(key) || this.cache.executed(request.client, request.requestId)) return false;
    this.pending.set(key, request);
    for (const listener of [...this.listeners]) listener();
    return true;
  }

  /** Number of pending requests. */
  get size(): number {
    return this.pending.size;
  }

  /** The oldest `max` pending requests, left in the pool until a block deciding them is executed. */
  peek(max: number): ClientRequest[] {
    const out: ClientRequest[] = [];
    for (const r of this.pending.values()) {
      if (out.length >= max) break;
      out.push(r);
    }
    return out;
  }

  /** Whether the request is pending. */
  has(request: Pick<ClientRequest, 'client' | 'requestId'>): boolean {
    return this.pending.has(requestKey(request));
  }

  /** Drops requests (decided ones). */
  remove(requests: readonly Pick<ClientRequest, 'client' | 'requestId'>[]): void {
    for (const r of requests) this.pending.delete(requestKey(r));
  }

  /** Calls `listener` after every request added. */
  onAdded(listener: () => void): void {
    this.listeners.push(listener);
  }
}

/** What a {@link BlockSource} needs: the pool, the block size, and what to do with a batch. */
export interface BlockSourceOptions {
  /** Most requests in one block. */
  readonly maxBlockSize: number;
  /** Proposes a block of these requests (never empty); called once per {@link BlockSource.ready}. */
  readonly propose: (requests: readonly ClientRequest[]) => void;
}

/**
 * Where a proposer gets its next block: after {@link ready} it proposes as soon as requests are
 * pending — at once if some are, else on the next request added — exactly once per `ready`.
 */
export class BlockSource {
  private waiting = false;

  constructor(private readonly pool: RequestPool, private readonly options: BlockSourceOptions) {
    pool.onAdded(() => this.tryPropose());
  }

  /** The proposer may start its next block (it became leader, or its previous block was decided). */
  ready(): void {
    this.waiting = true;
    this.tryPropose();
  }

  /** The proposer may not propose (it lost leadership); a later {@link ready} re-arms it. */
  stop(): void {
    this.waiting = false;
  }

  private tryPropose(): void {
    if (!this.waiting || this.pool.size === 0) return;
    this.waiting = false;
    this.options.propose(this.pool.peek(Math.max(1, this.options.maxBlockSize)));
  }
}

/** FNV-1a, 32 bits, as 8 hex digits: a block digest that needs no crypto and no platform hash. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** A digest of a block's content (height and requests, length-prefixed): the value `executeBlock` commits. */
export function blockDigest(block: Block): string {
  let text = `${block.height}|`;
  for (const r of block.requests) text += `${r.client}:${r.requestId}:${r.operation.length}:${r.operation}|`;
  return fnv1a(text);
}

/**
 * Applies a decided block through `ctx`: commits its digest at its height, then executes each
 * request in order with `apply` and replies to its client — skipping requests executed before (a
 * block may repeat one), which are answered from the cache instead. Removes the block's requests
 * from the pool.
 */
export function executeBlock(
  ctx: BlockEffects,
  block: Block,
  state: { readonly pool: RequestPool; readonly cache: ReplyCache },
  apply: (operation: string, request: ClientRequest) => string,
): void {
  ctx.commit(block.height, blockDigest(block));
  for (const r of block.requests) {
    if (state.cache.executed(r.client, r.requestId)) {
      replyFromCache(ctx, state.cache, r);
      continue;
    }
    const result = apply(r.operation, r);
    ctx.execute(block.height, r.operation, result, { client: r.client, requestId: r.requestId });
    ctx.reply(r.client, r.requestId, result);
    state.cache.record(r.client, r.requestId, result);
  }
  state.pool.remove(block.requests);
}

/** Answers a retransmitted request that was already executed from the cache; true if it did. */
export function replyFromCache(ctx: BlockEffects, cache: ReplyCache, request: Pick<ClientRequest, 'client' | 'requestId'>): boolean {
  const result = cache.result(request.client, request.requestId);
  if (result === undefined) return false;
  ctx.reply(request.client, request.requestId, result);
  return true;
}
