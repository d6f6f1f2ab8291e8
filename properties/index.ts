import type { Property } from '../src/property.js';
import { agreement } from './agreement.js';
import { replicaContract } from './replica-contract.js';

/** Every property byzcheck checks, in report order. `replica-contract` is always on. */
export const PROPERTIES: readonly Property[] = Object.freeze([agreement, replicaContract]);

/** Properties that cannot be deselected: a misbehaving replica must never go unreported. */
export const ALWAYS_ON: ReadonlySet<string> = new Set(['replica-contract']);
