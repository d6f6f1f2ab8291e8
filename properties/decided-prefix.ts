import type { NodeId } from '../src/adapter/contract.js';
import type { CommitFact, ExecuteFact, InstallFact, RunFacts } from '../src/sim/facts.js';
import type { Violation } from '../src/property.js';

/** A replica's decisions: its commits and its installs, each in step order, merged as they are walked. */
interface Decisions {
  readonly commits: CommitFact[];
  readonly installs: InstallFact[];
}

function decisionsByReplica(facts: RunFacts): Map<NodeId, Decisions> {
  const by = new Map<NodeId, Decisions>();
  const of = (replica: NodeId): Decisions => {
    let d = by.get(replica);
    if (d === undefined) by.set(replica, (d = { commits: [], installs: [] }));
    return d;
  };
  // A run records facts in step order; hand-built facts may not be: those are sorted (stably, so
  // equal steps keep their order), which is what the walk below needs.
  let sorted = true;
  let last = -Infinity;
  for (const c of facts.commits) {
    of(c.replica).commits.push(c);
    if (!(c.step >= last)) sorted = false;
    last = c.step;
  }
  last = -Infinity;
  for (const i of facts.installs) {
    of(i.replica).installs.push(i);
    if (!(i.step >= last)) sorted = false;
    last = i.step;
  }
  if (!sorted) {
    for (const d of by.values()) {
      d.commits.sort((a, b) => a.step - b.step);
      d.installs.sort((a, b) => a.step - b.step);
    }
  }
  return by;
}

/** Where the walk over one replica's decisions stands. */
interface Walk {
  nextCommit: number;
  nextInstall: number;
  upTo: number;
  readonly committed: Set<number>;
  reported: boolean;
}

/**
 * Takes in a replica's decisions made up to `step`, commits before installs of the same step (the
 * order of one list of commits then installs sorted stably by step).
 */
function takeDecisions(d: Decisions, s: Walk, step: number): void {
  for (;;) {
    const c = d.commits[s.nextCommit];
    const i = d.installs[s.nextInstall];
    const commitNext = c !== undefined && c.step <= step && (i === undefined || c.step <= i.step);
    if (commitNext) {
      s.committed.add(c.seq);
      s.nextCommit++;
    } else if (i !== undefined && i.step <= step) {
      s.upTo = Math.max(s.upTo, i.seq);
      s.nextInstall++;
    } else return;
  }
}

/**
 * Executions ahead of a gap: a replica that reports its decisions must not execute slot s before it
 * has decided every slot below s (by its own commits, or a state transfer covering them). Comparing
 * logs slot by slot lets state-transfer gaps pass; this closes that gap for replicas that skip a
 * slot they never decided. Replicas that report no decisions at all are not judged.
 */
export function executionsAheadOfDecisions(facts: RunFacts): Violation[] {
  const decisions = decisionsByReplica(facts);
  const state = new Map<NodeId, Walk>();
  const violations: Violation[] = [];
  for (const e of facts.executions) {
    const d = decisions.get(e.replica);
    if (d === undefined) continue;
    let s = state.get(e.replica);
    if (s === undefined) state.set(e.replica, (s = { nextCommit: 0, nextInstall: 0, upTo: 0, committed: new Set(), reported: false }));
    takeDecisions(d, s, e.step);
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
