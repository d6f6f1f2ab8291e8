import type { NodeId } from '../src/adapter/contract.js';
import type { ExecuteFact, RunFacts } from '../src/sim/facts.js';
import type { Violation } from '../src/property.js';

/** What a replica had decided (committed or installed by state transfer) up to an execution. */
interface Decision {
  readonly seq: number;
  readonly step: number;
  readonly install: boolean;
}

function decisionsByReplica(facts: RunFacts): Map<NodeId, Decision[]> {
  const by = new Map<NodeId, Decision[]>();
  const add = (replica: NodeId, d: Decision): void => {
    const list = by.get(replica);
    if (list === undefined) by.set(replica, [d]);
    else list.push(d);
  };
  for (const c of facts.commits) add(c.replica, { seq: c.seq, step: c.step, install: false });
  for (const i of facts.installs) add(i.replica, { seq: i.seq, step: i.step, install: true });
  for (const list of by.values()) list.sort((a, b) => a.step - b.step);
  return by;
}

/**
 * Executions ahead of a gap: a replica that reports its decisions must not execute slot s before it
 * has decided every slot below s (by its own commits, or a state transfer covering them). Comparing
 * logs slot by slot lets state-transfer gaps pass; this closes that gap for replicas that skip a
 * slot they never decided. Replicas that report no decisions at all are not judged.
 */
export function executionsAheadOfDecisions(facts: RunFacts): Violation[] {
  const decisions = decisionsByReplica(facts);
  const state = new Map<NodeId, { next: number; upTo: number; committed: Set<number>; reported: boolean }>();
  const violations: Violation[] = [];
  for (const e of facts.executions) {
    const list = decisions.get(e.replica);
    if (list === undefined) continue;
    let s = state.get(e.replica);
    if (s === undefined) state.set(e.replica, (s = { next: 0, upTo: 0, committed: new Set(), reported: false }));
    for (; s.next < list.length && (list[s.next] as Decision).step <= e.step; s.next++) {
      const d = list[s.next] as Decision;
      if (d.install) s.upTo = Math.max(s.upTo, d.seq);
      else s.committed.add(d.seq);
    }
    while (s.committed.has(s.upTo + 1)) s.upTo++;
    if (e.seq <= s.upTo + 1 || s.reported) continue;
    s.reported = true;
    violations.push(gapViolation(e, s.upTo));
  }
  return violations;
}

function gapViolation(e: ExecuteFact, upTo: number): Violation {
  return {
    property: 'total-order',
    message: `replica ${e.replica} executed seq ${e.seq} before it had decided seq ${upTo + 1} (decided up to ${upTo})`,
    nodes: [e.replica], seqs: [upTo + 1, e.seq], values: [e.operation], steps: [e.step],
  };
}
