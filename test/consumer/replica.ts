// A user's buggy replica in TypeScript, in a package without "type": "module".
import type { ClientRequest, Target } from 'byzcheck';

type Order = { seq: number; op: string; client: number; requestId: number };

/** Replica 0 orders and everyone obeys: one equivocating primary breaks agreement. */
const target: Target<Order> = {
  name: 'trusting-leader',
  description: 'trusting leader-follower replication',
  createReplica: (ctx) => {
    let next = 1;
    const decide = (o: Order): void => {
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
      onMessage: (from, o) => {
        if (from === 0) decide(o);
      },
    };
  },
};

export default target;
