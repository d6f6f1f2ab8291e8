/**
 * The text a trace keeps of a payload. JSON where the payload is JSON; values JSON cannot say are
 * written so that what they hold still reaches the trace, its hash and the determinism check: a
 * bigint as `"12n"`, a Map as `{"$map":[[key, value], …]}` and a Set as `{"$set":[…]}` (insertion
 * order, which a deterministic replica fixes), bytes (`Uint8Array`, `Buffer`, any typed array or
 * `ArrayBuffer`) as `{"$bytes":"<hex>"}`. Plain `JSON.stringify` throws on a bigint — the whole
 * payload then vanished from the trace — and writes a Map or a Set as `{}`, so two runs that sent
 * different contents looked identical.
 */

import { isInstance, safeString } from './thrown.js';

/** The message of what serialising threw, read without throwing. */
function errorMessage(error: unknown): string {
  if (!isInstance(error, Error)) return safeString(error);
  try {
    return safeString((error as Error).message);
  } catch {
    return '<an Error whose message cannot be read>';
  }
}

/** What plain JSON makes of a Map, a Set (`{}`) or bytes (`{"0":…`). */
const EXOTIC_TRACES = /\{\}|\{"0":/;

/** Serialises a payload for the trace; never throws (a cyclic payload gets a marker). */
export function payloadText(payload: unknown): string {
  try {
    // The replacer costs ~2.5x plain JSON per payload, so it runs only when plain JSON threw (a
    // bigint) or wrote what a Map, a Set or bytes become (`{}`, `{"0":…`); a plain object that
    // looks so merely takes the slower path to the same text.
    let text: string | undefined;
    try {
      text = JSON.stringify(payload);
    } catch {
      text = undefined;
    }
    if (text === undefined || EXOTIC_TRACES.test(text)) text = JSON.stringify(payload, exotic);
    return text === undefined ? String(payload) : text;
  } catch (error) {
    // What a hostile getter or toJSON threw may itself be hostile (see thrown.ts).
    return `<unserialisable payload: ${errorMessage(error)}>`;
  }
}

const hex = (bytes: Uint8Array): string => {
  let out = '';
  for (const b of bytes) out += (b < 16 ? '0' : '') + b.toString(16);
  return out;
};

/** JSON.stringify's replacer: `this[key]` is the value before its own toJSON (a Buffer's) ran. */
function exotic(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  if (typeof raw === 'bigint') return `${raw}n`;
  if (typeof raw !== 'object' || raw === null) return value;
  if (raw instanceof Map) return { $map: [...raw] };
  if (raw instanceof Set) return { $set: [...raw] };
  if (ArrayBuffer.isView(raw)) return { $bytes: hex(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength)) };
  if (raw instanceof ArrayBuffer) return { $bytes: hex(new Uint8Array(raw)) };
  return value;
}
