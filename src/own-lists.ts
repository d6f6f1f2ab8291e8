/**
 * Forgeries of a leader's own aggregate: a list of signed items the forger signed itself, inside
 * a message it signs (the PRE-PREPAREs of its NEW-VIEW, the proposals of its SYNC). Unlike other
 * certificates, it can rewrite these items and sign them afresh, so a receiver's signature checks
 * pass and only its comparison with what the list should hold (O, recomputed from V) can refuse
 * it: items dropped, repeated, reordered, shifted to another seq or view, relabelled with another
 * item's content, or one padded in past the end. Found by codec v2 or by signature discovery.
 */
import type { Codec, NodeId, PayloadFields, PayloadPath, SignedItem } from './adapter/contract.js';
import { removeAt, setAt, valueAt } from './adapter/declared/json-path.js';
import { payloadText } from './sim/payload-text.js';

/** Who forges, and how it reads payloads (codec v2, or signature discovery through `structureCodec`). */
export interface OwnListForger {
  readonly structure: Codec<unknown>;
  readonly self: NodeId;
  readonly n: number;
}

const inList = (item: SignedItem): boolean => typeof item.path[item.path.length - 1] === 'number';

/** The forgeries of an own list, named as forged-certificate's forgeries that they resemble. */
export const OWN_LIST_FORGERIES = ['short', 'repeat', 'stale', 'claim', 'alter', 'pad'] as const;

/** One forgery of an own list (see {@link forgeOwnList}). */
export type OwnListForgery = (typeof OWN_LIST_FORGERIES)[number];

/** Renews a rewritten item's signature with the forger's key, as the original was made. */
export type Renew = (original: unknown, changed: unknown) => unknown;

const isPrefix = (prefix: PayloadPath, path: PayloadPath): boolean => prefix.length < path.length && prefix.every((k, i) => path[i] === k);

/** A list of signed items in a payload, at `path`: its items in list order. */
export interface ItemList {
  readonly path: PayloadPath;
  readonly items: readonly SignedItem[];
}

/**
 * Lists in `payload` whose every signed item the forger signed itself (replica-signed items only),
 * not nested inside anyone else's signed item (which it could not re-sign). Grouped from the signed
 * items, not the certificates: a codec may not call a leader's own proposals a certificate.
 */
export function ownLists(forger: OwnListForger, payload: unknown): ItemList[] {
  const signed = (forger.structure.signedItems?.(payload) ?? []).filter((i) => i.signer === undefined || i.signer < forger.n);
  const foreign = signed.filter((i) => i.signer !== forger.self);
  const groups = new Map<string, { path: PayloadPath; items: SignedItem[] }>();
  for (const item of signed.filter(inList)) {
    const parent = item.path.slice(0, -1);
    const key = JSON.stringify(parent);
    const group = groups.get(key) ?? { path: parent, items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  return [...groups.values()]
    .filter((g) => g.items.every((v) => v.signer === forger.self) && !foreign.some((f) => isPrefix(f.path, g.path)))
    .map((g) => ({ path: g.path, items: [...g.items].sort((a, b) => (a.path[a.path.length - 1] as number) - (b.path[b.path.length - 1] as number)) }));
}

/** The item at `vote.path` with `fields` written and its signature renewed; undefined when nothing changed. */
function rewritten(forger: OwnListForger, renew: Renew, payload: unknown, vote: SignedItem, fields: PayloadFields): unknown {
  const original = valueAt(payload, vote.path);
  const changed = forger.structure.withFields?.(original, fields);
  // The trace's text, not JSON: an item with a bigint must compare, not throw.
  return changed === undefined || payloadText(changed) === payloadText(original) ? undefined : renew(original, changed);
}

/**
 * The payload with its own list doctored by `forgery` (`pick` chooses the item), or
 * undefined when the list offers nothing for it. The outer signature is the caller's to renew.
 */
export function forgeOwnList(forger: OwnListForger, renew: Renew, payload: unknown, list: ItemList, forgery: OwnListForgery, pick: number): unknown {
  const items = list.items;
  const i = pick % items.length;
  const item = items[i] as SignedItem;
  const next = items[(i + 1) % items.length] as SignedItem;
  const two = items.length >= 2;
  switch (forgery) {
    case 'short': return removeAt(payload, item.path);
    // One item in place of its neighbour: the same slot twice, the neighbour's gone.
    case 'repeat': return two ? setAt(payload, next.path, valueAt(payload, item.path)) : undefined;
    // Two neighbours swapped: the right items, in the wrong order.
    case 'stale': return two ? setAt(setAt(payload, item.path, valueAt(payload, next.path)), next.path, valueAt(payload, item.path)) : undefined;
    // The neighbour's content relabelled to this item's slot: another value at a slot O fixes.
    case 'claim': {
      if (!two || item.fields.seq === undefined) return undefined;
      const moved = rewritten(forger, renew, payload, next, { seq: item.fields.seq });
      return moved === undefined ? undefined : setAt(payload, item.path, moved);
    }
    // The item moved to the next seq (even picks) or the previous view (odd ones), re-signed.
    case 'alter': {
      const { seq, view } = item.fields;
      const fields = pick % 2 === 0 || view === undefined || view === 0 ? (seq === undefined ? undefined : { seq: seq + 1 }) : { view: view - 1 };
      const moved = fields === undefined ? undefined : rewritten(forger, renew, payload, item, fields);
      return moved === undefined ? undefined : setAt(payload, item.path, moved);
    }
    // A copy of the last item at the seq after it, appended: a list longer than O.
    case 'pad': {
      const last = items[items.length - 1] as SignedItem;
      const list = valueAt(payload, last.path.slice(0, -1));
      const extra = last.fields.seq === undefined ? undefined : rewritten(forger, renew, payload, last, { seq: last.fields.seq + 1 });
      return extra === undefined || !Array.isArray(list) ? undefined : setAt(payload, last.path.slice(0, -1), [...list, extra]);
    }
  }
}
