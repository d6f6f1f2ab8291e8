import { ContractError } from '../adapter/in-process.js';
import { isInstance } from './thrown.js';

/**
 * What a replica factory returned, checked once per replica: an `async createReplica` (a Promise)
 * or a factory returning nothing, a number or an object with no handler otherwise failed only at
 * the first event, as "replica.onRequest is not a function", which names neither the factory nor
 * the fix. Only what cannot be a replica is refused: a replica may leave out either handler.
 */
export function checkedReplica<R>(made: R): R {
  const shape = made as { then?: unknown; onMessage?: unknown; onRequest?: unknown } | null;
  if (shape === null || (typeof shape !== 'object' && typeof shape !== 'function')) {
    throw new ContractError(`createReplica returned ${shape === null ? 'null' : typeof shape}, not a replica: it must return an object with onMessage and onRequest handlers`);
  }
  if (typeof shape.then === 'function' || isInstance(shape, Promise)) {
    throw new ContractError('createReplica returned a Promise, not a replica: it must return the replica object itself (an async factory cannot be awaited between events; do async set-up inside the handlers, which may return Promises)');
  }
  if (typeof shape.onMessage !== 'function' && typeof shape.onRequest !== 'function') {
    throw new ContractError('createReplica returned an object with neither onMessage nor onRequest: it must return an object with those handlers');
  }
  return made;
}
