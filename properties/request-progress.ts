import type { ExecuteFact, MembershipFact, RunFacts } from '../src/sim/facts.js';
import { sharedOf } from '../src/judging-memo.js';

// What the progress properties (liveness, timeliness) share: when each honest replica was done
// with each client request, by executing it or by installing state that covers it.

/** The key of a request: `client/requestId`; undefined for an execution that names no origin. */
export function requestKey(e: ExecuteFact): string | undefined {
  return e.origin === undefined ? undefined : `${e.origin.client}/${e.origin.requestId}`;
}

/** When each honest replica first executed each request, and where each request was executed: one pass over the executions. */
interface Progress {
  readonly executed: Map<string, Map<number, number>>;
  readonly slots: Map<string, number>;
}

function progressOf(facts: RunFacts): Progress {
  const executed = new Map<string, Map<number, number>>();
  const slots = new Map<string, number>();
  for (const e of facts.executions) {
    const key = requestKey(e);
    if (key === undefined) continue;
    let byReplica = executed.get(key);
    if (byReplica === undefined) {
      executed.set(key, (byReplica = new Map()));
      slots.set(key, e.seq);
    }
    if (!byReplica.has(e.replica)) byReplica.set(e.replica, e.timeMs);
  }
  return { executed, slots };
}

/** When each honest replica first executed each request, by request key then replica (shared by the properties judging one run: do not mutate). */
export function executedAt(facts: RunFacts): ReadonlyMap<string, ReadonlyMap<number, number>> {
  return sharedOf(facts, progressOf).executed;
}

/** Where each request was executed (by any honest replica): the slot a state transfer must reach to cover it (shared: do not mutate). */
export function slotOf(facts: RunFacts): ReadonlyMap<string, number> {
  return sharedOf(facts, progressOf).slots;
}

/** When replica r first held state covering slot `seq` by state transfer, or +∞. */
function installedBy(facts: RunFacts, replica: number, seq: number): number {
  let when = Number.POSITIVE_INFINITY;
  for (const i of facts.installs) if (i.replica === replica && i.seq >= seq && i.timeMs < when) when = i.timeMs;
  return when;
}

/**
 * The view in force at `seq`: of the views honest replicas declared, the one with the greatest
 * `fromSeq` ≤ seq (the first declared, if several: agreement makes honest declarations equal), or
 * null when none was declared (every replica is a member).
 */
function viewAt(views: readonly MembershipFact[], seq: number): readonly number[] | null {
  let best: MembershipFact | null = null;
  for (const v of views) if (v.fromSeq <= seq && (best === null || v.fromSeq > best.fromSeq)) best = v;
  return best === null ? null : best.members;
}

/**
 * The honest replicas owed a request that landed at `slot` (undefined: nobody executed it): with
 * reconfiguration, the honest members of the view at that slot (the latest view if none), whose
 * members `view` gives; without declared views, every honest replica and a null view.
 */
export function owedAt(facts: RunFacts, honest: readonly number[], slot: number | undefined): { readonly view: readonly number[] | null; readonly owed: readonly number[] } {
  const view = facts.memberships.length === 0 ? null : viewAt(facts.memberships, slot ?? Number.POSITIVE_INFINITY);
  return { view, owed: view === null ? honest : honest.filter((r) => view.includes(r)) };
}

/** When replica `r` was done with a request (executed it, or installed state covering its slot), or +∞. */
export function doneAt(facts: RunFacts, done: ReadonlyMap<number, number> | undefined, slot: number | undefined, r: number): number {
  return Math.min(done?.get(r) ?? Number.POSITIVE_INFINITY, slot === undefined ? Number.POSITIVE_INFINITY : installedBy(facts, r, slot));
}

/** "replica 2" or "replicas 1, 3". */
export function replicasText(replicas: readonly number[]): string {
  return `replica${replicas.length > 1 ? 's' : ''} ${replicas.join(', ')}`;
}
