import type { ClientRequest, Target } from 'byzcheck';

type Order = { seq: number; op: string; client: number; requestId: number };

/** A leader-follower replica with no Byzantine defence: replica 0 orders, everyone obeys. */
export default {
  name: 'my-replica',
  description: 'trusting leader-follower replication',
  createReplica: (ctx) => {
    let next = 1;
    const decide = (o: Order) => {
      ctx.commit(o.seq, o.op);
      ctx.execute(o.seq, o.op, 'ok', { client: o.client, requestId: o.requestId });
      ctx.reply(o.client, o.requestId, 'ok');
    };
    return {
      onRequest: (r: ClientRequest) => {
        if (ctx.config.id !== 0) return;
        const o = { seq: next++, op: r.operation, client: r.client, requestId: r.requestId };
        ctx.broadcast(o);
        decide(o);
      },
      onMessage: (from: number, o: Order) => (from === 0 ? decide(o) : undefined),
    };
  },
} satisfies Target<Order>;
