import type { Property } from '../src/property.js';
import { agreement } from './agreement.js';
import { clientLiveness } from './client-liveness.js';
import { clientSafety } from './client-safety.js';
import { integrity } from './integrity.js';
import { liveness } from './liveness.js';
import { recoveryTimeliness } from './recovery-timeliness.js';
import { replicaContract } from './replica-contract.js';
import { replyIntegrity } from './reply-integrity.js';
import { timeliness } from './timeliness.js';
import { totalOrder } from './total-order.js';
import { validity } from './validity.js';
import { viewChangeTimeliness } from './view-change-timeliness.js';

/** Every property byzcheck checks, in report order. `replica-contract` is always on. */
export const PROPERTIES: readonly Property[] = Object.freeze([agreement, validity, totalOrder, integrity, replyIntegrity, clientSafety, liveness, clientLiveness, timeliness, recoveryTimeliness, viewChangeTimeliness, replicaContract]);

/** Properties that cannot be deselected: a misbehaving replica must never go unreported. */
export const ALWAYS_ON: ReadonlySet<string> = new Set(['replica-contract']);
