/**
 * Generic, protocol-agnostic payload mutation: returns a copy of a JSON-like value with its first
 * string leaf (depth-first, in key order) suffixed, or failing that its first number leaf shifted.
 * Used when a target has no codec; deterministic for a given payload and variant.
 */
export function mutateJson(value: unknown, variant: number): unknown {
  const state = { done: false };
  const mutated = walk(value, variant, state);
  return state.done ? mutated : walkNumbers(value, variant, { done: false });
}

function walk(value: unknown, variant: number, state: { done: boolean }): unknown {
  if (state.done) return value;
  if (typeof value === 'string') {
    state.done = true;
    return `${value}~${variant}`;
  }
  if (Array.isArray(value)) return value.map((item) => walk(item, variant, state));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, variant, state);
    return out;
  }
  return value;
}

function walkNumbers(value: unknown, variant: number, state: { done: boolean }): unknown {
  if (state.done) return value;
  if (typeof value === 'number') {
    state.done = true;
    return value + variant;
  }
  if (Array.isArray(value)) return value.map((item) => walkNumbers(item, variant, state));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walkNumbers(v, variant, state);
    return out;
  }
  return value;
}
