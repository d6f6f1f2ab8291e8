import type { ExecuteFact } from '../src/sim/facts.js';
import type { Property, Violation } from '../src/property.js';
import { executionsAheadOfDecisions } from './decided-prefix.js';

function operationsAt(executions: readonly ExecuteFact[]): Map<number, ExecuteFact[]> {
  const bySeq = new Map<number, ExecuteFact[]>();
  for (const e of executions) {
    const list = bySeq.get(e.seq);
    if (list === undefined) bySeq.set(e.seq, [e]);
    else list.push(e);
  }
  return bySeq;
}

/**
 * Total order: honest execution logs are prefixes of one another. A replica that caught up by state
 * transfer legitimately skips executing what the checkpoint covers, so logs are compared slot by
 * slot: each replica executes slots in increasing order, and every replica that executed a slot
 * executed the same operations there, in the same order; and no replica executes a slot before it
 * has decided (committed, or installed by state transfer) every slot below it.
 */
export const totalOrder: Property = {
  name: 'total-order',
  description: 'honest execution logs are prefixes of one another (slot by slot, so state-transfer gaps are allowed) and no slot is executed before every slot below it is decided',
  check(facts) {
    const violations: Violation[] = [];
    const perReplica = new Map<number, ExecuteFact[]>();
    for (const e of facts.executions) {
      const log = perReplica.get(e.replica);
      if (log === undefined) perReplica.set(e.replica, [e]);
      else log.push(e);
    }
    const reference = new Map<number, { replica: number; ops: ExecuteFact[] }>();
    for (const [replica, log] of perReplica) {
      for (let i = 1; i < log.length; i++) {
        const prev = log[i - 1] as ExecuteFact;
        const cur = log[i] as ExecuteFact;
        if (cur.seq < prev.seq) {
          violations.push({
            property: 'total-order', message: `replica ${replica} executed seq ${cur.seq} after seq ${prev.seq}`,
            nodes: [replica], seqs: [prev.seq, cur.seq], values: [prev.operation, cur.operation], steps: [prev.step, cur.step],
          });
        }
      }
      for (const [seq, ops] of operationsAt(log)) {
        const ref = reference.get(seq);
        if (ref === undefined) {
          reference.set(seq, { replica, ops });
          continue;
        }
        const a = ref.ops.map((e) => e.operation);
        const b = ops.map((e) => e.operation);
        if (a.length === b.length && a.every((op, k) => op === b[k])) continue;
        violations.push({
          property: 'total-order',
          message: `replicas ${ref.replica} and ${replica} executed different operations at seq ${seq}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`,
          nodes: [ref.replica, replica], seqs: [seq], values: [a.join(' | '), b.join(' | ')],
          steps: [(ref.ops[0] as ExecuteFact).step, (ops[0] as ExecuteFact).step],
        });
      }
    }
    violations.push(...executionsAheadOfDecisions(facts));
    return violations;
  },
  tripwire() {
    // Trips only on a definite breach: a slot executed after a later one, or a different operation
    // at a position of a slot that another replica already filled.
    const lastSeq = new Map<number, number>();
    const slots = new Map<number, { owner: number; ops: string[] }>();
    const counts = new Map<string, number>();
    return (facts, kind) => {
      if (kind !== 'execute') return false;
      const e = facts.executions[facts.executions.length - 1] as ExecuteFact;
      const prev = lastSeq.get(e.replica);
      lastSeq.set(e.replica, e.seq);
      if (prev !== undefined && e.seq < prev) return true;
      const key = `${e.replica}/${e.seq}`;
      const position = counts.get(key) ?? 0;
      counts.set(key, position + 1);
      const slot = slots.get(e.seq);
      if (slot === undefined) {
        slots.set(e.seq, { owner: e.replica, ops: [e.operation] });
        return false;
      }
      if (slot.owner === e.replica) {
        slot.ops.push(e.operation);
        return false;
      }
      const expected = slot.ops[position];
      return expected !== undefined && expected !== e.operation;
    };
  },
};
