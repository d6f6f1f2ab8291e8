/**
 * Codec-free mutation at any depth: small, plausible changes to one nested site of a JSON-like
 * payload — a number shifted by one, a replica id swapped for another replica's, a string swapped
 * for one seen at the same position in earlier messages, a list item dropped or repeated, or (the
 * one large change) a number set to an arbitrary value. What a
 * ByzzFuzz-style strategy can do to a target it knows nothing about. Pure and deterministic: sites
 * are enumerated depth-first in key order, and the choice among them is the caller's selector.
 */
import type { PayloadPath } from './adapter/contract.js';
import { setAt } from './adapter/declared/json-path.js';
import { isRecord, isSegmentKey } from './adapter/payload-shape.js';

/** The mutations, each on one nested site. */
export type NestedKind = 'number+1' | 'number-1' | 'id-swap' | 'string-swap' | 'drop-item' | 'dup-item' | 'number-set';

/** Every kind, in the order strategies index them. */
export const NESTED_KINDS: readonly NestedKind[] = Object.freeze(['number+1', 'number-1', 'id-swap', 'string-swap', 'drop-item', 'dup-item', 'number-set']);

/** Where nesting stops (as in signed-item discovery): deeper parts are left alone. */
const MAX_DEPTH = 24;

/** Strings remembered per position: the most recent distinct ones (old ones are rarely useful lies). */
const BOOK_DEPTH = 16;

/** Key names that hold a replica id (compared case-insensitively). */
const ID_KEYS: ReadonlySet<string> = new Set(['sender', 'from', 'to', 'signer', 'replica', 'replicaid', 'author', 'voter', 'node', 'nodeid', 'id', 'leader', 'primary', 'proposer', 'origin']);

/** A path's shape: its keys, with every list index as `*` — what "the same position" means across messages. */
export function pathShape(path: PayloadPath): string {
  return path.map((s) => (typeof s === 'number' ? '*' : s)).join('.');
}

/** A leaf or list of a payload, at its path. */
interface Site {
  readonly path: PayloadPath;
  readonly value: unknown;
}

/** Every string, number (a bigint too) and list of `value`, depth-first in key order (a Map's entries in theirs), a list before its items. */
function sitesOf(value: unknown, path: (string | number)[] = [], out: Site[] = [], depth = 0): Site[] {
  if (depth > MAX_DEPTH) return out;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') out.push({ path: [...path], value });
  else if (value instanceof Map) {
    for (const [key, child] of value) if (isSegmentKey(key)) sitesOf(child, [...path, key], out, depth + 1);
  }
  else if (Array.isArray(value)) {
    out.push({ path: [...path], value });
    value.forEach((item, i) => sitesOf(item, [...path, i], out, depth + 1));
  } else if (isRecord(value)) for (const [key, child] of Object.entries(value)) sitesOf(child, [...path, key], out, depth + 1);
  return out;
}

/**
 * The strings seen at each position (path shape) in the messages of a run, most recent last: what
 * a string may be swapped for, so the lie looks like something the protocol really carries there.
 */
export class PositionBook {
  private readonly seen = new Map<string, string[]>();

  /** Records every string of `payload` under its path shape. */
  learn(payload: unknown): void {
    for (const site of sitesOf(payload)) {
      if (typeof site.value !== 'string') continue;
      const shape = pathShape(site.path);
      const list = this.seen.get(shape) ?? [];
      const at = list.indexOf(site.value);
      if (at === list.length - 1 && at >= 0) continue;
      if (at >= 0) list.splice(at, 1);
      list.push(site.value);
      if (list.length > BOOK_DEPTH) list.shift();
      this.seen.set(shape, list);
    }
  }

  /** The strings seen at a path shape, most recent last. */
  seenAt(shape: string): readonly string[] {
    return this.seen.get(shape) ?? [];
  }
}

/** What a mutation may use: the cluster size (replica ids are 0..n-1), the strings seen, and sites to leave alone. */
export interface NestedMutationContext {
  readonly n: number;
  readonly book: PositionBook;
  /** Sites not to touch (e.g. the outer signature, which the sender renews anyway). */
  readonly protect?: (path: PayloadPath) => boolean;
}

/** A site's last key, lower-cased, when it is an object key. */
function lastKey(path: PayloadPath): string | undefined {
  const last = path[path.length - 1];
  return typeof last === 'string' ? last.toLowerCase() : undefined;
}

function isReplicaId(site: Site, n: number): boolean {
  const key = lastKey(site.path);
  return n >= 2 && key !== undefined && ID_KEYS.has(key) && Number.isInteger(site.value) && (site.value as number) >= 0 && (site.value as number) < n;
}

/** Strings seen at this site's position other than its own, most recent first. */
function alternatives(site: Site, book: PositionBook): string[] {
  return [...book.seenAt(pathShape(site.path))].reverse().filter((s) => s !== site.value);
}

/** The sites of `payload` a mutation of `kind` applies to, in walk order. */
export function nestedSites(payload: unknown, kind: NestedKind, ctx: NestedMutationContext): Site[] {
  const sites = sitesOf(payload).filter((s) => ctx.protect?.(s.path) !== true);
  switch (kind) {
    case 'number+1':
    case 'number-1':
    case 'number-set':
      return sites.filter((s) => (typeof s.value === 'number' && Number.isFinite(s.value)) || typeof s.value === 'bigint');
    case 'id-swap':
      return sites.filter((s) => isReplicaId(s, ctx.n));
    case 'string-swap':
      return sites.filter((s) => typeof s.value === 'string' && alternatives(s, ctx.book).length > 0);
    default:
      return sites.filter((s) => Array.isArray(s.value) && s.value.length > 0);
  }
}

/** The replacement for `site` under `kind`; `choice` picks among the possible ones. */
function replacement(site: Site, kind: NestedKind, choice: number, ctx: NestedMutationContext): unknown {
  switch (kind) {
    // A bigint stays a bigint: a replica comparing `round > 5n` must still see one.
    case 'number+1': return typeof site.value === 'bigint' ? site.value + 1n : (site.value as number) + 1;
    case 'number-1': return typeof site.value === 'bigint' ? site.value - 1n : (site.value as number) - 1;
    case 'number-set': return typeof site.value === 'bigint' ? BigInt(choice) : choice;
    case 'id-swap': return ((site.value as number) + 1 + (choice % (ctx.n - 1))) % ctx.n;
    case 'string-swap': {
      const options = alternatives(site, ctx.book);
      return options[choice % options.length];
    }
    default: {
      const list = site.value as readonly unknown[];
      const i = choice % list.length;
      return kind === 'drop-item' ? [...list.slice(0, i), ...list.slice(i + 1)] : [...list.slice(0, i + 1), list[i], ...list.slice(i + 1)];
    }
  }
}

/**
 * A copy of `payload` with one mutation of `kind` at one nested site, or undefined when it has no
 * site for that kind. `selector` picks the site (modulo their number) and then, with what is left
 * of it (selector divided by the number of sites), which id, string or list item, or the number
 * set: selector 0 is the first site and the first choice.
 */
export function mutateNested(payload: unknown, kind: NestedKind, selector: number, ctx: NestedMutationContext): unknown {
  const sites = nestedSites(payload, kind, ctx);
  if (sites.length === 0) return undefined;
  const s = Math.max(0, Math.floor(selector));
  const site = sites[s % sites.length] as Site;
  return setAt(payload, site.path, replacement(site, kind, Math.floor(s / sites.length), ctx));
}
