import type { MutantClass } from '../mutation-classes.js';
import { CHECKPOINT_VERDICTS } from './checkpoint.js';
import { LOG_VERDICTS } from './log.js';
import { REPLICA_CORE_VERDICTS } from './replica-core.js';
import { REPLICA_VERDICTS } from './replica.js';
import { REPLICA_VIEW_CHANGE_VERDICTS } from './replica-view-change.js';
import { VIEW_CHANGE_VERDICTS } from './view-change.js';

/** The improvements the weaknesses point to, re-exported for the report. */
export { FIXES, type FixId } from './reasons.js';

/** Every individually reviewed survivor of the stored run, by mutantKey(), across the five mutated files. */
export const VERDICTS: Readonly<Record<string, MutantClass>> = Object.freeze({
  ...CHECKPOINT_VERDICTS,
  ...LOG_VERDICTS,
  ...REPLICA_CORE_VERDICTS,
  ...REPLICA_VERDICTS,
  ...REPLICA_VIEW_CHANGE_VERDICTS,
  ...VIEW_CHANGE_VERDICTS,
});
