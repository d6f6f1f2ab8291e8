import type { ExecuteFact, SubmitFact } from '../src/sim/facts.js';
import type { Property, Violation } from '../src/property.js';
import { PairMap } from './number-keys.js';

/**
 * Validity: every operation an honest replica executes was submitted by a client — Byzantine
 * replicas cannot invent client operations. With an origin, the exact (client, request) must have
 * submitted exactly that operation; without one, some client must have submitted it.
 */
export const validity: Property = {
  name: 'validity',
  description: 'every executed operation was submitted by a client (with that client and request id when the replica says)',
  check(facts) {
    const byRequest = new PairMap<number, number, string>();
    const operations = new Set<string>();
    for (const s of facts.submitted) {
      byRequest.set(s.client, s.requestId, s.operation);
      operations.add(s.operation);
    }
    const violations: Violation[] = [];
    for (const e of facts.executions) {
      const submitted = e.origin === undefined ? undefined : byRequest.get(e.origin.client, e.origin.requestId);
      const valid = e.origin === undefined ? operations.has(e.operation) : submitted === e.operation;
      if (valid) continue;
      const claim = e.origin === undefined ? '' : ` as request ${e.origin.requestId} of client ${e.origin.client}`;
      const truth = submitted === undefined ? 'no client submitted it' : `that request was ${JSON.stringify(submitted)}`;
      violations.push({
        property: 'validity',
        message: `replica ${e.replica} executed ${JSON.stringify(e.operation)} at seq ${e.seq}${claim}, but ${truth}`,
        nodes: [e.replica, ...(e.origin === undefined ? [] : [e.origin.client])],
        seqs: [e.seq],
        values: [e.operation],
        steps: [e.step],
      });
    }
    return violations;
  },
  tripwire() {
    const byRequest = new Map<string, string>();
    const operations = new Set<string>();
    return (facts, kind) => {
      if (kind === 'submit') {
        const s = facts.submitted[facts.submitted.length - 1] as SubmitFact;
        byRequest.set(`${s.client}/${s.requestId}`, s.operation);
        operations.add(s.operation);
        return false;
      }
      if (kind !== 'execute') return false;
      const e = facts.executions[facts.executions.length - 1] as ExecuteFact;
      return e.origin === undefined ? !operations.has(e.operation) : byRequest.get(`${e.origin.client}/${e.origin.requestId}`) !== e.operation;
    };
  },
};
