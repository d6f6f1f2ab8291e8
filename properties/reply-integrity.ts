import type { ExecuteFact, ReplyFact, RunFacts } from '../src/sim/facts.js';
import type { Property, Violation } from '../src/property.js';

/** The key of a request as one replica handled it. */
const keyOf = (replica: number, client: number, requestId: number): string => `${replica}/${client}/${requestId}`;

/**
 * The execution a reply should carry the result of: the replica's latest execution of the request
 * before the reply, else its first one after (a reply sent ahead of its execution).
 */
function executionFor(reply: ReplyFact, executions: readonly ExecuteFact[] | undefined): ExecuteFact | undefined {
  if (executions === undefined) return undefined;
  let before: ExecuteFact | undefined;
  for (const e of executions) if (e.step <= reply.step) before = e;
  return before ?? executions[0];
}

function executionsByRequest(facts: RunFacts): Map<string, ExecuteFact[]> {
  const out = new Map<string, ExecuteFact[]>();
  for (const e of facts.executions) {
    if (e.origin === undefined) continue;
    const key = keyOf(e.replica, e.origin.client, e.origin.requestId);
    const list = out.get(key);
    if (list === undefined) out.set(key, [e]);
    else list.push(e);
  }
  return out;
}

/**
 * Reply integrity: a reply an honest replica sends for (client, requestId) carries the result that
 * same replica recorded when it executed that request. Judged only where the replica executed it
 * (one that installed the state instead may answer from a transferred reply cache). Every honest
 * replica sending the same wrong result slips past client-safety; this catches it at the source.
 */
export const replyIntegrity: Property = {
  name: 'reply-integrity',
  description: 'a reply an honest replica sends carries the result it recorded when it executed that request',
  check(facts) {
    const executions = executionsByRequest(facts);
    const violations: Violation[] = [];
    const reported = new Set<string>();
    for (const r of facts.replies) {
      const key = keyOf(r.replica, r.client, r.requestId);
      const e = executionFor(r, executions.get(key));
      if (e === undefined || e.result === r.result || reported.has(key)) continue;
      reported.add(key);
      const when = e.step > r.step ? ', which it executed only later' : '';
      violations.push({
        property: 'reply-integrity',
        message: `replica ${r.replica} replied ${JSON.stringify(r.result)} to request ${r.requestId} of client ${r.client}${when}, but its execution at seq ${e.seq} gave ${JSON.stringify(e.result)}`,
        nodes: [r.replica, r.client],
        seqs: [e.seq],
        values: [r.result, e.result],
        steps: [r.step, e.step],
      });
    }
    return violations;
  },
};
