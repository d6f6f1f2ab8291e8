import type { ClientRequest, NodeId, Replica, ReplicaContext, Target } from '../../src/adapter/contract.js';

/** The only message of the protocol: "the value at slot seq is value". */
export interface NaiveMessage {
  readonly seq: number;
  readonly value: string;
  /** Who should get the reply, so any node that adopts the value can answer the client. */
  readonly client: NodeId;
  readonly requestId: number;
}

/**
 * Seed 000's "pBFT" shell script as a replica: a node that gets a client request broadcasts it; a
 * node that hears any value adopts it at once and passes it on to everyone but the sender. There
 * is no quorum and no primary — whoever speaks first wins, so a single lying node (or two nodes
 * numbering requests independently) splits the cluster.
 */
class NaiveBroadcastReplica implements Replica<NaiveMessage> {
  private nextSeq = 1;
  private readonly decided = new Map<number, string>();

  constructor(private readonly ctx: ReplicaContext<NaiveMessage>) {}

  onRequest(request: ClientRequest): void {
    const message: NaiveMessage = { seq: this.nextSeq, value: request.operation, client: request.client, requestId: request.requestId };
    this.ctx.broadcast(message);
    this.adopt(message);
  }

  onMessage(from: NodeId, message: NaiveMessage): void {
    if (this.decided.has(message.seq)) return;
    this.adopt(message);
    // "Broadcast updated state to all other nodes except the one we heard it from."
    for (let to = 0; to < this.ctx.config.n; to++) if (to !== from && to !== this.ctx.config.id) this.ctx.send(to, message);
  }

  private adopt(message: NaiveMessage): void {
    if (this.decided.has(message.seq)) return;
    this.decided.set(message.seq, message.value);
    this.nextSeq = Math.max(this.nextSeq, message.seq + 1);
    this.ctx.commit(message.seq, message.value);
    this.ctx.execute(message.seq, message.value, `ok:${message.value}`, { client: message.client, requestId: message.requestId });
    this.ctx.reply(message.client, message.requestId, `ok:${message.value}`);
  }
}

/** Seed 000's naive broadcast: no quorum, accepts any response. byzcheck must flag it. */
const target: Target<NaiveMessage> = {
  name: 'naive-broadcast',
  description: "seed 000's shell 'pBFT': broadcast what you hear, accept any value, no quorum",
  createReplica: (ctx) => new NaiveBroadcastReplica(ctx),
  codec: {
    fields: (m) => ({ type: 'VALUE', seq: m.seq, digest: m.value }),
    withFields: (m, f) => ({ ...m, seq: f.seq ?? m.seq, value: f.digest ?? m.value }),
  },
  limits: { timeMs: 5_000, events: 20_000 },
};

export default target;
