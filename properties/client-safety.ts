import type { AcceptFact, ReplyFact } from '../src/sim/facts.js';
import type { Property, Violation } from '../src/property.js';

/**
 * Client safety: a client never accepts a result that no honest replica had sent it for that
 * request by then (accepting on faulty replies alone is the breach, even if honest ones agree later).
 */
export const clientSafety: Property = {
  name: 'client-safety',
  description: 'a client never accepts a result that no honest replica produced for that request',
  check(facts) {
    const firstHonest = new Map<string, number>();
    for (const r of facts.replies) {
      const key = `${r.client}/${r.requestId}/${r.result}`;
      if (!firstHonest.has(key)) firstHonest.set(key, r.step);
    }
    const violations: Violation[] = [];
    for (const a of facts.accepted) {
      if ((firstHonest.get(`${a.client}/${a.requestId}/${a.result}`) ?? Number.POSITIVE_INFINITY) <= a.step) continue;
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
