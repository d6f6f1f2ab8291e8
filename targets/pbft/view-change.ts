import type { ClientRequest } from '../../src/adapter/contract.js';
import { NULL_DIGEST, type PrePrepareMsg, type PreparedCert, type ViewChangeMsg } from './messages.js';

/** One PRE-PREPARE the new primary must issue: a prepared request re-proposed, or a null request. */
export interface NewViewEntry {
  readonly seq: number;
  readonly digest: string;
  readonly requests: readonly ClientRequest[];
}

/** The paper's O, with the bounds it was computed from. */
export interface NewViewPlan {
  /** min-s: the latest stable checkpoint in V. */
  readonly minS: number;
  /** max-s: the highest sequence number in a prepared certificate in V (min-s if none is higher). */
  readonly maxS: number;
  /** The VIEW-CHANGE whose checkpoint proof certifies min-s. */
  readonly checkpointSource: ViewChangeMsg | null;
  /** One entry per n in (min-s, max-s], in order. */
  readonly entries: readonly NewViewEntry[];
}

// Highest view wins; equal views cannot carry different digests when at most f are faulty, but a
// fixed tie-break keeps the result a function of V even when they do.
function better(a: PreparedCert, b: PreparedCert): boolean {
  const va = a.prePrepare.view;
  const vb = b.prePrepare.view;
  return va > vb || (va === vb && a.prePrepare.digest < b.prePrepare.digest);
}

/**
 * Computes O from a set V of (already validated) VIEW-CHANGE messages, as in Castro & Liskov:
 * min-s is the latest stable checkpoint in V, max-s the highest prepared sequence number; every
 * n in (min-s, max-s] gets the request of the prepared certificate with the highest view, or the
 * null request when no certificate for n exists. Pure, so primary and backups compute the same O.
 */
export function computeNewViewO(viewChanges: readonly ViewChangeMsg[]): NewViewPlan {
  let minS = 0;
  let checkpointSource: ViewChangeMsg | null = null;
  for (const vc of viewChanges) {
    if (checkpointSource === null || vc.seq > minS) {
      minS = vc.seq;
      checkpointSource = vc;
    }
  }
  const best = new Map<number, PreparedCert>();
  let maxS = minS;
  for (const vc of viewChanges) {
    for (const cert of vc.prepared) {
      const seq = cert.prePrepare.seq;
      if (seq <= minS) continue;
      if (seq > maxS) maxS = seq;
      const known = best.get(seq);
      if (known === undefined || better(cert, known)) best.set(seq, cert);
    }
  }
  const entries: NewViewEntry[] = [];
  for (let seq = minS + 1; seq <= maxS; seq++) {
    const cert = best.get(seq);
    entries.push(cert === undefined
      ? { seq, digest: NULL_DIGEST, requests: [] }
      : { seq, digest: cert.prePrepare.digest, requests: cert.prePrepare.requests });
  }
  return { minS, maxS, checkpointSource, entries };
}

/** True when the PRE-PREPAREs of a NEW-VIEW are exactly O: same sequence numbers and digests, in order. */
export function matchesPlan(prePrepares: readonly PrePrepareMsg[], plan: NewViewPlan): boolean {
  if (prePrepares.length !== plan.entries.length) return false;
  for (let i = 0; i < prePrepares.length; i++) {
    const pp = prePrepares[i] as PrePrepareMsg;
    const e = plan.entries[i] as NewViewEntry;
    if (pp.seq !== e.seq || pp.digest !== e.digest) return false;
  }
  return true;
}
