import type { CommitFact, ExecuteFact, FactKind, InstallFact, RunFacts } from '../src/sim/facts.js';
import type { Property, Tripwire, Violation } from '../src/property.js';
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

/** The same operations in the same order (no lists of them built for the common, passing, case). */
function sameOperations(a: readonly ExecuteFact[], b: readonly ExecuteFact[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if ((a[k] as ExecuteFact).operation !== (b[k] as ExecuteFact).operation) return false;
  return true;
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
        if (sameOperations(ref.ops, ops)) continue;
        const a = ref.ops.map((e) => e.operation);
        const b = ops.map((e) => e.operation);
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
    // Trips only on a definite breach: a slot executed after a later one, a different operation
    // at a position of a slot that another replica already filled, or a slot executed ahead of the
    // replica's decisions (confirmed once a later step begins, see aheadOfDecisions).
    const logs = logTripwire();
    const ahead = aheadOfDecisionsTripwire();
    return (facts, kind) => ahead(facts, kind) || (kind === 'execute' && logs(facts, kind));
  },
};

function logTripwire(): Tripwire {
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
}

/** Step of the newest fact of `kind`. */
function lastStep(facts: RunFacts, kind: FactKind): number {
  const list: readonly { step: number }[] =
    kind === 'commit' ? facts.commits : kind === 'execute' ? facts.executions : kind === 'reply' ? facts.replies : kind === 'submit' ? facts.submitted : facts.accepted;
  return list[list.length - 1]?.step ?? -1;
}

/**
 * The decided-prefix half of total order, incrementally. check() counts every decision made in the
 * same step as an execution as made before it, so an execution that runs ahead of its replica's
 * commits is only suspect until that step ends: the tripwire remembers it and, at the first fact
 * of a later step, trips if the exact check confirms the gap (decisions made later never excuse an
 * earlier execution, so the breach is then final).
 */
function aheadOfDecisionsTripwire(): Tripwire {
  // Per replica: the slots it committed, and the slot up to which every one is decided.
  const committed = new Map<number, Set<number>>();
  const upTo = new Map<number, number>();
  let installsSeen = 0;
  let suspectStep = -1;
  const advance = (replica: number, from: number): void => {
    const seqs = committed.get(replica);
    let top = from;
    while (seqs?.has(top + 1) === true) top++;
    upTo.set(replica, top);
  };
  return (facts, kind) => {
    const step = lastStep(facts, kind);
    if (suspectStep >= 0 && step > suspectStep) {
      suspectStep = -1;
      if (executionsAheadOfDecisions(facts).length > 0) return true;
    }
    for (; installsSeen < facts.installs.length; installsSeen++) {
      const i = facts.installs[installsSeen] as InstallFact;
      advance(i.replica, Math.max(upTo.get(i.replica) ?? 0, i.seq));
    }
    if (kind === 'commit') {
      const c = facts.commits[facts.commits.length - 1] as CommitFact;
      let seqs = committed.get(c.replica);
      if (seqs === undefined) committed.set(c.replica, (seqs = new Set()));
      seqs.add(c.seq);
      advance(c.replica, upTo.get(c.replica) ?? 0);
    } else if (kind === 'execute') {
      const e = facts.executions[facts.executions.length - 1] as ExecuteFact;
      if (e.seq > (upTo.get(e.replica) ?? 0) + 1 && suspectStep < 0) suspectStep = e.step;
    }
    return false;
  };
}
