import fc from 'fast-check';
import { z } from 'zod';
import type { ClientRequest } from '../src/adapter/contract.js';
import { defineAdversary, interpose } from '../src/adversary.js';
import { all, forwarding, ownTimer } from './kit.js';

/** Parameters: when to forge, which client to impersonate, and how many forged requests. */
export interface RequestForgerParams {
  readonly atMs: number;
  readonly client: number;
  readonly count: number;
}

const FORGE = ownTimer('forge');
const FAKE_SIGNATURE = 'forged-client-signature';

/**
 * Request forger: makes up client requests (an operation no client sent, under a real client's id,
 * with a signature it cannot make) and hands them to its own honest code, whose signature check it
 * blinds — so that code proposes or forwards them as if real. Honest replicas must refuse them:
 * clients sign their requests, and a faulty replica holds no client's key. Protocol-agnostic.
 */
export const requestForger = defineAdversary<RequestForgerParams>({
  name: 'request-forger',
  description: 'makes up client requests with signatures it cannot make and pushes them through its own honest code',
  params: () => fc.record({ atMs: fc.nat(500), client: fc.nat(2), count: fc.integer({ min: 1, max: 3 }) }),
  schema: z.object({ atMs: z.number().int().nonnegative(), client: z.number().int().nonnegative(), count: z.number().int().positive() }).strict(),
  // Blinding its signature check changes nothing until a forged signature exists.
  honestUntilMs: ({ atMs }) => atMs,
  enact({ ctx, createHonest }, { atMs, client, count }) {
    const blinded = interpose(ctx, {
      verify: (signer, data, signature) => signature === FAKE_SIGNATURE || ctx.verify(signer, data, signature),
    });
    const inner = forwarding(createHonest(blinded), blinded);
    const clients = ctx.config.clients;
    const forged = (k: number): ClientRequest => ({
      client: clients[client % Math.max(1, clients.length)] ?? ctx.config.n,
      requestId: 1_000_000 + k,
      operation: `transfer 1000000 alice mallory#${k}`,
      signature: FAKE_SIGNATURE,
    });
    return {
      ...inner,
      init: () => {
        ctx.setTimer(FORGE, atMs);
        return inner.init();
      },
      onTimer: (id) => (id === FORGE ? all(Array.from({ length: count }, (_, k) => inner.onRequest(forged(k)))) : inner.onTimer(id)),
    };
  },
});
