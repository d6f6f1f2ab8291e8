import type { SubmitFact, RunFacts, ViewFact } from '../src/sim/facts.js';
import type { Property, Violation } from '../src/property.js';
import { doneAt, executedAt, owedAt, replicasText, slotOf } from './request-progress.js';

const NEVER = Number.POSITIVE_INFINITY;

/** When the fault-free stretch ends: at the network's first fault or when a faulty replica may first deviate. */
function faultFreeUntil(facts: RunFacts): number {
  return Math.min(facts.calmUntilMs, facts.faultsFromMs);
}

/** What made the stretch fault-free, in words, with where it ends. */
function calmText(facts: RunFacts): string {
  const replicas = facts.faultsFromMs === NEVER ? 'every replica honest' : `every replica running the honest code until ${facts.faultsFromMs} ms (when a faulty replica's strategy starts)`;
  const network = facts.calmUntilMs === NEVER ? 'the network synchronous' : `the network synchronous until ${facts.calmUntilMs} ms (its first late, lost or duplicated message)`;
  return `${replicas} and ${network}${faultFreeUntil(facts) === NEVER ? ' for the whole run' : ''}`;
}

/** A deadline is judged when it falls in the fault-free stretch and inside the run (or the run went quiet: nothing more could happen). */
function judged(facts: RunFacts, deadline: number): boolean {
  return deadline < faultFreeUntil(facts) && (facts.stopReason === 'quiescent' || deadline <= facts.endTimeMs);
}

/** Requests submitted in the calm that some replica owed them had not executed by submission + bound. */
function slowRequests(facts: RunFacts, bound: number): Violation[] {
  const honest = facts.honest.flatMap((h, i) => (h ? [i] : []));
  const executed = executedAt(facts);
  const slots = slotOf(facts);
  const violations: Violation[] = [];
  for (const s of facts.submitted) {
    const deadline = s.timeMs + bound;
    if (!judged(facts, deadline)) continue;
    const key = `${s.client}/${s.requestId}`;
    const slot = slots.get(key);
    const { owed } = owedAt(facts, honest, slot);
    const done = executed.get(key);
    const late = owed.filter((r) => doneAt(facts, done, slot, r) > deadline);
    if (late.length > 0) violations.push(slowRequest(facts, s, late, deadline, bound));
  }
  return violations;
}

/** Why the bound is what it is: the target's, for the largest delay the network took. */
function boundBasis(facts: RunFacts): string {
  return facts.calmDelayMsMax > 0 ? ` (the target's for delays up to ${facts.calmDelayMsMax} ms, the largest a message took)` : '';
}

function slowRequest(facts: RunFacts, s: SubmitFact, late: readonly number[], deadline: number, bound: number): Violation {
  return {
    property: 'timeliness',
    message:
      `request ${s.requestId} of client ${s.client} (${JSON.stringify(s.operation)}, submitted at ${s.timeMs} ms) was not executed by ${replicasText(late)} ` +
      `by ${deadline} ms = submission + timeliness bound ${bound} ms${boundBasis(facts)}, though nothing excused slowness: ${calmText(facts)}`,
    nodes: [s.client, ...late],
    seqs: [],
    values: [s.operation],
    steps: [s.step],
  };
}

/**
 * View changes in the calm: each replica's first move above the lowest view any honest replica sent
 * in (the starting view; a replica whose very first message asks for a later view moved too).
 */
function needlessViewChanges(facts: RunFacts): Violation[] {
  const calm = facts.views.filter((v) => v.timeMs < faultFreeUntil(facts));
  if (calm.length === 0) return [];
  const start = Math.min(...calm.map((v) => v.view));
  const moves = new Map<number, ViewFact>();
  for (const v of calm) if (v.view > start && !moves.has(v.replica)) moves.set(v.replica, v);
  if (moves.size === 0) return [];
  const sorted = [...moves.values()].sort((a, b) => a.step - b.step);
  const first = sorted[0] as ViewFact;
  const last = sorted[sorted.length - 1] as ViewFact;
  const others = sorted.slice(1).map((v) => v.replica);
  return [{
    property: 'timeliness',
    message:
      `replica ${first.replica} moved from view ${start} to view ${first.view} at ${first.timeMs} ms, a needless view change: ${calmText(facts)}` +
      (others.length > 0 ? `; ${replicasText(others)} followed by ${last.timeMs} ms` : ''),
    nodes: sorted.map((v) => v.replica),
    seqs: [],
    values: [],
    steps: sorted.map((v) => v.step),
  }];
}

/**
 * Timeliness: correct but needlessly slow is a finding too. While nothing excuses slowness — every
 * replica running the honest code (faulty ones until their strategy starts, `RunFacts.faultsFromMs`)
 * and the network behaving as after GST (no message lost, duplicated or later than the largest
 * delay after GST, `RunFacts.calmUntilMs`) — every request is executed by every honest replica
 * (with declared views, every honest member of the view at its slot; installed state covering it
 * counts) within the target's tight bound B of its submission, and no honest replica moves to a
 * later view (read through the target's codec). A request is judged when its deadline falls before
 * that stretch ends: until then the run is one an all-honest cluster on a synchronous network could
 * have produced, so nothing that comes later can excuse it; B is the target's bound for the largest
 * delay a message took in it. Nothing after the first fault is judged (what a faulty primary or a
 * lost message may cost is protocol knowledge), nor runs a replica error or a safety tripwire
 * stopped, nor targets without B.
 */
export const timeliness: Property = {
  name: 'timeliness',
  description: 'until the first fault (a faulty replica deviates, the network loses, duplicates or delays a message), requests execute everywhere within the target\'s tight bound and no view changes',
  check(facts) {
    const bound = facts.timelinessBoundMs;
    if (bound === undefined || facts.stopReason === 'replica-error' || facts.stopReason === 'violation') return [];
    return [...slowRequests(facts, bound), ...needlessViewChanges(facts)];
  },
};
