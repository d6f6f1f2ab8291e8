import { mapChildren } from './adapter/payload-shape.js';

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
  // Lists, objects (a class instance keeps its class), Maps and Sets are copied; bytes are leaves.
  return mapChildren(value, (child) => walk(child, variant, state));
}

function walkNumbers(value: unknown, variant: number, state: { done: boolean }): unknown {
  if (state.done) return value;
  if (typeof value === 'number' || typeof value === 'bigint') {
    state.done = true;
    return typeof value === 'bigint' ? value + BigInt(variant) : value + variant;
  }
  return mapChildren(value, (child) => walkNumbers(child, variant, state));
}
