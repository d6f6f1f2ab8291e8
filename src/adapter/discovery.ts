/**
 * Signed-item discovery: finds, in a payload of any shape, the signatures the harness issued in
 * this run — so who signed what, and where it sits — without a codec. The harness performs every
 * signature, so any string in a payload that its table knows is a signature; the object holding it
 * is a signed item, and a list of signed items is a certificate. Pure and deterministic: the walk
 * follows key and index order.
 */
import { signatureToken, writtenLike } from '../crypto/encoding.js';
import type { SignatureTable } from '../crypto/provider.js';
import type { Certificate, Codec, NodeId, PayloadFields, PayloadPath, SignedItem } from './contract.js';
import { setAt, valueAt } from './declared/json-path.js';
import { covers } from './field-inference.js';
import { guessFields, guessWithFields, inferredKeys } from './field-guess.js';
import { copyRecord, copyRecordWithout, isBytes, isRecord, isSegmentKey } from './payload-shape.js';

/** Where nesting stops: deeper payloads are not looked into (a guard against pathological ones). */
const MAX_DEPTH = 24;

export { guessFields, guessWithFields, inferredKeys, integerValue } from './field-guess.js';

/** Longest list taken as a tuple (`[signer, signature]`, `[view, signer, signature]`): longer ones are lists. */
const MAX_TUPLE = 6;

/**
 * A list that is one vote written as a tuple — a few scalars, exactly one of them a signature the
 * table issued (`[2, "sig…"]`, as certificates written as lists of lists hold their votes) — with
 * its signer, signed text and signature, and as `sender` the number in it that names the signer.
 * Undefined for anything else, so a list of bare signatures stays a list.
 */
function tupleVote(value: readonly unknown[], table: SignatureTable): { signer: NodeId; data: string; signature: string; fields: PayloadFields; at: number } | undefined {
  if (value.length < 2 || value.length > MAX_TUPLE) return undefined;
  let found: { signer: NodeId; data: string; signature: string; at: number } | undefined;
  for (const [i, element] of value.entries()) {
    if (element !== null && typeof element === 'object' && !isBytes(element)) return undefined;
    const token = signatureToken(table, element);
    const issued = token === undefined ? undefined : table.issued(token);
    if (issued === undefined || token === undefined) continue;
    if (found !== undefined) return undefined;
    found = { signer: issued.signer, data: issued.data, signature: token, at: i };
  }
  if (found === undefined) return undefined;
  return { ...found, fields: value.includes(found.signer) ? { sender: found.signer } : {} };
}

/** A tuple vote (see {@link tupleVote}) with its signer's number replaced by `fields.sender`; as it was for any other field, or for a list that is no tuple vote. */
function tupleWithFields(value: readonly unknown[], fields: PayloadFields, table: SignatureTable | undefined): unknown {
  const vote = table === undefined ? undefined : tupleVote(value, table);
  if (vote === undefined || fields.sender === undefined || vote.fields.sender === undefined) return value;
  return value.map((element) => (element === vote.signer ? fields.sender : element));
}

/** A signed item found by discovery, with the key its signature sits under (undefined for a bare signature string). */
export interface DiscoveredItem extends SignedItem {
  /** Who really signed it (the table's word; `signer` is the same, kept for the contract's shape). */
  readonly signer: NodeId;
  /** The key of the item's object that holds the signature. */
  readonly signatureKey: string | undefined;
}

/**
 * The fields a signature under a node's key in a Map (`sigs: Map<node, sig>`) vouches for: its
 * holder's (the certificate object's round, digest…) that the signed text covers — the votes of
 * such a certificate sign a text rebuilt from them. The holder's sender is its builder's, no voter's.
 */
function mapVoteFields(holder: Record<string, unknown> | undefined, data: string, loose: boolean): PayloadFields {
  if (holder === undefined) return {};
  const { sender: _builder, ...claim } = guessFields(holder, loose);
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(claim)) if (covers(data, String(value))) out[field] = value;
  return out as PayloadFields;
}

/** The object holding the Map at `path` in `payload`, when the Map is one of its own values. */
function mapHolder(payload: unknown, path: PayloadPath): Record<string, unknown> | undefined {
  if (path.length < 2 || !(valueAt(payload, path.slice(0, -1)) instanceof Map)) return undefined;
  const holder = valueAt(payload, path.slice(0, -2));
  return isRecord(holder) ? holder : undefined;
}

function walk(value: unknown, path: (string | number)[], table: SignatureTable, out: DiscoveredItem[], depth: number, loose: boolean, holder?: Record<string, unknown>): void {
  if (depth > MAX_DEPTH) return;
  if (typeof value === 'string' || isBytes(value)) {
    // A bare signature in a list (`sigs: [...]`) or under a node's key in a Map (`Map<node, sig>`): the item is the signature itself.
    const token = path.length > 0 && typeof path[path.length - 1] === 'number' ? signatureToken(table, value) : undefined;
    const issued = token === undefined ? undefined : table.issued(token);
    if (issued !== undefined && token !== undefined) out.push({ path: [...path], signer: issued.signer, data: issued.data, signature: token, fields: {}, signatureKey: undefined });
    return;
  }
  if (value instanceof Map) {
    // Entries in insertion order (the replica's own, so deterministic); keys that cannot be a path segment are not walked.
    for (const [key, child] of value) {
      if (!isSegmentKey(key)) continue;
      const token = typeof key === 'number' ? signatureToken(table, child) : undefined;
      const issued = token === undefined ? undefined : table.issued(token);
      if (issued !== undefined && token !== undefined) out.push({ path: [...path, key], signer: issued.signer, data: issued.data, signature: token, fields: mapVoteFields(holder, issued.data, loose), signatureKey: undefined });
      else walk(child, [...path, key], table, out, depth + 1, loose);
    }
    return;
  }
  if (Array.isArray(value)) {
    const tuple = path.length > 0 ? tupleVote(value, table) : undefined;
    if (tuple !== undefined) {
      out.push({ path: [...path], signer: tuple.signer, data: tuple.data, signature: tuple.signature, fields: tuple.fields, signatureKey: undefined });
      return;
    }
    value.forEach((item, i) => walk(item, [...path, i], table, out, depth + 1, loose));
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const token = signatureToken(table, child);
    const issued = token === undefined ? undefined : table.issued(token);
    if (issued === undefined || token === undefined) continue;
    if (path.length > 0) out.push({ path: [...path], signer: issued.signer, data: issued.data, signature: token, fields: guessFields(value, loose, inferredKeys(value, table, loose)), signatureKey: key });
    break;
  }
  for (const [key, child] of Object.entries(value)) if (typeof child === 'object' && child !== null && !isBytes(child)) walk(child, [...path, key], table, out, depth + 1, loose, value);
}

/** Every signed item nested in `payload` at any depth (not the payload itself), outermost first, then in key order; `loose` as for {@link guessFields}. */
export function discoverSignedItems(payload: unknown, table: SignatureTable, loose = false): DiscoveredItem[] {
  const out: DiscoveredItem[] = [];
  walk(payload, [], table, out, 0, loose);
  return out.map((item, i) => ({ item, i })).sort((a, b) => a.item.path.length - b.item.path.length || a.i - b.i).map(({ item }) => item);
}

/** The fields every vote agrees on: what the certificate as a whole claims. */
function commonClaim(votes: readonly SignedItem[]): PayloadFields {
  const claim: Record<string, unknown> = {};
  for (const field of ['type', 'view', 'seq', 'digest'] as const) {
    const values = new Set(votes.map((v) => v.fields[field]));
    const only = [...values][0];
    if (values.size === 1 && only !== undefined) claim[field] = only;
  }
  return claim as PayloadFields;
}

/** Lists of signed items (siblings under one list) found in `payload`, outermost first: its certificates (`loose` as for {@link guessFields}). */
export function discoverCertificates(payload: unknown, table: SignatureTable, loose = false): Certificate[] {
  const items = discoverSignedItems(payload, table, loose);
  const groups = new Map<string, { path: PayloadPath; votes: SignedItem[] }>();
  for (const item of items) {
    const last = item.path[item.path.length - 1];
    if (typeof last !== 'number') continue;
    const parent = item.path.slice(0, -1);
    const key = JSON.stringify(parent);
    const group = groups.get(key) ?? { path: parent, votes: [] };
    group.votes.push(item);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => ({ path: g.path, claim: claimOf(payload, g.path, g.votes, table, loose), votes: g.votes }));
}

const CLAIMED = ['view', 'seq', 'digest'] as const;

/**
 * What a certificate claims: the fields its votes agree on; for votes that carry no fields of
 * their own (tuples `[id, sig]`, bare signatures), the view, seq and digest of the object
 * enclosing the list — those of them every vote's signed text holds as a whole token, when the
 * texts hold any (`share|0|1|<digest>`), else all of them (votes signing an opaque hash).
 */
function claimOf(payload: unknown, path: PayloadPath, votes: readonly SignedItem[], table: SignatureTable, loose: boolean): PayloadFields {
  const claim = commonClaim(votes);
  const bare = votes.every((v) => CLAIMED.every((field) => v.fields[field] === undefined));
  const enclosing = path.length > 0 ? valueAt(payload, path.slice(0, -1)) : undefined;
  if (!bare || !isRecord(enclosing)) return claim;
  const around = guessFields(enclosing, loose, inferredKeys(enclosing, table, loose));
  const signed = (value: unknown): boolean => votes.every((v) => hasToken(v.data, String(value)));
  const present = CLAIMED.filter((field) => around[field] !== undefined);
  const kept = present.some((field) => signed(around[field])) ? present.filter((field) => signed(around[field])) : present;
  const out: { -readonly [K in keyof PayloadFields]: PayloadFields[K] } = { ...claim };
  for (const field of kept) (out as Record<string, unknown>)[field] = around[field];
  return out;
}

/** Whether `token` occurs in `text` as a whole token. */
function hasToken(text: string, token: string): boolean {
  for (let at = text.indexOf(token); at >= 0 && token !== ''; at = text.indexOf(token, at + 1)) if (wholeToken(text, at, at + token.length)) return true;
  return false;
}

/** The JSON of `value`, or undefined where JSON throws (a bigint). */
function jsonOf(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/**
 * A copy of `payload` whose outer signature is renewed by `sign`, when discovery can tell how it
 * was made: the original's signature covers the JSON of the payload without it, or a text in which
 * the original's top-level values appear in key order (`PP|0|1|d|2`), which is rebuilt with the
 * changed values. Otherwise the payload is returned as it is (its signature then no longer
 * matches, which receivers must catch).
 */
export function resignLikeOriginal(original: unknown, changed: unknown, table: SignatureTable, sign: (data: string) => string): unknown {
  if (!isRecord(original) || !isRecord(changed)) return changed;
  for (const [key, value] of Object.entries(original)) {
    const token = signatureToken(table, value);
    const issued = token === undefined ? undefined : table.issued(token);
    if (issued === undefined) continue;
    const rest = copyRecordWithout(original, key);
    const changedRest = copyRecordWithout(changed, key);
    // The new signature goes on the wire as the original did (raw, hex or base64, a string or
    // bytes: see encoding.ts), on a copy of the changed payload's class.
    // JSON of a payload with a bigint throws; such a payload was not signed as its JSON.
    if (jsonOf(rest) === issued.data) return copyRecord(changed, { [key]: writtenLike(table, value, sign(JSON.stringify(changedRest))) });
    const text = realigned(rest, changedRest, issued.data);
    return text === undefined ? changed : copyRecord(changed, { [key]: writtenLike(table, value, sign(text)) });
  }
  return changed;
}

/**
 * A new message built codec-free from `template`, a signed message of the wanted kind seen from
 * any sender: a copy carrying `fields` under the keys the template already uses (its type kept, so
 * the kind is the template's; the sender-like key takes the builder's id), signed afresh with
 * `sign` as discovery learnt the template was signed. Undefined when the template carries no
 * signature the table issued, or its signature could not be renewed (a message that would only
 * be refused).
 */
export function buildLike(template: unknown, fields: PayloadFields, table: SignatureTable, sign: (data: string) => string): unknown {
  if (!isRecord(template)) return undefined;
  const sigKey = Object.keys(template).find((k) => signatureToken(table, template[k]) !== undefined);
  if (sigKey === undefined) return undefined;
  const { type: _kept, ...wanted } = fields;
  const changed = guessWithFields(template, wanted, true, inferredKeys(template, table, true));
  const built = resignLikeOriginal(template, changed, table, sign);
  return isRecord(built) && built[sigKey] !== template[sigKey] ? built : undefined;
}

/** Whether the text around [start, end) is a whole token: not glued to letters or digits on either side. */
function wholeToken(text: string, start: number, end: number): boolean {
  const word = /[A-Za-z0-9]/;
  return !word.test(text.charAt(start - 1)) && !word.test(text.charAt(end));
}

/**
 * The signed text `data` with the original's top-level scalar values swapped for the changed ones,
 * found as whole tokens in key order (a field whose value is not found is taken as unsigned); or
 * undefined when no changed field is located in the text, so nothing could be renewed.
 */
function realigned(original: Record<string, unknown>, changed: Record<string, unknown>, data: string): string | undefined {
  const spans: { start: number; end: number; value: string }[] = [];
  let cursor = 0;
  for (const [key, value] of Object.entries(original)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') continue;
    const token = String(value);
    let at = data.indexOf(token, cursor);
    while (at >= 0 && !wholeToken(data, at, at + token.length)) at = data.indexOf(token, at + 1);
    if (at < 0 || token === '') continue;
    cursor = at + token.length;
    const now = changed[key];
    if (now !== value && (typeof now === 'string' || typeof now === 'number' || typeof now === 'bigint')) spans.push({ start: at, end: cursor, value: String(now) });
  }
  if (spans.length === 0) return undefined;
  let out = '';
  let from = 0;
  for (const span of spans) {
    out += data.slice(from, span.start) + span.value;
    from = span.end;
  }
  return out + data.slice(from);
}

/**
 * The codec v2 structure a strategy should use: the target's own codec where it answers
 * (`signedItems`, `certificates`, `withItemFields`), discovery through the run's signature table
 * where it does not, field guesses where there is no codec at all.
 */
export function structureCodec(codec: Codec<unknown> | undefined, table: SignatureTable | undefined): Codec<unknown> {
  const loose = codec === undefined;
  const fields = (payload: unknown): PayloadFields => {
    if (codec === undefined) return guessFields(payload, true, inferredKeys(payload, table, true));
    try {
      return codec.fields(payload);
    } catch {
      return {};
    }
  };
  const out: { -readonly [K in keyof Codec<unknown>]: Codec<unknown>[K] } = {
    fields,
    withFields: codec?.withFields === undefined ? (payload, f) => guessWithFields(payload, f, loose, inferredKeys(payload, table, loose)) : (payload, f) => (codec.withFields as NonNullable<Codec<unknown>['withFields']>)(payload, f),
    withItemFields: (payload, path, f) => {
      const own = codec?.withItemFields;
      if (own === undefined) return discoveredWithItemFields(payload, path, f);
      if (codec?.certificates !== undefined) return own(payload, path, f);
      // Certificates come from discovery here: a vote the codec does not place (it returns the
      // payload untouched) is one discovery found, and discovery rewrites it.
      const byCodec = own(payload, path, f);
      return byCodec !== payload ? byCodec : discoveredWithItemFields(payload, path, f);
    },
  };
  function discoveredWithItemFields(payload: unknown, path: PayloadPath, f: PayloadFields): unknown {
    // A vote under a node's key in a Map signs its holder's fields: they are written there (its signer is its key, not rewritten).
    const holder = mapHolder(payload, path);
    if (holder !== undefined) {
      const { sender: _voter, ...claim } = f;
      return setAt(payload, path.slice(0, -2), guessWithFields(holder, claim, loose));
    }
    const item = valueAt(payload, path);
    const written = Array.isArray(item) ? tupleWithFields(item, f, table) : guessWithFields(item, f, loose, inferredKeys(item, table, loose));
    return path.length === 0 ? written : setAt(payload, path, written);
  }
  if (codec?.resign !== undefined) out.resign = codec.resign;
  if (codec?.build !== undefined) out.build = codec.build;
  const ownItems = codec?.signedItems;
  if (ownItems !== undefined && (codec?.certificates !== undefined || table === undefined)) out.signedItems = ownItems;
  else if (ownItems !== undefined && table !== undefined) out.signedItems = (payload) => withDiscovered(ownItems(payload), discoverSignedItems(payload, table, loose));
  else if (table !== undefined) out.signedItems = (payload) => discoverSignedItems(payload, table, loose);
  if (codec?.certificates !== undefined) out.certificates = codec.certificates;
  else if (table !== undefined) out.certificates = (payload) => discoverCertificates(payload, table, loose);
  return out;
}

/** A codec's signed items and, where it places none, the ones discovery found (votes of the certificates it leaves to discovery), outermost first. */
function withDiscovered(own: readonly SignedItem[], found: readonly SignedItem[]): SignedItem[] {
  const placed = new Set(own.map((item) => JSON.stringify(item.path)));
  return [...own, ...found.filter((item) => !placed.has(JSON.stringify(item.path)))].sort((a, b) => a.path.length - b.path.length);
}
