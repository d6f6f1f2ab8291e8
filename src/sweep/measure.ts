/**
 * The seed's success criterion and latency for one trial, read from a run's facts: consensus is
 * reached when every honest replica executed the client's request within the run; latency is the
 * virtual time from the request's submission to the last honest execution. Digest agreement is the
 * seed's `agreed_digest`: every honest replica committed the same value at that sequence number.
 */
import type { RunFacts } from '../sim/facts.js';

/** What one trial measured. */
export interface TrialOutcome {
  readonly success: boolean;
  /** Virtual ms from submission to the last honest execution; null when not successful. */
  readonly latencyMs: number | null;
  /** Honest replicas that executed the request. */
  readonly honestExecuted: number;
  readonly honestTotal: number;
  /** Every honest replica committed the same value (false when not successful). */
  readonly agreed: boolean;
}

/** Measures one finished trial (one request, from the first client). */
export function measureTrial(facts: RunFacts): TrialOutcome {
  const honest = facts.honest.flatMap((h, i) => (h ? [i] : []));
  const submitted = facts.submitted[0];
  const done = new Map<number, { timeMs: number; seq: number }>();
  for (const e of facts.executions) {
    const ours = submitted !== undefined && e.origin?.client === submitted.client && e.origin.requestId === submitted.requestId;
    if (ours && !done.has(e.replica)) done.set(e.replica, { timeMs: e.timeMs, seq: e.seq });
  }
  const executed = honest.filter((r) => done.has(r));
  const success = submitted !== undefined && honest.length > 0 && executed.length === honest.length;
  if (!success) return { success, latencyMs: null, honestExecuted: executed.length, honestTotal: honest.length, agreed: false };
  const last = Math.max(...executed.map((r) => (done.get(r) as { timeMs: number }).timeMs));
  const values = new Set<string>();
  for (const r of executed) {
    const seq = (done.get(r) as { seq: number }).seq;
    for (const c of facts.commits) if (c.replica === r && c.seq === seq) values.add(c.value);
  }
  return { success, latencyMs: last - submitted.timeMs, honestExecuted: executed.length, honestTotal: honest.length, agreed: values.size === 1 };
}
