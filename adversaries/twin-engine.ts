import type { NodeId, Replica, ReplicaContext } from '../src/adapter/contract.js';
import type { AdversaryEnv } from '../src/adversary.js';
import { all, forwarding, inMask, interposeSends, type SettledReplica } from './kit.js';
import { interpose } from '../src/adversary.js';

/** How two copies of one identity split the cluster between them. */
export interface TwinSplit {
  /** Bit i set → honest replica i talks with copy B; clear → with copy A. */
  readonly sideMask: number;
  /** Bit c set → client c's requests go to copy B only; clear → copy A only. Ignored when `shareClients`. */
  readonly clientMask: number;
  /** Both copies see every client request (Twins); otherwise clients are split (equivocation). */
  readonly shareClients: boolean;
  /** Called for each message a copy sends that the split withholds from a replica on the other side. */
  readonly onWithheld?: (to: NodeId, payload: unknown, copy: number) => void;
  /** Honest replicas whose messages reach both copies (they talk with both sides). */
  readonly hearsBoth?: (node: NodeId) => boolean;
}

/** Which side (copy) of a colluding twin sent a message object: written by senders, read by receivers. */
function sideBook(blackboard: Map<string, unknown>): WeakMap<object, number> {
  let book = blackboard.get('twin-sides') as WeakMap<object, number> | undefined;
  if (book === undefined) blackboard.set('twin-sides', (book = new WeakMap()));
  return book;
}

/**
 * Runs two honest copies of the faulty replica under one identity and key. Each copy exchanges
 * messages with its own side of the honest replicas. Colluding twins keep the two worlds apart as
 * in the Twins paper: each copy tags what it sends on the coalition's blackboard, and a colluding
 * receiver hands a tagged message to its copy on the same side (untagged ones reach both). Timers
 * are namespaced per copy. With split clients this makes an equivocating proposer.
 */
export function twinReplica(env: AdversaryEnv, split: TwinSplit): Replica<unknown> {
  const { ctx, coalition } = env;
  const sides = sideBook(env.blackboard);
  const self = ctx.config.id;
  const colluding = (node: NodeId): boolean => node !== self && coalition.includes(node);
  const sideOf = (node: NodeId): number => (inMask(split.sideMask, node) ? 1 : 0);
  const copies = [0, 1].map((k) => {
    const prefix = `twin${k}:`;
    const base: ReplicaContext<unknown> = interpose(ctx, {
      setTimer: (id, afterMs) => ctx.setTimer(prefix + id, afterMs),
      cancelTimer: (id) => ctx.cancelTimer(prefix + id),
    });
    const doctored = interposeSends(base, (to, payload) => {
      if (typeof payload === 'object' && payload !== null) sides.set(payload, k);
      if (to >= ctx.config.n || colluding(to) || sideOf(to) === k) ctx.send(to, payload);
      else split.onWithheld?.(to, payload, k);
    });
    return forwarding(env.createHonest(doctored), doctored);
  });
  const [a, b] = copies as [SettledReplica, SettledReplica];
  return {
    init: () => all([a.init(), b.init()]),
    onMessage: (from, payload) => {
      const tagged = colluding(from) && typeof payload === 'object' && payload !== null ? sides.get(payload) : undefined;
      if (tagged !== undefined) return (tagged === 0 ? a : b).onMessage(from, payload);
      if (from >= ctx.config.n || colluding(from) || split.hearsBoth?.(from) === true) return all([a.onMessage(from, payload), b.onMessage(from, payload)]);
      return (sideOf(from) === 0 ? a : b).onMessage(from, payload);
    },
    onRequest: (request) => {
      if (split.shareClients) return all([a.onRequest(request), b.onRequest(request)]);
      return (inMask(split.clientMask, request.client - ctx.config.n) ? b : a).onRequest(request);
    },
    onTimer: (id) => {
      const copy = id.startsWith('twin0:') ? a : id.startsWith('twin1:') ? b : undefined;
      return copy?.onTimer(id.slice('twinN:'.length));
    },
  };
}
