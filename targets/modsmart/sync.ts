import type { DecisionProof, ProposeMsg, StopDataMsg, WriteCert } from './messages.js';

/** What the synchronization phase decides from a quorum of (validated) STOPDATAs. */
export interface SyncPlan {
  /** The open instance: one above the highest proven decided instance in the set. */
  readonly cid: number;
  /** The value the new leader must re-propose at `cid`, or null when it may propose freely. */
  readonly value: ProposeMsg | null;
  /** The decision proof of `cid − 1` (from the STOPDATA that reported it), for replicas behind; null at cid 1. */
  readonly decided: DecisionProof | null;
}

// Highest regency wins; a fixed tie-break keeps the result a function of the set even when
// Byzantine reports disagree within one regency.
function better(a: ProposeMsg, b: ProposeMsg): boolean {
  return a.reg > b.reg || (a.reg === b.reg && a.digest < b.digest);
}

/**
 * Mod-SMaRt's collect step, computed identically by the new leader and every replica checking its
 * SYNC. Among the reports on the open instance: the accepted value (write certificate) of the
 * highest regency must be re-proposed — a value decided in any regency is certified at f + 1 honest
 * replicas, one of which is in any quorum; failing that, the written value of the highest regency
 * is re-proposed (nothing can have been decided, but a written value is not dropped for nothing);
 * failing that, the leader is free.
 */
export function selectSyncValue(stopData: readonly StopDataMsg[]): SyncPlan {
  let last = 0;
  let decided: DecisionProof | null = null;
  for (const sd of stopData) {
    if (sd.cid > last) {
      last = sd.cid;
      decided = sd.decided;
    }
  }
  let cert: WriteCert | null = null;
  let written: ProposeMsg | null = null;
  for (const sd of stopData) {
    if (sd.cid !== last) continue;
    if (sd.accepted !== null && (cert === null || better(sd.accepted.propose, cert.propose))) cert = sd.accepted;
    for (const p of sd.written) if (written === null || better(p, written)) written = p;
  }
  return { cid: last + 1, value: cert !== null ? cert.propose : written, decided };
}

/** True when a SYNC's PROPOSE is what the plan demands: the plan's value at its instance, or any fresh batch there if free. */
export function proposeMatchesPlan(propose: ProposeMsg | null, plan: SyncPlan): boolean {
  if (plan.value === null) return propose === null || propose.cid === plan.cid;
  return propose !== null && propose.cid === plan.cid && propose.digest === plan.value.digest;
}
