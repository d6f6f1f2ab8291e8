/**
 * Codec-free malformed input: what a Byzantine replica can put on the wire that is not a well-formed
 * message at all — a payload that is null, a number, a string or a list instead of an object, or an
 * object one of whose fields (at any depth) is null, missing, of the wrong type, out of range, an
 * emptied or doubled list, an extra field, or a deeply nested value. Honest replicas must drop such
 * a message; one that throws on it is a replica-contract finding. Sites are found by walking the
 * payload the faulty replica's honest code would have sent, so no codec is needed.
 *
 * On a JSON wire (a subprocess replica) every result is a JSON value, with two documented
 * exceptions: `undefined` (the whole payload, in-process only) goes on the wire as `null`, and a
 * bigint the original payload carried stays a bigint (its target's wire already encodes them).
 * Nothing here produces NaN or Infinity, which JSON would silently turn into null.
 */
import type { PayloadPath } from './adapter/contract.js';
import { removeAt, setAt } from './adapter/declared/json-path.js';
import { copyRecord, isRecord, isSegmentKey } from './adapter/payload-shape.js';

/** The malformations, in the order plan entries index them: whole-payload ones first (the simplest). */
export const MALFORMED_KINDS = Object.freeze([
  'null', 'undefined', 'number', 'string', 'list',
  'field-null', 'field-missing', 'field-retyped', 'number-huge', 'number-negative', 'number-fraction',
  'number-as-text', 'list-emptied', 'list-doubled', 'field-extra', 'deeply-nested',
] as const);

/** One malformation. */
export type MalformedKind = (typeof MALFORMED_KINDS)[number];

/** Where the walk stops (as in nested mutation): deeper parts are left alone. */
const MAX_DEPTH = 24;
/** Depth of the list a `deeply-nested` site becomes: beyond naive recursion's comfort, within every JSON parser's limit. */
const NEST_DEPTH = 200;
/** Numbers a whole payload may be replaced with: zero, negative, 2^53 (the first unsafe integer), a fraction. */
const WHOLE_NUMBERS = [0, -1, 2 ** 53, 1.5] as const;
/** Strings a whole payload may be replaced with. */
const WHOLE_STRINGS = ['', 'null', '{}'] as const;

/** A nested value of a payload, at its (non-empty) path. */
interface Site {
  readonly path: PayloadPath;
  readonly value: unknown;
}

/** Every value below the root, depth-first in key order (a Map's entries in theirs), a container before its children. */
function sitesOf(value: unknown, path: (string | number)[] = [], out: Site[] = [], depth = 0): Site[] {
  if (depth > MAX_DEPTH) return out;
  if (path.length > 0) out.push({ path: [...path], value });
  if (value instanceof Map) {
    for (const [key, child] of value) if (isSegmentKey(key)) sitesOf(child, [...path, key], out, depth + 1);
  } else if (Array.isArray(value)) value.forEach((item, i) => sitesOf(item, [...path, i], out, depth + 1));
  else if (isRecord(value)) for (const [key, child] of Object.entries(value)) sitesOf(child, [...path, key], out, depth + 1);
  return out;
}

const isNumber = (v: unknown): v is number | bigint => (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'bigint';

/** Whether `kind` applies to `site` (the root counts as a site only for an extra field). */
function applies(kind: MalformedKind, site: Site): boolean {
  const v = site.value;
  switch (kind) {
    case 'field-null': return v !== null;
    case 'field-missing': return typeof site.path[site.path.length - 1] === 'string';
    case 'field-retyped': return v !== null && v !== undefined && !(v instanceof Uint8Array);
    case 'number-huge': case 'number-negative': return isNumber(v);
    case 'number-fraction': case 'number-as-text': return typeof v === 'number' && Number.isFinite(v);
    case 'list-emptied': case 'list-doubled': return Array.isArray(v) && v.length > 0;
    case 'field-extra': return isRecord(v);
    default: return true;
  }
}

/** The same content under another JSON type: a number as text, text as a number, an object as a list and back. */
function retyped(v: unknown): unknown {
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'string') return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v.length;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (Array.isArray(v)) return Object.fromEntries(v.map((item: unknown, i) => [String(i), item]));
  if (v instanceof Map) return [...v.values()];
  if (isRecord(v)) return Object.values(v);
  return {};
}

function nested(value: unknown): unknown {
  let out: unknown = value;
  for (let i = 0; i < NEST_DEPTH; i++) out = [out];
  return out;
}

/** What `site` becomes under `kind` (a field-level kind; `field-missing` is handled by the caller). */
function replacement(kind: MalformedKind, v: unknown): unknown {
  switch (kind) {
    case 'field-null': return null;
    case 'field-retyped': return retyped(v);
    case 'number-huge': return typeof v === 'bigint' ? 2n ** 64n : 2 ** 53;
    case 'number-negative': return typeof v === 'bigint' ? -1n - (v < 0n ? -v : v) : -1 - Math.abs(v as number);
    case 'number-fraction': return (v as number) + 0.5;
    case 'number-as-text': return String(BigInt(Math.trunc(v as number)) + 2n ** 53n + 1n);
    case 'list-emptied': return [];
    case 'list-doubled': return [...(v as unknown[]), ...(v as unknown[])];
    case 'field-extra': return copyRecord(v as Record<string, unknown>, { extra: { unexpected: [1, 'two', null] } });
    default: return nested(v);
  }
}

/**
 * A malformed copy of `payload`: `kind` picks the malformation, `selector` the site (modulo the
 * sites it applies to) or, for a whole-payload kind, the variant. `protect` keeps sites untouched
 * (the outer signature, which the sender renews). Undefined when the payload has no site for the kind.
 */
export function malformPayload(payload: unknown, kind: MalformedKind, selector: number, protect?: (path: PayloadPath) => boolean): { readonly value: unknown } | undefined {
  const s = Math.max(0, Math.floor(selector));
  switch (kind) {
    case 'null': return { value: null };
    case 'undefined': return { value: undefined };
    case 'number': return { value: WHOLE_NUMBERS[s % WHOLE_NUMBERS.length] };
    case 'string': return { value: WHOLE_STRINGS[s % WHOLE_STRINGS.length] };
    case 'list': return { value: s % 2 === 0 ? [payload] : [] };
    default: break;
  }
  const root: Site[] = kind === 'field-extra' ? [{ path: [], value: payload }] : [];
  const sites = [...root, ...sitesOf(payload)].filter((site) => protect?.(site.path) !== true && applies(kind, site));
  const site = sites[s % Math.max(1, sites.length)];
  if (site === undefined) return undefined;
  if (kind === 'field-missing') return { value: removeAt(payload, site.path) };
  const changed = replacement(kind, site.value);
  return { value: site.path.length === 0 ? changed : setAt(payload, site.path, changed) };
}

/** The kind and selector a plan entry stands for: kinds cycle first, so small entries are the simplest. */
export function malformedEntry(entry: number): { readonly kind: MalformedKind; readonly selector: number } {
  const e = Math.max(0, Math.floor(entry));
  return { kind: MALFORMED_KINDS[e % MALFORMED_KINDS.length] as MalformedKind, selector: Math.floor(e / MALFORMED_KINDS.length) };
}
