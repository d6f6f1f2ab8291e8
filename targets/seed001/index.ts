import type { Target } from '../../src/adapter/contract.js';
import { seed001Codec, type Seed001Message } from './messages.js';
import { Seed001Node, TIMEOUT_MS } from './node.js';

export { Seed001Node, TIMEOUT_MS } from './node.js';
export { seed001Codec, type Seed001Message } from './messages.js';

/**
 * Seed 001's Go PBFT exercise ported in-process, bugs included. Its client sends every request to
 * all nodes and waits `Timeout` (5 s); the harness' client also retransmits after that long.
 */
const target: Target<Seed001Message> = {
  name: 'seed001',
  description: "seed 001's Go PBFT: quorums counted per sequence number whatever the payload, view change without proofs",
  createReplica: (ctx) => new Seed001Node(ctx),
  codec: seed001Codec,
  client: { sendFirstTo: 'all', retransmitMs: TIMEOUT_MS },
  limits: { timeMs: 30_000, events: 300_000 },
  // After GST one round takes a few ms; allow one retransmission and two view-change periods.
  livenessBoundMs: () => 3 * TIMEOUT_MS,
};

/** The `seed001` target. */
export default target;
