import { faultsTolerated } from '../src/adapter/contract.js';
import type { ExecuteFact, MembershipFact, RunFacts } from '../src/sim/facts.js';
import type { Property, Violation } from '../src/property.js';

function executedAt(facts: RunFacts): Map<string, Map<number, number>> {
  const when = new Map<string, Map<number, number>>();
  for (const e of facts.executions) {
    const key = keyOf(e);
    if (key === undefined) continue;
    let byReplica = when.get(key);
    if (byReplica === undefined) when.set(key, (byReplica = new Map()));
    if (!byReplica.has(e.replica)) byReplica.set(e.replica, e.timeMs);
  }
  return when;
}

/** Where each request was executed (by any honest replica): the slot a state transfer must reach to cover it. */
function slotOf(facts: RunFacts): Map<string, number> {
  const slot = new Map<string, number>();
  for (const e of facts.executions) {
    const key = keyOf(e);
    if (key !== undefined && !slot.has(key)) slot.set(key, e.seq);
  }
  return slot;
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

function keyOf(e: ExecuteFact): string | undefined {
  return e.origin === undefined ? undefined : `${e.origin.client}/${e.origin.requestId}`;
}

/**
 * Liveness, in the VOPR's "correct core" sense: when at most f replicas are faulty, every request a
 * (correct, simulated) client submits is executed by every honest replica within the target's bound
 * B after max(submission, GST) — or covered by state it installed by state transfer. The premise is checked first; runs where it fails are not judged.
 * When replicas declare views (reconfiguration), only the honest members of the view at the
 * request's slot are owed its execution, and a request is judged only if that view holds at most
 * ⌊(members − 1)/3⌋ faulty replicas.
 * A deadline later than the run's end is not judged either, unless the run went quiet (then nothing
 * more could ever happen). Requires executions to name their origin.
 */
export const liveness: Property = {
  name: 'liveness',
  description: 'with ≤ f faulty replicas, every request is executed by every honest replica within the target bound after GST',
  check(facts) {
    const bound = facts.livenessBoundMs;
    const faulty = facts.honest.filter((h) => !h).length;
    if (bound === undefined || faulty > facts.f || facts.lostAfterGst > 0 || facts.stopReason === 'replica-error' || facts.stopReason === 'violation') return [];
    const honest = facts.honest.flatMap((h, i) => (h ? [i] : []));
    const executed = executedAt(facts);
    const slots = slotOf(facts);
    const violations: Violation[] = [];
    for (const s of facts.submitted) {
      const deadline = Math.max(s.timeMs, facts.gstMs) + bound;
      if (facts.stopReason !== 'quiescent' && facts.endTimeMs < deadline) continue;
      const key = `${s.client}/${s.requestId}`;
      const done = executed.get(key);
      const slot = slots.get(key);
      // With reconfiguration, the replicas owed an execution are the honest members of the view at
      // the request's slot (the latest view if nobody executed it), and the premise is judged there.
      const view = facts.memberships.length === 0 ? null : viewAt(facts.memberships, slot ?? Number.POSITIVE_INFINITY);
      if (view !== null && view.filter((r) => facts.honest[r] === false).length > faultsTolerated(view.length)) continue;
      const owed = view === null ? honest : honest.filter((r) => view.includes(r));
      const doneAt = (r: number): number => Math.min(done?.get(r) ?? Number.POSITIVE_INFINITY, slot === undefined ? Number.POSITIVE_INFINITY : installedBy(facts, r, slot));
      const missing = owed.filter((r) => doneAt(r) > deadline);
      if (missing.length === 0) continue;
      const premise = view === null
        ? `${faulty} faulty ≤ f = ${facts.f}`
        : `view ${view.join(', ')} at seq ${slot ?? '(latest)'} with ${view.filter((r) => facts.honest[r] === false).length} faulty ≤ f = ${faultsTolerated(view.length)}`;
      violations.push({
        property: 'liveness',
        message:
          `request ${s.requestId} of client ${s.client} (${JSON.stringify(s.operation)}, submitted at ${s.timeMs} ms) was not executed by replica${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ` +
          `by ${deadline} ms = max(submission, GST ${facts.gstMs} ms) + bound ${bound} ms; premise held: ${premise}, network reliable after GST`,
        nodes: [s.client, ...missing],
        seqs: [],
        values: [s.operation],
        steps: [s.step],
      });
    }
    return violations;
  },
};
