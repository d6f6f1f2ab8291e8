/**
 * Grafting: a certificate's votes moved onto another value the coalition has seen certified — the
 * certificate keeps its slot and its votes, and takes an older certificate's value (digest and the
 * body that digest stands for: a batch, a block) and, when nested in another message, one view more
 * (a forged newer proof of lock on an abandoned value: a lock at the view it had is no newer). It plays where the votes are no objects of their own
 * (signatures under a node's key in a Map, `[signer, sig]` tuples, bare signatures) and so sign a
 * text rebuilt from the certificate's holder: rewriting that holder keeps every signature in place.
 * A receiver that checks the signatures against the claim refuses it; one that counts them
 * unchecked certifies a value nobody voted for at that slot — a collector's rival commit, a lock
 * its leaders extend, forking off what was built and decided since.
 */
import type { Certificate, Codec, PayloadFields, PayloadPath } from '../../src/adapter/contract.js';
import { setAt, valueAt } from '../../src/adapter/declared/json-path.js';
import { integerValue } from '../../src/adapter/field-guess.js';
import { roleOfType } from '../../src/adapter/message-roles.js';
import { copyRecord, isBytes, isRecord } from '../../src/adapter/payload-shape.js';

/** How many holders the book keeps per shape (the oldest goes first). */
const KEPT = 32;

/** A certificate's holder seen: the object or list, its fields, and the key or index of its vote list. */
interface Held {
  readonly holder: Record<string, unknown> | readonly unknown[];
  readonly fields: PayloadFields;
  readonly votesKey: string | number;
}

/** A holder's shape: its class and its keys (a list: its length and kinds), so a graft only ever moves a value between holders of one kind. */
function shapeOf(holder: Record<string, unknown> | readonly unknown[]): string {
  if (Array.isArray(holder)) return `[]|${holder.map((x) => typeof x).join(',')}`;
  const proto: unknown = Object.getPrototypeOf(holder);
  const name = proto === null || proto === Object.prototype ? '' : String((proto as { constructor?: { name?: string } }).constructor?.name);
  return `${name}|${Object.keys(holder).sort().join(',')}`;
}

/** The holders of the certificates the coalition has seen, by shape, in the order first seen. */
export class ClaimBook {
  private readonly byShape = new Map<string, Held[]>();
  private readonly keys = new Set<string>();

  /** Keeps a certificate's holder when its fields name a view and a digest (once per shape, view, seq and digest). */
  note(held: Held): void {
    const { view, seq, digest } = held.fields;
    if (view === undefined || digest === undefined) return;
    const shape = shapeOf(held.holder);
    const key = `${shape}|${view}|${seq ?? ''}|${digest}`;
    if (this.keys.has(key)) return;
    this.keys.add(key);
    const list = this.byShape.get(shape) ?? [];
    if (list.length >= KEPT) list.shift();
    list.push(held);
    this.byShape.set(shape, list);
  }

  /** Holders of `held`'s shape certifying another digest at no later view, newest first. */
  rivalsOf(held: Held): Held[] {
    const view = held.fields.view;
    if (view === undefined) return [];
    const list = this.byShape.get(shapeOf(held.holder)) ?? [];
    return list.filter((h) => h.fields.view !== undefined && h.fields.view <= view && h.fields.digest !== held.fields.digest).reverse();
  }
}

/**
 * Where a certificate written as a list (`[view, hash, votes]`, `["qc", "3", hash, votes]`) holds
 * its view and digest: the first integer (a number or decimal string) and the first other string
 * that names no message type, besides the votes themselves.
 */
function listClaim(holder: readonly unknown[], votesAt: number): { view: number; digest: number } | undefined {
  const view = holder.findIndex((x, i) => i !== votesAt && integerValue(x) !== undefined);
  const digest = holder.findIndex((x, i) => i !== votesAt && typeof x === 'string' && integerValue(x) === undefined && roleOfType(x) === 'other');
  return view < 0 || digest < 0 ? undefined : { view, digest };
}

/** A holder's fields: through the structure for an object, by {@link listClaim} for a list. */
function fieldsOf(structure: Codec<unknown>, holder: Record<string, unknown> | readonly unknown[], votesKey: string | number): PayloadFields {
  if (!Array.isArray(holder)) return structure.fields(holder);
  const at = typeof votesKey === 'number' ? listClaim(holder, votesKey) : undefined;
  const view = at === undefined ? undefined : integerValue(holder[at.view]);
  return at === undefined || view === undefined ? {} : { view, digest: holder[at.digest] as string };
}

/** The holder of a certificate whose votes are no objects of their own (so its claim lives there), with its path, if it names a view and a digest. */
function heldOf(structure: Codec<unknown>, payload: unknown, cert: Certificate): (Held & { path: PayloadPath }) | undefined {
  const votesKey = cert.path[cert.path.length - 1];
  if (votesKey === undefined || cert.votes.length === 0 || cert.votes.some((v) => isRecord(valueAt(payload, v.path)))) return undefined;
  const path = cert.path.slice(0, -1);
  const holder = valueAt(payload, path);
  if (!isRecord(holder) && !Array.isArray(holder)) return undefined;
  const fields = fieldsOf(structure, holder as Record<string, unknown> | readonly unknown[], votesKey);
  return fields.view === undefined || fields.digest === undefined ? undefined : { holder: holder as Record<string, unknown> | readonly unknown[], fields, votesKey, path };
}

/** A list holder with its view and digest rewritten, each in the form it had (a decimal string stays one). */
function listWith(holder: readonly unknown[], votesAt: number, view: number, digest: string): unknown[] | undefined {
  const at = listClaim(holder, votesAt);
  if (at === undefined) return undefined;
  const out = [...holder];
  out[at.view] = typeof holder[at.view] === 'string' ? String(view) : typeof holder[at.view] === 'bigint' ? BigInt(view) : view;
  out[at.digest] = digest;
  return out;
}

/** Notes in `book` the holders of a payload's certificates whose votes sign their holder's claim. */
export function noteClaims(structure: Codec<unknown>, book: ClaimBook, payload: unknown, certs: readonly Certificate[]): void {
  for (const cert of certs) {
    const held = heldOf(structure, payload, cert);
    if (held !== undefined) book.note(held);
  }
}

/** Whether a holder's value under `key` is part of the body its digest stands for (a batch, a block): nested data, not a scalar field nor bytes. */
const isBody = (value: unknown): boolean => typeof value === 'object' && value !== null && !isBytes(value);

/**
 * The payload with `cert` certifying a rival value at its own slot: the `pick`-th newest older
 * holder of its shape lends its digest and body, the certificate keeps its votes, seq and other
 * scalars, and claims one view more when nested (see below). Undefined when the votes carry their own claim
 * or no rival holder is known.
 */
export function graft(structure: Codec<unknown>, book: ClaimBook, payload: unknown, cert: Certificate, pick: number): unknown {
  const held = heldOf(structure, payload, cert);
  if (held === undefined || structure.withFields === undefined || held.fields.view === undefined) return undefined;
  const rivals = book.rivalsOf(held);
  const rival = rivals[pick % Math.max(1, rivals.length)];
  if (rival === undefined || rival.fields.digest === undefined) return undefined;
  // A certificate carried inside another message is a proof carried forward (a lock, a high QC): it
  // counts only when newer, so it claims a view more. One that is the message itself certifies its
  // slot now, in the view its receivers are in (they may refuse any other).
  const view = held.fields.view + (held.path.length === 0 ? 0 : 1);
  let written: unknown;
  if (Array.isArray(held.holder)) {
    written = typeof held.votesKey === 'number' ? listWith(held.holder, held.votesKey, view, rival.fields.digest) : undefined;
  } else {
    const body: Record<string, unknown> = {};
    if (!Array.isArray(rival.holder)) for (const [key, value] of Object.entries(rival.holder)) if (key !== held.votesKey && isBody(value)) body[key] = value;
    written = structure.withFields(copyRecord(held.holder as Record<string, unknown>, body), { digest: rival.fields.digest, view });
  }
  if (written === undefined) return undefined;
  return held.path.length === 0 ? written : setAt(payload, held.path, written);
}
