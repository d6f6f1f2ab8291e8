import { ContractError } from '../adapter/in-process.js';

/**
 * An honest replica's payload must be a message: undefined, null, a function or a symbol is none
 * (on a subprocess wire, a send whose payload is missing or null). Receivers would drop it and no
 * property would notice, so the send is a contract finding, as a bad reply is. A faulty replica
 * may send anything (its caller does not ask): that is the malformed input honest ones must survive.
 */
export function checkMessage(what: 'send' | 'broadcast', payload: unknown): void {
  const kind = payload === null ? 'null' : typeof payload;
  if (kind === 'undefined' || kind === 'null' || kind === 'function' || kind === 'symbol') {
    throw new ContractError(`${what}: the payload must be a message, got ${kind}`);
  }
}
