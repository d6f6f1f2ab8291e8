/** One leaf that differs between two JSON values, at a path like `requests[0].operation`. */
export interface JsonChange {
  readonly path: string;
  /** The value in the message compared against (undefined: the field was absent). */
  readonly before: unknown;
  /** The value in the message shown (undefined: the field was absent). */
  readonly after: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? (path === '' ? key : `${path}.${key}`) : `${path}[${JSON.stringify(key)}]`;
}

function walk(a: unknown, b: unknown, path: string, out: JsonChange[]): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], join(path, i), out);
    return;
  }
  if (isObject(a) && isObject(b)) {
    // Keys in first-seen order (a's, then b's new ones): the diff reads in the payload's own order.
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
    for (const k of keys) walk(a[k], b[k], join(path, k), out);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path: path === '' ? '(whole message)' : path, before: a, after: b });
}

/** The leaves that differ between `before` and `after`, in payload order (arrays compared by position). */
export function jsonDiff(before: unknown, after: unknown): JsonChange[] {
  const out: JsonChange[] = [];
  walk(before, after, '', out);
  return out;
}

/** Number of scalar leaves of a JSON value (an empty object or array counts one). */
export function leafCount(value: unknown): number {
  if (Array.isArray(value)) return value.length === 0 ? 1 : value.reduce<number>((n, v) => n + leafCount(v), 0);
  if (isObject(value)) {
    const vals = Object.values(value);
    return vals.length === 0 ? 1 : vals.reduce<number>((n, v) => n + leafCount(v), 0);
  }
  return 1;
}

/** A change in words: `digest: "ab…" → "cd…"`, values shortened by `short`. */
export function changeText(c: JsonChange, short: (text: string) => string): string {
  const show = (v: unknown): string => (v === undefined ? '(absent)' : short(JSON.stringify(v)));
  return `${c.path}: ${show(c.before)} → ${show(c.after)}`;
}
