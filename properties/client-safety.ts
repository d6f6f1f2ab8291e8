import type { AcceptFact, ReplyFact } from '../src/sim/facts.js';
import type { Property, Violation } from '../src/property.js';
import { tripleTable, type TripleTable } from './number-keys.js';

/**
 * When an honest replica first replied each (client, request, result). A replica's reply fields are
 * not checked when it sends them: keyed by value only when every reply is well typed (see number-keys.ts).
 */
function firstHonestReplies(replies: readonly ReplyFact[]): TripleTable<number> {
  const first = tripleTable<number>(replies.every((r) => typeof r.client === 'number' && typeof r.requestId === 'number' && typeof r.result === 'string'));
  for (const r of replies) if (first.get(r.client, r.requestId, r.result) === undefined) first.set(r.client, r.requestId, r.result, r.step);
  return first;
}

/**
 * Client safety: a client never accepts a result that no honest replica had sent it for that
 * request by then (accepting on faulty replies alone is the breach, even if honest ones agree later).
 */
export const clientSafety: Property = {
  name: 'client-safety',
  description: 'a client never accepts a result that no honest replica produced for that request',
  check(facts) {
    const firstHonest = firstHonestReplies(facts.replies);
    const violations: Violation[] = [];
    for (const a of facts.accepted) {
      if ((firstHonest.get(a.client, a.requestId, a.result) ?? Number.POSITIVE_INFINITY) <= a.step) continue;
      violations.push({
        property: 'client-safety',
        message: `client ${a.client} accepted ${JSON.stringify(a.result)} for request ${a.requestId}, which no honest replica replied (vouched for by ${a.replicas.join(', ')})`,
        nodes: [a.client, ...a.replicas],
        seqs: [],
        values: [a.result],
        steps: [a.step],
      });
    }
    return violations;
  },
  tripwire() {
    const honest = new Set<string>();
    return (facts, kind) => {
      if (kind === 'reply') {
        const r = facts.replies[facts.replies.length - 1] as ReplyFact;
        honest.add(`${r.client}/${r.requestId}/${r.result}`);
        return false;
      }
      if (kind !== 'accept') return false;
      const a = facts.accepted[facts.accepted.length - 1] as AcceptFact;
      return !honest.has(`${a.client}/${a.requestId}/${a.result}`);
    };
  },
};
