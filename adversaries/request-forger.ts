import fc from 'fast-check';
import { z } from 'zod';
import { clientRequestSigningData, type ClientRequest, type NodeId, type PayloadPath } from '../src/adapter/contract.js';
import { setAt } from '../src/adapter/declared/json-path.js';
import { defineAdversary, interpose } from '../src/adversary.js';
import { all, forwarding, interposeSends, ownTimer, renewSignature } from './kit.js';

/** Parameters: when to forge, which client to impersonate, and how many forged requests. */
export interface RequestForgerParams {
  readonly atMs: number;
  readonly client: number;
  readonly count: number;
}

const FORGE = ownTimer('forge');
const FAKE_SIGNATURE = 'forged-client-signature';

/** Where a client request (the contract's shape, signed) sits in a payload, at any depth; undefined when none does. */
function requestPath(value: unknown, path: PayloadPath = [], depth = 0): PayloadPath | undefined {
  if (depth > 6 || typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v['client'] === 'number' && typeof v['requestId'] === 'number' && typeof v['operation'] === 'string' && typeof v['signature'] === 'string') return path;
  for (const [key, child] of Array.isArray(value) ? value.entries() : Object.entries(v)) {
    const found = requestPath(child, [...path, key], depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * A request under the forger's own replica id, which it can sign: a replica is no client, so a
 * receiver that only checks the signature would order (and answer) an operation no client sent.
 */
function ownRequest(id: NodeId, k: number, sign: (data: string) => string): ClientRequest {
  const unsigned = { client: id, requestId: 2_000_000 + k, operation: `transfer 1000000 alice mallory#own${k}` };
  return { ...unsigned, signature: sign(clientRequestSigningData(unsigned)) };
}

/**
 * Request forger: makes up client requests (an operation no client sent, under a real client's id,
 * with a signature it cannot make) and hands them to its own honest code, whose signature check it
 * blinds — so that code proposes or forwards them as if real. Whenever that code forwards a client's
 * request to another replica, a copy follows carrying instead a request under the forger's own
 * replica id, validly signed by it. Honest replicas must refuse both: clients sign their requests,
 * a faulty replica holds no client's key, and a replica is no client. Protocol-agnostic.
 */
export const requestForger = defineAdversary<RequestForgerParams>({
  name: 'request-forger',
  description: 'makes up client requests with signatures it cannot make and pushes them through its own honest code',
  params: () => fc.record({ atMs: fc.nat(500), client: fc.nat(2), count: fc.integer({ min: 1, max: 3 }) }),
  schema: z.object({ atMs: z.number().int().nonnegative(), client: z.number().int().nonnegative(), count: z.number().int().positive() }).strict(),
  // Blinding its signature check changes nothing until a forged signature exists.
  honestUntilMs: ({ atMs }) => atMs,
  enact(env, { atMs, client, count }) {
    const { ctx, createHonest } = env;
    let owned = 0;
    let forging = false;
    // After `atMs`, a forwarded client request is followed by a copy carrying a request of its own instead (`count` of them).
    const send = (to: NodeId, payload: unknown): void => {
      ctx.send(to, payload);
      const at = forging && owned < count && to < ctx.config.n ? requestPath(payload) : undefined;
      if (at === undefined || at.length === 0) return;
      const copy = setAt(payload, at, ownRequest(ctx.config.id, owned++, (data) => ctx.sign(data)));
      ctx.send(to, renewSignature(env, payload, copy));
    };
    const blinded = interpose(interposeSends(ctx, send), {
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
      onTimer: (id) => (id === FORGE ? (forging = true, all(Array.from({ length: count }, (_, k) => inner.onRequest(forged(k))))) : inner.onTimer(id)),
    };
  },
});
