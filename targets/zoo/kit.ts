import type { Replica, ReplicaContext, Target } from '../../src/adapter/contract.js';
import pbft, { type PbftMessage, type PbftReplica } from '../pbft/index.js';

/** What a zoo variant declares: its one bug, and the property byzcheck is expected to catch it with. */
export interface ZooBug {
  readonly description: string;
  readonly expected: 'agreement' | 'validity' | 'total-order' | 'integrity' | 'client-safety' | 'liveness';
}

/** A zoo target: the reference PBFT's settings with one overridden method. */
export function zooTarget(name: string, bug: ZooBug, create: (ctx: ReplicaContext<PbftMessage>) => PbftReplica): Target<PbftMessage>;
/** A zoo target of another protocol: `base`'s settings (client, limits, bound, operations) with one overridden method. */
export function zooTarget<M>(name: string, bug: ZooBug, create: (ctx: ReplicaContext<M>) => Replica<M>, base: Target<M>): Target<M>;
export function zooTarget<M>(name: string, bug: ZooBug, create: (ctx: ReplicaContext<M>) => Replica<M>, base?: Target<M>): Target<M> {
  // `options: undefined`: a variant builds its replica with the reference's defaults, so it accepts no options it would ignore.
  return { ...(base ?? (pbft as unknown as Target<M>)), options: undefined, name: `zoo/${name}`, description: `${bug.description} (expect: ${bug.expected})`, createReplica: create };
}
