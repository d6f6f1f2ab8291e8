/**
 * Reading what a replica threw without being thrown at again. A replica may throw anything: a
 * number, a Symbol, an Error whose `message` getter throws, a Proxy whose every trap throws (even
 * `instanceof` asks its prototype). Every question the harness asks of such a value goes through
 * here, so the finding is reported and never becomes the harness's own crash (exit 3).
 */

/** `value instanceof type`, false when asking throws (a Proxy's getPrototypeOf trap). */
export function isInstance(value: unknown, type: abstract new (...args: never[]) => unknown): boolean {
  try {
    return value instanceof type;
  } catch {
    return false;
  }
}

/** `String(value)`, or a marker when even that throws (a Symbol is fine; a hostile toString is not). */
export function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return '<a value that cannot be read>';
  }
}

/** `error.name: error.message` for an Error (a field that cannot be read says so), or undefined when it is none. */
export function errorText(error: unknown): string | undefined {
  if (!isInstance(error, Error)) return undefined;
  return `${field(error, 'name')}: ${field(error, 'message')}`;
}

/** One field of an Error as text; a getter that throws gives a marker instead. */
function field(error: unknown, key: 'name' | 'message'): string {
  try {
    return safeString((error as Error)[key]);
  } catch {
    return `<its ${key} cannot be read>`;
  }
}
