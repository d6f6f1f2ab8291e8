/**
 * The JSON paths of a declarative codec: dot-separated keys (`content.view`), numeric segments
 * indexing lists (`votes.0`), and `*` for every element of a list (`viewChanges.*.prepared.*`).
 * Reading expands wildcards into concrete paths; writing copies along one concrete path, so a
 * payload is never changed in place.
 */
import type { PayloadPath } from '../contract.js';
import { copyRecord, copyRecordWithout, isRecord, mapKey } from '../payload-shape.js';

/** A parsed path: its segments, `*` standing for every element of a list. */
export type PathPattern = readonly string[];

/** Parses `a.b.*.c` into segments; the empty string (or `$`) is the value itself. */
export function parsePath(text: string): PathPattern {
  const body = text.startsWith('$.') ? text.slice(2) : text === '$' ? '' : text;
  return body === '' ? [] : body.split('.');
}

/** Whether a path text is well formed: non-empty segments of letters, digits, `_`, `-`, `@`, `$` or `*`. */
export function isPathText(text: string): boolean {
  return parsePath(text).every((s) => /^(\*|[\w@$-]+)$/.test(s));
}

function child(value: unknown, segment: string | number): unknown {
  if (Array.isArray(value)) return typeof segment === 'number' || /^\d+$/.test(segment) ? value[Number(segment)] : undefined;
  if (value instanceof Map) return value.get(mapKey(value, segment));
  return isRecord(value) && Object.hasOwn(value, segment) ? value[segment] : undefined;
}

/** Every concrete path the pattern matches in `value` (wildcards expanded in list order), with its value. */
export function matchPath(value: unknown, pattern: PathPattern): { path: PayloadPath; value: unknown }[] {
  let found: { path: (string | number)[]; value: unknown }[] = [{ path: [], value }];
  for (const segment of pattern) {
    const next: { path: (string | number)[]; value: unknown }[] = [];
    for (const at of found) {
      if (segment === '*') {
        if (Array.isArray(at.value)) at.value.forEach((item, i) => next.push({ path: [...at.path, i], value: item }));
        continue;
      }
      const v = child(at.value, segment);
      if (v !== undefined) next.push({ path: [...at.path, Array.isArray(at.value) ? Number(segment) : segment], value: v });
    }
    found = next;
  }
  return found;
}

/** The value at a pattern's first match, or undefined. */
export function readPath(value: unknown, pattern: PathPattern): unknown {
  return matchPath(value, pattern)[0]?.value;
}

/** The value at a concrete path, or undefined. */
export function valueAt(value: unknown, path: PayloadPath): unknown {
  let at = value;
  for (const segment of path) at = child(at, segment);
  return at;
}

/**
 * A copy of `value` with the concrete `path` set to `replacement` (copying only along the path).
 * Missing objects on the way are created when `create` is set; otherwise the value is returned
 * unchanged when the path does not exist.
 */
export function setAt(value: unknown, path: PayloadPath, replacement: unknown, create = false): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  if (Array.isArray(value)) {
    const i = Number(head);
    if (!Number.isInteger(i) || i < 0 || i >= value.length) return value;
    const copy = [...value];
    copy[i] = setAt(value[i], rest, replacement, create);
    return copy;
  }
  if (value instanceof Map) {
    // A Map keeps its class and entry order; its keys are the replica's (a node id stays a number).
    const key = mapKey(value, head);
    if (key === undefined && !create) return value;
    const copy = new Map(value);
    copy.set(key ?? head, setAt(value.get(key), rest, replacement, create));
    return copy;
  }
  const key = String(head);
  if (!isRecord(value)) return create ? { [key]: setAt(undefined, rest, replacement, create) } : value;
  if (!Object.hasOwn(value, key) && !create) return value;
  return copyRecord(value, { [key]: setAt(value[key], rest, replacement, create) });
}

/** A copy of `value` without the element or key at a concrete path (a list element is spliced out). */
export function removeAt(value: unknown, path: PayloadPath): unknown {
  const parentPath = path.slice(0, -1);
  const last = path[path.length - 1];
  const parent = valueAt(value, parentPath);
  if (last === undefined) return value;
  if (Array.isArray(parent)) return setAt(value, parentPath, parent.filter((_, i) => i !== Number(last)));
  if (parent instanceof Map) {
    const key = mapKey(parent, last);
    if (key === undefined) return value;
    const copy = new Map(parent);
    copy.delete(key);
    return setAt(value, parentPath, copy);
  }
  if (!isRecord(parent) || !Object.hasOwn(parent, String(last))) return value;
  return setAt(value, parentPath, copyRecordWithout(parent, String(last)));
}

/** The concrete path as text, `a.b.0.c`: how reports and messages name a place in a payload. */
export function formatPath(path: PayloadPath): string {
  return path.length === 0 ? '$' : path.join('.');
}
