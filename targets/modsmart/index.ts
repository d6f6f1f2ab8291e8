import fc from 'fast-check';
import type { Target, TimelinessShape } from '../../src/adapter/contract.js';
import { DEFAULT_OPERATIONS } from '../../src/scenario/arbitrary.js';
import { modSmartCodec } from './codec.js';
import type { ModSmartMessage } from './messages.js';
import { DEFAULT_MODSMART_OPTIONS } from './options.js';
import { ModSmartReplica } from './replica.js';

/** The building blocks, for subclasses (the bug zoo) and tests. */
export { ModSmartReplica } from './replica.js';
export { ModSmartCore, type ModSmartProgress } from './replica-core.js';
export { ModSmartCatchUp } from './replica-catchup.js';
export { DEFAULT_MODSMART_OPTIONS, type ModSmartOptions } from './options.js';
export type { ModSmartMessage } from './messages.js';
export { modSmartCodec, isModSmartMessage } from './codec.js';
export { selectSyncValue, type SyncPlan } from './sync.js';
export { byzantineQuorum } from './quorum.js';
export { View, applyReconfig, parseReconfig, type Reconfig } from './view.js';

/** Client timing: clients send to every replica and retransmit after several round trips after GST. */
const RETRANSMIT_MS = 200;

/**
 * After GST a request reaches every replica within one retransmission; at worst f+1 leaders are
 * tried, each costing a capped request timeout (suspecting the leader) and a capped one waiting for
 * its SYNC; then a replica that missed messages catches up within one capped status interval.
 * One second of slack covers message delays and execution.
 */
function livenessBound(f: number): number {
  const o = DEFAULT_MODSMART_OPTIONS;
  const maxTimeout = o.requestTimeoutMs * 2 ** o.backoffCap;
  return RETRANSMIT_MS + 2 * (f + 1) * maxTimeout + o.statusIntervalMaxMs + 1_000;
}

/**
 * While every replica is honest and the network synchronous (delays ≤ d), a request reaches the
 * leader within d, may wait for the open instance to decide (3d: PROPOSE, WRITE, ACCEPT), and its
 * own instance takes 3d more: 7d, and 10d with room to spare. No timer is on that path. Not declared
 * where the timers are not tuned for the network (a request would outlast the client's
 * retransmission) or where more clients wait than one batch holds.
 */
function timelinessBound({ clients, delayMsMax }: TimelinessShape): number | undefined {
  const bound = 10 * delayMsMax;
  return bound < RETRANSMIT_MS && clients <= DEFAULT_MODSMART_OPTIONS.maxBatch ? bound : undefined;
}

/**
 * What clients submit to a cluster of n: mostly the default key-value and bank commands, and one in
 * six a reconfiguration — adding a spare (the nodes beyond the first 3f + 1, see `View.initial`) or
 * removing any replica (rejected while the view has only 3f + 1 members). Cross-shrinking lets a
 * reconfiguration a counterexample does not need shrink into a plain command.
 */
function operations({ n, f }: { readonly n: number; readonly f: number }): fc.Arbitrary<string> {
  const members = Math.min(n, 3 * f + 1);
  const remove = fc.nat(n - 1).map((k) => `reconfig remove ${k}`);
  const reconfig = n > members ? fc.oneof(fc.integer({ min: members, max: n - 1 }).map((k) => `reconfig add ${k}`), remove) : remove;
  return fc.oneof({ withCrossShrink: true }, { arbitrary: DEFAULT_OPERATIONS, weight: 5 }, { arbitrary: reconfig, weight: 1 });
}

/** The Mod-SMaRt replica: BFT-SMaRt's ordering protocol. */
const target: Target<ModSmartMessage> = {
  name: 'modsmart',
  description: "BFT-SMaRt's Mod-SMaRt: PROPOSE/WRITE/ACCEPT instances, STOP/STOPDATA/SYNC leader change, checkpoints, state transfer, reconfiguration",
  createReplica: (ctx) => new ModSmartReplica(ctx),
  codec: modSmartCodec,
  client: { sendFirstTo: 'all', retransmitMs: RETRANSMIT_MS },
  limits: { timeMs: 20_000, events: 500_000 },
  livenessBoundMs: ({ f }) => livenessBound(f),
  timelinessBoundMs: timelinessBound,
  // Regency r is led by member r mod |members| of the view (View.leaderOf); runs that reconfigure declare views and are not judged by leader.
  leaderOf: (reg, { n, f }) => reg % Math.min(n, 3 * f + 1),
  // 3f + 2 nodes start with one spare outside the view: the sizes where reconfiguration can add and then remove.
  clusterSizes: [4, 5, 7, 8],
  operations,
};

/** The `modsmart` target. */
export default target;
