/**
 * Maps keyed by a few numbers (a client and a request id, say) as nested maps. Properties used to
 * key them by strings such as `${client}/${requestId}`, built and hashed afresh at every lookup:
 * most of a run's judging time. For numbers the two agree exactly: distinct numbers print
 * distinctly except 0 and -0, which a Map key does not tell apart either (nor NaN from NaN), and a
 * printed number holds no '/', so the joined string never ran two keys together. Only the fields
 * that are numbers go into these keys; a string part (a result) keys the innermost map as itself.
 */

/** A map from (a, b) to V. */
export class PairMap<A, B, V> {
  private readonly outer = new Map<A, Map<B, V>>();

  /** The value at (a, b), if any. */
  get(a: A, b: B): V | undefined {
    return this.outer.get(a)?.get(b);
  }

  /** Sets the value at (a, b). */
  set(a: A, b: B, value: V): void {
    let inner = this.outer.get(a);
    if (inner === undefined) this.outer.set(a, (inner = new Map()));
    inner.set(b, value);
  }
}

/** A map from (a, b, c) to V. */
export class TripleMap<A, B, C, V> {
  private readonly outer = new Map<A, PairMap<B, C, V>>();

  /** The value at (a, b, c), if any. */
  get(a: A, b: B, c: C): V | undefined {
    return this.outer.get(a)?.get(b, c);
  }

  /** Sets the value at (a, b, c). */
  set(a: A, b: B, c: C, value: V): void {
    let inner = this.outer.get(a);
    if (inner === undefined) this.outer.set(a, (inner = new PairMap()));
    inner.set(b, c, value);
  }
}

/** A lookup keyed by three values. */
export interface TripleTable<V> {
  get(a: unknown, b: unknown, c: unknown): V | undefined;
  set(a: unknown, b: unknown, c: unknown, value: V): void;
}

/**
 * A table keyed by three values: by the values themselves when `byValue` (the caller checked they
 * are numbers, or strings where a string is meant), else by their joined text `${a}/${b}/${c}`, as
 * properties always keyed them (where "3" and 3 are one key): for fields a replica sends unchecked.
 */
export function tripleTable<V>(byValue: boolean): TripleTable<V> {
  if (byValue) return new TripleMap<unknown, unknown, unknown, V>();
  const byText = new Map<string, V>();
  return {
    get: (a, b, c) => byText.get(`${a}/${b}/${c}`),
    set: (a, b, c, value) => void byText.set(`${a}/${b}/${c}`, value),
  };
}
