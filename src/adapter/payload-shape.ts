/**
 * The shapes an in-process payload may take beyond plain JSON — class instances (replicas dispatch
 * on `instanceof`), Maps and Sets, byte arrays — and how to copy one without losing its shape. Every
 * codec-free rewrite copies through here: a class instance copied as `{ ...v }` is a plain object
 * its replica drops, a Map copied that way is `{}`. Plain JSON copies exactly as a spread would.
 */

/** A byte array (a Uint8Array, a Buffer): a leaf, never walked into. */
export function isBytes(x: unknown): x is Uint8Array {
  return x instanceof Uint8Array;
}

/** An object walked by its own keys: a plain object or a class instance (not a list, bytes, Map or Set). */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Uint8Array) && !(x instanceof Map) && !(x instanceof Set);
}

/** A Map key usable as a path segment (a node id, a name). */
export function isSegmentKey(key: unknown): key is string | number {
  return typeof key === 'string' || typeof key === 'number';
}

/** A copy of `value` with its prototype (its class) and own properties, then `changes` over them. */
export function copyRecord(value: Record<string, unknown>, changes: Record<string, unknown> = {}): Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return { ...value, ...changes };
  return Object.assign(Object.create(proto as object) as Record<string, unknown>, value, changes);
}

/** A copy of `value` without the own property `key`, keeping its prototype. */
export function copyRecordWithout(value: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = copyRecord(value);
  delete copy[key];
  return copy;
}

/** The Map key `segment` names in `map`: itself, or the number a path written as text (`"2"`) stands for. */
export function mapKey(map: ReadonlyMap<unknown, unknown>, segment: string | number): unknown {
  if (map.has(segment)) return segment;
  if (typeof segment === 'string' && /^(0|[1-9][0-9]*)$/.test(segment) && map.has(Number(segment))) return Number(segment);
  return undefined;
}

/** A copy of a class instance or Map/Set with each child passed through `f` (lists and plain objects too); other values as they are. */
export function mapChildren(value: unknown, f: (child: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item: unknown) => f(item));
  if (value instanceof Map) {
    const out = new Map<unknown, unknown>();
    for (const [k, v] of value) out.set(k, f(v));
    return out;
  }
  if (value instanceof Set) {
    const out = new Set<unknown>();
    for (const v of value) out.add(f(v));
    return out;
  }
  if (!isRecord(value)) return value;
  const changes: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) changes[k] = f(v);
  return copyRecord(value, changes);
}
