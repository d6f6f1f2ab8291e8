/**
 * What properties judging one run may share: several properties derive the same index from a run's
 * facts (when each replica executed each request, say), and each deriving it afresh was most of a
 * run's judging cost. While {@link judgingFacts} runs, {@link sharedOf} computes such an index once
 * per run; outside it (a property checked on its own, a test's hand-built facts) it just computes.
 * Scoped to one call because facts are plain mutable lists: a memo that outlived the judging could
 * answer for facts changed since. Pure and synchronous; no I/O.
 */
import type { RunFacts } from './sim/facts.js';

let judging: { readonly facts: RunFacts; readonly memo: Map<object, unknown> } | null = null;

/** Runs `judge` with indexes of `facts` shared between the properties it calls (see {@link sharedOf}). */
export function judgingFacts<T>(facts: RunFacts, judge: () => T): T {
  const outer = judging;
  judging = { facts, memo: new Map() };
  try {
    return judge();
  } finally {
    judging = outer;
  }
}

/**
 * `derive(facts)`, computed once per {@link judgingFacts} call for each `derive` (its identity is the
 * key, so it must be a module-level function). The result is shared: callers must not mutate it.
 */
export function sharedOf<T>(facts: RunFacts, derive: (facts: RunFacts) => T): T {
  if (judging === null || judging.facts !== facts) return derive(facts);
  const memo = judging.memo;
  if (memo.has(derive)) return memo.get(derive) as T;
  const value = derive(facts);
  memo.set(derive, value);
  return value;
}
