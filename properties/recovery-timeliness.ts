import type { Property, Violation } from '../src/property.js';
import type { RunFacts, SubmitFact, ViewFact } from '../src/sim/facts.js';
import { doneAt, executedAt, replicasText, slotOf } from './request-progress.js';

/** When the run had recovered, and the request that showed it. */
interface Recovery {
  /** When the witness was done everywhere: from then on the cluster is as fast as a calm one. */
  readonly atMs: number;
  readonly witness: SubmitFact;
  /** The view every honest replica was in. */
  readonly view: number;
}

type Done = (s: SubmitFact, r: number) => number;

/** The view each replica last sent in at or before `t` (`start` if it sent in none yet). */
function viewsAt(facts: RunFacts, honest: readonly number[], start: number, t: number): number[] {
  const latest = honest.map(() => start);
  for (const v of facts.views) {
    const i = honest.indexOf(v.replica);
    if (v.timeMs <= t && i >= 0 && v.view > (latest[i] as number)) latest[i] = v.view;
  }
  return latest;
}

/**
 * The first request after GST that shows the cluster recovered: submitted while every honest replica
 * was in one view, done by every honest replica with no view move meanwhile, and by then every
 * earlier request done everywhere too. A cluster that does that has an active view with a working
 * primary (2f+1 replicas ordered the request in that view), every replica in it and nothing left
 * over from the faults. The witness itself may be slow: it may be what finished the recovery.
 */
function recovery(facts: RunFacts, honest: readonly number[], done: Done): Recovery | null {
  const start = facts.views.length === 0 ? 0 : Math.min(...facts.views.map((v) => v.view));
  const submitted = [...facts.submitted].sort((a, b) => a.timeMs - b.timeMs || a.step - b.step);
  for (const [i, w] of submitted.entries()) {
    if (w.timeMs < facts.gstMs) continue;
    const views = viewsAt(facts, honest, start, w.timeMs);
    if (views.some((v) => v !== views[0])) continue;
    const finished = Math.max(...honest.map((r) => done(w, r)));
    if (finished === Number.POSITIVE_INFINITY) continue;
    if (facts.views.some((v) => v.timeMs > w.timeMs && v.timeMs <= finished && v.view > (views[0] as number))) continue;
    if (submitted.slice(0, i).some((s) => honest.some((r) => done(s, r) > finished))) continue;
    return { atMs: finished, witness: w, view: views[0] as number };
  }
  return null;
}

function recoveredText(rec: Recovery): string {
  return `every replica honest, the network reliable after GST, and the cluster recovered by ${rec.atMs} ms ` +
    `(request ${rec.witness.requestId} of client ${rec.witness.client}, submitted at ${rec.witness.timeMs} ms, was done by every replica in view ${rec.view} with no view change, and every earlier request too)`;
}

function slowRequests(facts: RunFacts, honest: readonly number[], bound: number, rec: Recovery, done: Done): Violation[] {
  const violations: Violation[] = [];
  for (const s of facts.submitted) {
    const deadline = s.timeMs + bound;
    if (s.timeMs < rec.atMs || (facts.stopReason !== 'quiescent' && deadline > facts.endTimeMs)) continue;
    const late = honest.filter((r) => done(s, r) > deadline);
    if (late.length === 0) continue;
    violations.push({
      property: 'recovery-timeliness',
      message: `request ${s.requestId} of client ${s.client} (${JSON.stringify(s.operation)}, submitted at ${s.timeMs} ms) was not executed by ${replicasText(late)} ` +
        `by ${deadline} ms = submission + timeliness bound ${bound} ms, though ${recoveredText(rec)}`,
      nodes: [s.client, ...late], seqs: [], values: [s.operation], steps: [s.step],
    });
  }
  return violations;
}

function viewMoves(facts: RunFacts, rec: Recovery): Violation[] {
  const moves: ViewFact[] = [];
  for (const v of facts.views) if (v.timeMs > rec.atMs && v.view > rec.view && !moves.some((m) => m.replica === v.replica)) moves.push(v);
  const first = moves[0];
  if (first === undefined) return [];
  return [{
    property: 'recovery-timeliness',
    message: `replica ${first.replica} moved from view ${rec.view} to view ${first.view} at ${first.timeMs} ms, a needless view change: ${recoveredText(rec)}` +
      (moves.length > 1 ? `; ${replicasText(moves.slice(1).map((m) => m.replica))} followed` : ''),
    nodes: moves.map((m) => m.replica), seqs: [], values: [], steps: moves.map((m) => m.step),
  }];
}

/**
 * Recovery timeliness: once a run's faults are over, the cluster must get as fast as a calm one
 * again. In a run whose replicas are all honest (only the network misbehaved, before GST) and whose
 * network is reliable after GST, once a request after GST shows the cluster recovered — done by
 * every replica while every replica sat in one view, with no view move meanwhile, every earlier
 * request done too — every later request is executed by every replica within the target's tight
 * bound B (for the largest delay after GST) of its submission and no replica moves to a later view. What it sees that
 * `timeliness` (judging only until the first fault) and `liveness` (a bound allowing f+1 capped
 * view-change timeouts) cannot: a timer left running from the faults that fires a needless view
 * change, or a replica that lost what the faults left it and recovers only at a status tick.
 */
export const recoveryTimeliness: Property = {
  name: 'recovery-timeliness',
  description: 'with every replica honest, once the cluster has recovered after GST, requests execute everywhere within the target\'s tight bound and no view changes',
  check(facts) {
    const bound = facts.settledTimelinessBoundMs;
    const allHonest = facts.faultsFromMs === Number.POSITIVE_INFINITY && facts.honest.every((h) => h);
    if (bound === undefined || !allHonest || facts.lostAfterGst > 0 || facts.memberships.length > 0) return [];
    if (facts.stopReason === 'replica-error' || facts.stopReason === 'violation') return [];
    const honest = facts.honest.map((_, i) => i);
    const executed = executedAt(facts);
    const slots = slotOf(facts);
    // recovery() asks about every earlier request for each candidate witness: each submission's
    // times are worked out once (its key built once), not once per question.
    const times = new Map<SubmitFact, number[]>();
    const done: Done = (s, r) => {
      let perReplica = times.get(s);
      if (perReplica === undefined) {
        const key = `${s.client}/${s.requestId}`;
        const at = executed.get(key);
        const slot = slots.get(key);
        times.set(s, (perReplica = honest.map((replica) => doneAt(facts, at, slot, replica))));
      }
      return perReplica[r] as number;
    };
    const rec = recovery(facts, honest, done);
    if (rec === null) return [];
    return [...slowRequests(facts, honest, bound, rec, done), ...viewMoves(facts, rec)];
  },
};
