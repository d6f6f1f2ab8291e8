import type { ReplicaContext, Target } from '../../src/adapter/contract.js';
import pbft, { type PbftMessage, type PbftReplica } from '../pbft/index.js';

/** What a zoo variant declares: its one bug, and the property byzcheck is expected to catch it with. */
export interface ZooBug {
  readonly description: string;
  readonly expected: 'agreement' | 'validity' | 'total-order' | 'integrity' | 'client-safety' | 'liveness';
}

/** A zoo target: the reference PBFT's settings with one overridden method. */
export function zooTarget(name: string, bug: ZooBug, create: (ctx: ReplicaContext<PbftMessage>) => PbftReplica): Target<PbftMessage> {
  return { ...pbft, name: `zoo/${name}`, description: `${bug.description} (expect: ${bug.expected})`, createReplica: create };
}
