import type { z } from 'zod';

/** Wrong options passed to a public entry point (`check()`, `assertReplica()`): the message names the bad field. */
export class OptionsError extends Error {
  override readonly name = 'OptionsError';
}

/** A short description of a value as a type, for "got …" in option errors. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Map) return 'a Map';
  if (typeof value === 'number') return Number.isInteger(value) ? `the number ${value}` : `the number ${String(value)}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at = input;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

function pathText(keys: readonly PropertyKey[]): string {
  return keys.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`), 'options');
}

/**
 * Validates `input` against `schema` and throws an {@link OptionsError} naming every bad field as
 * `<fn>(): options.<field> must be <expected>, got <what it was>`; `expected` maps a top-level
 * field to what it must be.
 */
export function parseOptions<T>(fn: string, schema: z.ZodType<T>, input: unknown, expected: Readonly<Record<string, string>>): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${fn}(): ${pathText([...issue.path, key])} is not an option; valid options: ${Object.keys(expected).join(', ')}`);
    }
    const top = issue.path[0];
    const want = typeof top === 'string' ? expected[top] : undefined;
    const got = describeValue(valueAt(input, issue.path));
    return [want === undefined || issue.path.length > 1
      ? `${fn}(): ${pathText(issue.path)}: ${issue.message}, got ${got}${want === undefined ? '' : ` (${top as string} must be ${want})`}`
      : `${fn}(): ${pathText(issue.path)} must be ${want}, got ${got}`];
  });
  throw new OptionsError(lines.join('\n'));
}
