import type { ReplicaContext, Target } from '../../src/adapter/contract.js';
import { zooTarget, type ZooBug } from '../zoo/kit.js';
import type { ModSmartMessage } from './messages.js';
import type { ModSmartReplica } from './replica.js';
import modsmart from './index.js';

/** What a Mod-SMaRt zoo variant declares: its one bug, and the property byzcheck is expected to catch it with. */
export type ModSmartZooBug = ZooBug;

/** A zoo target: the Mod-SMaRt target's settings (sizes with a spare, reconfiguration operations) with one overridden method. */
export function modSmartZooTarget(
  name: string, bug: ModSmartZooBug, create: (ctx: ReplicaContext<ModSmartMessage>) => ModSmartReplica,
): Target<ModSmartMessage> {
  return zooTarget(name, bug, create, modsmart);
}
