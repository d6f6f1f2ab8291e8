import type { Property, Violation } from '../src/property.js';

/** Client safety: a client never accepts a result that no honest replica sent it for that request. */
export const clientSafety: Property = {
  name: 'client-safety',
  description: 'a client never accepts a result that no honest replica produced for that request',
  check(facts) {
    const honestResults = new Set<string>();
    for (const r of facts.replies) honestResults.add(`${r.client}/${r.requestId}/${r.result}`);
    const violations: Violation[] = [];
    for (const a of facts.accepted) {
      if (honestResults.has(`${a.client}/${a.requestId}/${a.result}`)) continue;
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
};
