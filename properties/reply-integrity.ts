import type { ExecuteFact, ReplyFact, RunFacts } from '../src/sim/facts.js';
import type { Property, Violation } from '../src/property.js';
import { tripleTable, type TripleTable } from './number-keys.js';

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

/** Each replica's executions of each request, keyed like the replies that ask for them (see number-keys.ts). */
function executionsByRequest(facts: RunFacts, byValue: boolean): TripleTable<ExecuteFact[]> {
  const out = tripleTable<ExecuteFact[]>(byValue);
  for (const e of facts.executions) {
    if (e.origin === undefined) continue;
    const list = out.get(e.replica, e.origin.client, e.origin.requestId);
    if (list === undefined) out.set(e.replica, e.origin.client, e.origin.requestId, [e]);
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
    // A reply's fields are not checked when a replica sends it: keyed by value only when well typed.
    const byValue = facts.replies.every((r) => typeof r.client === 'number' && typeof r.requestId === 'number');
    const executions = executionsByRequest(facts, byValue);
    const violations: Violation[] = [];
    const reported = tripleTable<true>(byValue);
    for (const r of facts.replies) {
      const e = executionFor(r, executions.get(r.replica, r.client, r.requestId));
      if (e === undefined || e.result === r.result || reported.get(r.replica, r.client, r.requestId) === true) continue;
      reported.set(r.replica, r.client, r.requestId, true);
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
