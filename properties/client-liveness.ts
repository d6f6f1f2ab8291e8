import type { Property, Violation } from '../src/property.js';
import type { AcceptFact, RunFacts, SubmitFact } from '../src/sim/facts.js';

/**
 * How long after max(submission, GST) a client may wait for its result: the liveness bound B for
 * every honest replica to execute the request, then one retransmission period (the client asks
 * again, replicas that executed it resend their replies) and one more for the delays of that round
 * trip. Without a known period, B stands in for it (a client that retransmits less often than the
 * bound allows a request to take would make any bound meaningless).
 */
export function clientDeadlineMs(facts: RunFacts, s: SubmitFact): number {
  const bound = facts.livenessBoundMs ?? Number.POSITIVE_INFINITY;
  const period = facts.clientRetransmitMs ?? bound;
  return Math.max(s.timeMs, facts.gstMs) + bound + 2 * period;
}

/** Whether the run meets liveness's premise: a bound, ≤ f faulty, a reliable network after GST, no error or tripwire stop, no declared views. */
function premiseHolds(facts: RunFacts): boolean {
  const faulty = facts.honest.filter((h) => !h).length;
  // With reconfiguration a client's fixed quorum may outlive the members who could answer it: not judged.
  return facts.livenessBoundMs !== undefined && faulty <= facts.f && facts.lostAfterGst === 0 && facts.memberships.length === 0 &&
    facts.stopReason !== 'replica-error' && facts.stopReason !== 'violation';
}

function unanswered(facts: RunFacts, s: SubmitFact, deadline: number, accept: AcceptFact | undefined): Violation {
  const late = accept === undefined ? 'never accepted a result for it' : `accepted its result only at ${accept.timeMs} ms`;
  const executed = new Set(facts.executions.filter((e) => e.origin?.client === s.client && e.origin.requestId === s.requestId).map((e) => e.replica));
  const replied = new Set(facts.replies.filter((r) => r.client === s.client && r.requestId === s.requestId).map((r) => r.replica));
  return {
    property: 'client-liveness',
    message:
      `client ${s.client} submitted request ${s.requestId} (${JSON.stringify(s.operation)}) at ${s.timeMs} ms and ${late}, past ${deadline} ms = ` +
      `max(submission, GST ${facts.gstMs} ms) + bound ${facts.livenessBoundMs ?? '?'} ms + two retransmission periods; ` +
      `${executed.size} honest replica${executed.size === 1 ? '' : 's'} executed it and ${replied.size} replied` +
      (accept === undefined ? ', so the client never submitted any later request' : ''),
    nodes: [s.client, ...[...executed].sort((a, b) => a - b)],
    seqs: [],
    values: [s.operation],
    steps: [s.step, ...(accept === undefined ? [] : [accept.step])],
  };
}

/**
 * Client liveness: with ≤ f faulty replicas and a reliable network after GST, every request a
 * client submits is accepted by that client (f+1 matching replies) within the liveness bound of
 * max(submission, GST) plus two of its retransmission periods. Liveness judges executions at the
 * replicas; this judges what the client sees, which is what makes it submit its next request: a
 * replica that executes but never resends a reply lost before GST leaves its client waiting for
 * ever, and every later request of that client is never submitted, so no other property sees it.
 * A deadline after the run's end is not judged unless the run went quiet.
 */
export const clientLiveness: Property = {
  name: 'client-liveness',
  description: 'with ≤ f faulty replicas, every submitted request is accepted by its client within the liveness bound (plus two retransmissions) after GST',
  check(facts) {
    if (!premiseHolds(facts)) return [];
    const accepted = new Map<string, AcceptFact>();
    for (const a of facts.accepted) if (!accepted.has(`${a.client}/${a.requestId}`)) accepted.set(`${a.client}/${a.requestId}`, a);
    const violations: Violation[] = [];
    for (const s of facts.submitted) {
      const deadline = clientDeadlineMs(facts, s);
      const accept = accepted.get(`${s.client}/${s.requestId}`);
      if (accept !== undefined && accept.timeMs <= deadline) continue;
      if (accept === undefined && facts.stopReason !== 'quiescent' && facts.endTimeMs < deadline) continue;
      violations.push(unanswered(facts, s, deadline, accept));
    }
    return violations;
  },
};
