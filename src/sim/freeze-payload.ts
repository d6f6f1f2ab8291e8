/**
 * In-process payloads are shared: every receiver of a message gets the very object the sender sent,
 * so a replica that changes a message it received changes it for the other receivers and for the
 * sender too — a network no real one is like, under which a verdict can be wrong either way. The
 * contract forbids it (docs/replica-contract.md); freezing each payload when it is sent enforces it:
 * a change then throws in the replica that makes it, naming the field, and is a contract finding.
 *
 * What cannot be frozen: a Map's or Set's entries are guarded by throwing own `set`/`add`/`delete`/
 * `clear` methods (a call through `Map.prototype.set.call` gets past them); bytes (`Uint8Array`,
 * Buffer) cannot be frozen at all and stay writable; `#private` fields are no properties and stay
 * writable too (which is how a message class may memoise its digest). Cost: 1–3 % of a PBFT
 * campaign's CPU, +0.02–0.12 µs per delivery (`bench/compare-trees.ts speed`, 2026-12).
 */

/** Why a write to a message fails, as the thrown TypeError says: how findings recognise it. */
export const FROZEN_MESSAGE_HINT = 'messages are frozen when sent, as every receiver shares the one object: copy a message before changing it';

/** Freezes `payload` and everything reachable from it (see the file comment for what stays writable); returns it. */
export function freezePayload<T>(payload: T): T {
  if (typeof payload !== 'object' || payload === null) return payload;
  try {
    if (!Object.isFrozen(payload)) freezeObject(payload);
  } catch {
    // A Proxy whose traps throw (a faulty replica's malformed message): delivered as it is, unguarded,
    // rather than making its send throw; what a receiver does with it is the receiver's finding.
  }
  return payload;
}

/** Freezes a child found while walking: a throwing trap there ends the walk (see {@link freezePayload}). */
function freezeChild(value: unknown): void {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) freezeObject(value);
}

/** Freezes one object not yet frozen, then its children; a frozen child was frozen with its own children (or is the user's constant). */
function freezeObject(value: object): void {
  if (ArrayBuffer.isView(value)) return;
  if (value instanceof Map) {
    guardEntries(value, ['set', 'delete', 'clear']);
    Object.freeze(value);
    for (const [k, v] of value) {
      freezeChild(k);
      freezeChild(v);
    }
    return;
  }
  if (value instanceof Set) {
    guardEntries(value, ['add', 'delete', 'clear']);
    Object.freeze(value);
    for (const v of value) freezeChild(v);
    return;
  }
  // Frozen before its children are walked, so a cycle ends at the isFrozen check.
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) freezeChild(value[i]);
    return;
  }
  // Read by key, not by descriptor (which allocates one per field, twice the walk's cost): an own
  // getter is called, inside the sender's send, as a traced run's JSON text calls it anyway.
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) freezeChild((value as Record<string, unknown>)[keys[i] as string]);
}

/** Shadows a collection's mutating methods with ones that throw, as a frozen object's writes do. */
function guardEntries(collection: Map<unknown, unknown> | Set<unknown>, methods: readonly string[]): void {
  const kind = collection instanceof Map ? 'Map' : 'Set';
  for (const method of methods) {
    Object.defineProperty(collection, method, {
      value: () => {
        throw new TypeError(`Cannot ${method} an entry of a ${kind} in a message: ${FROZEN_MESSAGE_HINT}`);
      },
    });
  }
}
