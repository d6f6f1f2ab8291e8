/**
 * Protocol fields guessed codec-free: which key of an object carries its type, view, seq, digest
 * and sender — by usual key names, abbreviations of them, or (for a signed object) what its
 * signature covers — read as numbers from numbers, decimal strings and bigints, and written back
 * in the form the object used. Pure; the key search is cached per list of keys.
 */
import type { SignatureTable } from '../crypto/provider.js';
import { signatureToken } from '../crypto/encoding.js';
import type { PayloadFields } from './contract.js';
import { inferFieldKeys, type FieldKeys } from './field-inference.js';
import { roleOfType } from './message-roles.js';
import { copyRecord, isRecord } from './payload-shape.js';
/** Key names that carry each protocol field, most common first (compared case-insensitively). */
const FIELD_KEYS: Readonly<Record<keyof PayloadFields, readonly string[]>> = {
  type: ['type', 'kind', 'msgtype', 'messagetype', 'tag'],
  view: ['view', 'viewnumber', 'regency', 'epoch', 'round'],
  seq: ['seq', 'sequence', 'seqno', 'height', 'slot', 'instance', 'cid'],
  digest: ['digest', 'hash', 'blockhash', 'valuehash', 'd'],
  sender: ['sender', 'from', 'signer', 'replica', 'author', 'voter', 'node'],
};

/** Shortest key taken as an abbreviation of a usual name (`reg` for `regency`); shorter ones must match whole. */
const MIN_ABBREVIATION = 3;

/** The key among `keys` (whose values are of the kinds `kinds`) that carries `field`, if any: a usual name, else (`loose`) an abbreviation of one (its first letters). */
function keyFor(keys: readonly string[], kinds: readonly string[], field: keyof PayloadFields, loose: boolean): string | undefined {
  for (const name of FIELD_KEYS[field]) {
    const key = keys.find((k) => k.toLowerCase() === name);
    if (key !== undefined) return key;
  }
  if (!loose) return undefined;
  // An abbreviation must hold the field's kind of value: `sig` (a string) is no `signer` (a node id).
  const kind = field === 'type' || field === 'digest' ? 'string' : 'number';
  for (const name of FIELD_KEYS[field]) {
    const key = keys.find((k, i) => k.length >= MIN_ABBREVIATION && k.length < name.length && name.startsWith(k.toLowerCase()) && kinds[i] === kind);
    if (key !== undefined) return key;
  }
  return undefined;
}

/** The key carrying each protocol field, for one list of keys. */
type KeysByName = { readonly [K in keyof PayloadFields]-?: string | undefined };

const FIELDS: readonly (keyof PayloadFields)[] = ['type', 'view', 'seq', 'digest', 'sender'];

// Objects of one kind share their keys, so the search is made once per key list (and, for
// abbreviations, the kinds of the values under them): discovery reads the fields of every object of
// every message a strategy handles. A pure cache, emptied when full (a strategy that invents keys
// could otherwise grow it without bound).
const fieldKeyCache = new Map<string, KeysByName>();
const FIELD_KEY_CACHE_SIZE = 1 << 10;

/** The keys of `obj` that carry each protocol field by name (`loose` as for {@link guessFields}). */
function namedKeys(obj: Record<string, unknown>, loose: boolean): KeysByName {
  const keys = Object.keys(obj);
  const kinds = loose ? keys.map((k) => (typeof obj[k] === 'bigint' ? 'number' : typeof obj[k])) : [];
  const id = loose ? `1${JSON.stringify(keys)}${kinds.join(',')}` : `0${JSON.stringify(keys)}`;
  let found = fieldKeyCache.get(id);
  if (found === undefined) {
    const entry: Partial<Record<keyof PayloadFields, string | undefined>> = {};
    for (const field of FIELDS) entry[field] = keyFor(keys, kinds, field, loose);
    found = entry as KeysByName;
    if (fieldKeyCache.size >= FIELD_KEY_CACHE_SIZE) fieldKeyCache.clear();
    fieldKeyCache.set(id, found);
  }
  return found;
}

/**
 * The key of `obj` that carries `field`: by name (see {@link namedKeys}), else the key inferred
 * from its values; for a target with no codec (`loose`), a message type under a key of no usual
 * name (`"t": "propose"`) is the first top-level string that is a known message type name.
 */
function keyOf(obj: Record<string, unknown>, field: keyof PayloadFields, loose: boolean, inferred?: FieldKeys): string | undefined {
  const key = namedKeys(obj, loose)[field] ?? inferred?.[field];
  if (key !== undefined || !loose || field !== 'type') return key;
  return Object.keys(obj).find((k) => typeof obj[k] === 'string' && roleOfType(obj[k] as string) !== 'other');
}

/**
 * For a target with no codec (`loose`), the keys of a signed object's fields inferred from its
 * signature's facts (see field-inference.ts), on top of those its key names give; undefined for
 * anything else, so targets with a codec see exactly the name-based guesses they always saw.
 */
export function inferredKeys(value: unknown, table: SignatureTable | undefined, loose: boolean): FieldKeys | undefined {
  if (!loose || table === undefined || !isRecord(value)) return undefined;
  for (const [signatureKey, child] of Object.entries(value)) {
    const token = signatureToken(table, child);
    const issued = token === undefined ? undefined : table.issued(token);
    if (issued === undefined) continue;
    const known: FieldKeys = {};
    const named = namedKeys(value, true);
    for (const field of FIELDS) {
      const key = named[field];
      if (key !== undefined) known[field] = key;
    }
    return inferFieldKeys(value, { signer: issued.signer, data: issued.data, signatureKey }, known);
  }
  return undefined;
}

/**
 * An integer field's value: a number, or the same written as a decimal string (`"3"`, as protobuf's
 * JSON mapping writes 64-bit integers and many replicas write views and heights). No sign or
 * leading zero, so hashes and ids made of digits are not taken for numbers.
 */
export function integerValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  // A bigint round or height (`round: 5n`) is the same field; one past the safe range is no field.
  if (typeof value === 'bigint') return value >= -MAX_SAFE && value <= MAX_SAFE ? Number(value) : undefined;
  return typeof value === 'string' && DECIMAL.test(value) ? Number(value) : undefined;
}

const DECIMAL = /^(0|[1-9][0-9]{0,14})$/;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Protocol fields read from an object by their usual key names (a codec-free guess); `loose` also
 * takes abbreviations of them, for a target with no codec at all (one with a codec keeps the exact
 * names its strategies have always seen).
 */
export function guessFields(value: unknown, loose = false, inferred?: FieldKeys): PayloadFields {
  if (!isRecord(value)) return {};
  const out: { -readonly [K in keyof PayloadFields]: PayloadFields[K] } = {};
  const str = (k: string | undefined): string | undefined => (k !== undefined && typeof value[k] === 'string' ? value[k] : undefined);
  const num = (k: string | undefined): number | undefined => (k === undefined ? undefined : integerValue(value[k]));
  // A replica dispatching on `instanceof` names its message types by class (`Propose`, `Vote`).
  const type = str(keyOf(value, 'type', loose, inferred)) ?? (loose ? className(value) : undefined);
  const view = num(keyOf(value, 'view', loose, inferred));
  const seq = num(keyOf(value, 'seq', loose, inferred));
  const digest = str(keyOf(value, 'digest', loose, inferred));
  const sender = num(keyOf(value, 'sender', loose, inferred));
  if (type !== undefined) out.type = type;
  if (view !== undefined) out.view = view;
  if (seq !== undefined) out.seq = seq;
  if (digest !== undefined) out.digest = digest;
  if (sender !== undefined) out.sender = sender;
  return out;
}

/** The class name of a class instance (not of a plain or null-prototype object). */
function className(value: object): string | undefined {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null || proto === Object.prototype || typeof proto !== 'object') return undefined;
  const name: unknown = (proto as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** A copy of an object with the given fields written under the keys it already uses for them (fields it lacks are left out; `loose` as for {@link guessFields}). */
export function guessWithFields(value: unknown, fields: PayloadFields, loose = false, inferred?: FieldKeys): unknown {
  if (!isRecord(value)) return value;
  const changes: Record<string, unknown> = {};
  for (const field of Object.keys(fields) as (keyof PayloadFields)[]) {
    const key = keyOf(value, field, loose, inferred);
    const now = fields[field];
    if (key === undefined || now === undefined) continue;
    if (typeof value[key] === typeof now) changes[key] = now;
    // A bigint field stays a bigint (a replica comparing `round > 5n` must still see one).
    else if (typeof value[key] === 'bigint' && typeof now === 'number' && Number.isInteger(now)) changes[key] = BigInt(now);
    // A number the payload writes as a decimal string ("view": "3") stays a string.
    else if (typeof now === 'number' && integerValue(value[key]) !== undefined) changes[key] = String(now);
  }
  return copyRecord(value, changes);
}

