/**
 * What every forgery of the `forged-certificate` strategy is built with: the payload structure
 * (codec v2 or signed-item discovery), the coalition's pool of signed items it has seen, and the
 * faulty node's key.
 */
import type { Certificate, Codec, NodeId, PayloadFields, SignedItem } from '../../src/adapter/contract.js';
import { valueAt } from '../../src/adapter/declared/json-path.js';
import { buildLike, resignLikeOriginal } from '../../src/adapter/discovery.js';
import type { AdversaryEnv } from '../../src/adversary.js';
import { roleOfType } from '../kit.js';
import { noteClaims, type ClaimBook } from './graft.js';
import type { OwnSigning } from './own-signing.js';

/** Signed items the coalition has seen, by type: the material forgeries are built from. */
export class ItemPool {
  private readonly byType = new Map<string, unknown[]>();

  /** Keeps an item under its type (the oldest of a type goes after 64). */
  add(type: string | undefined, item: unknown): void {
    const key = type ?? '';
    const list = this.byType.get(key) ?? [];
    if (list.length >= 64) list.shift();
    list.push(item);
    this.byType.set(key, list);
  }

  /** The types seen, in the order first seen. */
  types(): readonly string[] {
    return [...this.byType.keys()];
  }

  /** The items seen of a type, oldest first. */
  of(type: string | undefined): readonly unknown[] {
    return this.byType.get(type ?? '') ?? [];
  }
}

/** What a forgery is built with: the payload structure, the coalition's pool of seen signed items, who forges, and its key. */
export interface Forger {
  readonly structure: Codec<unknown>;
  readonly pool: ItemPool;
  readonly self: NodeId;
  readonly n: number;
  readonly sign: (data: string) => string;
  /** Its own code as the judge of what a codec-free forgery's signature must cover (see {@link OwnSigning}). */
  readonly own?: OwnSigning;
  /** The claims of the certificates the coalition has seen, which `alter` grafts votes onto (see graft.ts). */
  readonly claims?: ClaimBook;
}

/** True for a signed item that is an element of a list (a vote of a certificate, not a lone nested item). */
export const inList = (item: SignedItem): boolean => typeof item.path[item.path.length - 1] === 'number';

/** Replica-signed certificates of a payload (clients' requests are not votes), outermost first. */
export function certificates(forger: Forger, payload: unknown): Certificate[] {
  const all = forger.structure.certificates?.(payload) ?? [];
  return all.filter((c) => c.votes.length > 0 && c.votes.every((v) => v.signer === undefined || v.signer < forger.n));
}

/** Remembers the signed items a payload carries (and the payload itself when it is one), by type. */
export function remember(forger: Forger, payload: unknown): void {
  const { structure, pool } = forger;
  const top = structure.fields(payload);
  if (top.type !== undefined && top.sender !== undefined) pool.add(top.type, payload);
  for (const item of structure.signedItems?.(payload) ?? []) if (item.fields.type !== undefined) pool.add(item.fields.type, valueAt(payload, item.path));
  if (forger.claims !== undefined) noteClaims(structure, forger.claims, payload, certificates(forger, payload));
}

/**
 * The forged payload renewed under the faulty node's own signature: through the codec; without one,
 * over the text its own code checks it against, else as discovery learnt it was made.
 */
export function resigned(env: AdversaryEnv, forger: Forger, original: unknown, forged: unknown): unknown {
  if (env.codec?.resign !== undefined) return env.codec.resign(forged, forger.sign);
  if (env.signatures === undefined) return forged;
  return forger.own?.resign(original, forged, env.signatures, forger.sign) ?? resignLikeOriginal(original, forged, env.signatures, forger.sign);
}

/**
 * A new message of `type` carrying `fields`, signed by the forger: built and signed by the codec
 * when the target shares one; without a codec, copied from the latest message of that kind the
 * coalition has seen from anyone (the kind matched by role, as the target names its types itself)
 * and signed afresh as discovery learnt it was made. Undefined when it cannot be built (yet).
 */
export function buildSigned(env: AdversaryEnv, forger: Forger, type: string, fields: PayloadFields): unknown {
  const { structure } = forger;
  if (env.codec !== undefined) {
    const built = structure.build?.(type, fields);
    return built === undefined || structure.resign === undefined ? undefined : structure.resign(built, forger.sign);
  }
  if (env.signatures === undefined) return undefined;
  const role = roleOfType(type);
  const kinds = forger.pool.types().filter((t) => (role === 'other' ? t === type : roleOfType(t) === role));
  const latest = kinds.map((t) => forger.pool.of(t)).filter((items) => items.length > 0).map((items) => items[items.length - 1]);
  for (const template of latest.reverse()) {
    const built = buildLike(template, fields, env.signatures, forger.sign);
    if (built !== undefined) return built;
  }
  return undefined;
}
