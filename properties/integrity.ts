import type { ExecuteFact } from '../src/sim/facts.js';
import type { Property, Violation } from '../src/property.js';
import { TripleMap } from './number-keys.js';

/** Integrity: no honest replica executes the same client request twice (judged on executions that name their origin). */
export const integrity: Property = {
  name: 'integrity',
  description: 'no honest replica executes the same client request twice',
  check(facts) {
    const seen = new TripleMap<number, number, number, ExecuteFact>();
    const violations: Violation[] = [];
    for (const e of facts.executions) {
      if (e.origin === undefined) continue;
      const first = seen.get(e.replica, e.origin.client, e.origin.requestId);
      if (first === undefined) {
        seen.set(e.replica, e.origin.client, e.origin.requestId, e);
        continue;
      }
      violations.push({
        property: 'integrity',
        message: `replica ${e.replica} executed request ${e.origin.requestId} of client ${e.origin.client} twice, at seq ${first.seq} and seq ${e.seq}`,
        nodes: [e.replica, e.origin.client],
        seqs: [first.seq, e.seq],
        values: [first.operation, e.operation],
        steps: [first.step, e.step],
      });
    }
    return violations;
  },
  tripwire() {
    const seen = new Set<string>();
    return (facts, kind) => {
      if (kind !== 'execute') return false;
      const e = facts.executions[facts.executions.length - 1] as ExecuteFact;
      if (e.origin === undefined) return false;
      const key = `${e.replica}/${e.origin.client}/${e.origin.requestId}`;
      if (seen.has(key)) return true;
      seen.add(key);
      return false;
    };
  },
};
