import type { Certificate, PayloadPath, SignedItem } from '../../src/adapter/contract.js';
import { removeAt, setAt, valueAt } from '../../src/adapter/declared/json-path.js';
import { graft } from './graft.js';
import { certificates, inList, type Forger } from './forger.js';
import { roleOfType, withoutCertificates } from '../kit.js';

/** The forgeries, least first (shrinking moves towards `short`). */
export const FORGERIES = ['short', 'repeat', 'claim', 'alter', 'erase', 'stale', 'pad'] as const;

/** One way to doctor a certificate. */
export type Forgery = (typeof FORGERIES)[number];

/**
 * What a nested certificate occupies: for a discovered list inside an unsigned holder (a prepared
 * certificate in a list, a write certificate under a key), that holder, proposal and all.
 */
function extent(payload: unknown, cert: Certificate, signedPaths: ReadonlySet<string>): PayloadPath {
  const parent = cert.path.slice(0, -1);
  const last = parent[parent.length - 1];
  const holder = valueAt(payload, parent);
  const unsignedObject = typeof holder === 'object' && holder !== null && !signedPaths.has(JSON.stringify(parent)) && cert.path.length > 1;
  return unsignedObject && (typeof last === 'number' || !Array.isArray(holder)) ? parent : cert.path;
}

/** The seq of the signed item (or payload) that carries a certificate: certificates at or below it are proofs of the past (checkpoints, decisions). */
function carrierSeq(forger: Forger, payload: unknown, cert: Certificate, items: readonly SignedItem[]): number | undefined {
  const prefix = (p: PayloadPath): boolean => p.length < cert.path.length && p.every((k, i) => cert.path[i] === k);
  const carriers = items.filter((i) => prefix(i.path)).sort((a, b) => b.path.length - a.path.length);
  return carriers.length > 0 ? carriers[0]?.fields.seq : forger.structure.fields(payload).seq;
}

function erase(forger: Forger, payload: unknown, certs: readonly Certificate[]): unknown {
  const items = forger.structure.signedItems?.(payload) ?? [];
  const signedPaths = new Set(items.map((i) => JSON.stringify(i.path)));
  // Every certificate of what is in flight goes, top-level or nested, but checkpoint proofs, proofs
  // of slots at or below their carrier's, and the lists of view changes themselves (a NEW-VIEW
  // keeps its VIEW-CHANGEs, which are emptied instead).
  const ofViews = (c: Certificate): boolean => c.votes.some((v) => ['view-change', 'new-view'].includes(roleOfType(v.fields.type)));
  const past = (c: Certificate): boolean => {
    const at = carrierSeq(forger, payload, c, items);
    return c.claim.seq !== undefined && at !== undefined && c.claim.seq <= at;
  };
  const nested = certs.filter((c) => !ofViews(c) && !/CHECKPOINT/i.test(c.claim.type ?? '') && !past(c));
  if (nested.length === 0) return undefined;
  const spans = nested.map((c) => ({ ...c, path: extent(payload, c, signedPaths) }));
  const unique = [...new Map(spans.map((s) => [JSON.stringify(s.path), s])).values()];
  // A holder under a key becomes null (nothing certified there); lists lose their elements.
  let out = payload;
  const keyed = unique.filter((u) => typeof u.path[u.path.length - 1] === 'string' && !Array.isArray(valueAt(payload, u.path)));
  for (const span of keyed) out = setAt(out, span.path, null);
  return withoutCertificates(out, unique.filter((u) => !keyed.includes(u)));
}

/** A vote of the same type as `vote` that differs from it in view, seq or digest, from the pool: the same signer's if it can (so signers stay distinct). */
function staleLike(forger: Forger, vote: SignedItem): unknown {
  const others = forger.pool.of(vote.fields.type).filter((other) => {
    const f = forger.structure.fields(other);
    return f.view !== vote.fields.view || f.digest !== vote.fields.digest || f.seq !== vote.fields.seq;
  });
  return others.find((other) => forger.structure.fields(other).sender === vote.fields.sender) ?? others[0];
}

/** Its own vote matching `vote`: built and signed through the codec when it can, else one of its own it has seen. */
function ownVote(forger: Forger, vote: SignedItem): unknown {
  const { structure, self } = forger;
  const type = vote.fields.type;
  if (type !== undefined && structure.build !== undefined && structure.resign !== undefined) {
    const built = structure.build(type, { ...vote.fields, sender: self });
    if (built !== undefined) return structure.resign(built, forger.sign);
  }
  const own = forger.pool.of(type).filter((m) => structure.fields(m).sender === self);
  return own.find((m) => structure.fields(m).digest === vote.fields.digest) ?? own[own.length - 1];
}

/** The payload with one certificate doctored by `forgery`, or undefined when this payload offers nothing to forge. */
export function forge(forger: Forger, payload: unknown, forgery: Forgery, pick: number): unknown {
  const certs = certificates(forger, payload);
  if (certs.length === 0) return undefined;

  if (forgery === 'erase') return erase(forger, payload, certs);
  const cert = certs[pick % certs.length] as Certificate;
  const listed = cert.votes.filter(inList);
  const vote = (listed.length > 0 ? listed : cert.votes)[pick % Math.max(1, listed.length > 0 ? listed.length : cert.votes.length)] as SignedItem;
  const { structure, n } = forger;
  switch (forgery) {
    case 'short': return listed.length === 0 ? undefined : removeAt(payload, vote.path);
    case 'repeat': {
      const twin = listed.find((v) => v.signer !== vote.signer);
      return twin === undefined ? undefined : setAt(payload, twin.path, valueAt(payload, vote.path));
    }
    case 'claim': {
      if (vote.signer === undefined || vote.fields.sender === undefined) return undefined;
      const other = (vote.signer + 1 + (pick % Math.max(1, n - 1))) % n;
      return structure.withItemFields?.(payload, vote.path, { sender: other === vote.signer ? (other + 1) % n : other });
    }
    case 'alter': {
      // Votes that sign their holder's claim certify an older value seen, a view later, where one is known.
      const grafted = forger.claims === undefined ? undefined : graft(structure, forger.claims, payload, cert, pick);
      if (grafted !== undefined) return grafted;
      const f = vote.fields;
      const altered = f.digest !== undefined ? { digest: `${f.digest}~` } : f.view !== undefined ? { view: f.view + 1 } : f.seq !== undefined ? { seq: f.seq + 1 } : undefined;
      return altered === undefined ? undefined : structure.withItemFields?.(payload, vote.path, altered);
    }
    case 'stale': {
      const old = inList(vote) ? staleLike(forger, vote) : undefined;
      return old === undefined ? undefined : setAt(payload, vote.path, old);
    }
    case 'pad': {
      const own = vote.signer === forger.self || !inList(vote) ? undefined : ownVote(forger, vote);
      const at = vote.path.slice(0, -1);
      const list = valueAt(payload, at);
      return own === undefined || !Array.isArray(list) ? undefined : setAt(payload, at, [...list, own]);
    }
  }
}
