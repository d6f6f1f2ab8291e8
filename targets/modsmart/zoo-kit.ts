import type { ReplicaContext, Target } from '../../src/adapter/contract.js';
import type { ModSmartMessage } from './messages.js';
import type { ModSmartReplica } from './replica.js';
import modsmart from './index.js';

/** What a Mod-SMaRt zoo variant declares: its one bug, and the property byzcheck is expected to catch it with. */
export interface ModSmartZooBug {
  readonly description: string;
  readonly expected: 'agreement' | 'validity' | 'total-order' | 'integrity' | 'client-safety' | 'liveness';
}

/** A zoo target: the Mod-SMaRt target's settings with one overridden method. */
export function modSmartZooTarget(
  name: string, bug: ModSmartZooBug, create: (ctx: ReplicaContext<ModSmartMessage>) => ModSmartReplica,
): Target<ModSmartMessage> {
  return { ...modsmart, name: `zoo/${name}`, description: `${bug.description} (expect: ${bug.expected})`, createReplica: create };
}
