import type { Target } from '../../src/adapter/contract.js';
import { seed002Codec, type Seed002Message } from './messages.js';
import { RESEND_CAP_MS, Seed002Replica } from './replica.js';

export { Seed002Replica, PRIMARY, RESEND_BASE_MS, RESEND_CAP_MS } from './replica.js';
export { seed002Codec, digestOf, isSeed002Message, type Seed002Message } from './messages.js';

/** Client retransmission period against seed 002: many round trips of the seed's 5–35 ms network. */
export const SEED002_RETRANSMIT_MS = 500;

/**
 * Seed 002's own timeout is 2 s. After GST a lost request is retransmitted within one client
 * period, a lost vote is re-sent within one capped re-send period, and a round takes three hops:
 * so every honest replica executes within retransmit + cap + 500 ms of slack — unless the primary
 * is faulty, which this protocol (no view change) cannot get past.
 */
export function seed002LivenessBoundMs(): number {
  return SEED002_RETRANSMIT_MS + RESEND_CAP_MS + 500;
}

/** Seed 002's asyncio PBFT node, ported in-process: pre-prepare/prepare/commit, primary 0, no view change. */
const target: Target<Seed002Message> = {
  name: 'seed002',
  description: "seed 002's asyncio PBFT node: 3 phases with 2f+1 quorums, primary fixed at 0, no view change",
  createReplica: (ctx) => new Seed002Replica(ctx),
  codec: seed002Codec,
  client: { sendFirstTo: 'replica0', retransmitMs: SEED002_RETRANSMIT_MS },
  limits: { timeMs: 10_000, events: 200_000 },
  livenessBoundMs: () => seed002LivenessBoundMs(),
};

export default target;
