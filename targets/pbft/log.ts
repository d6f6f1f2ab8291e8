import type { NodeId } from '../../src/adapter/contract.js';
import type { CommitMsg, PrePrepareMsg, PrepareMsg, PreparedCert } from './messages.js';

/** What vote counting reads from a PREPARE or COMMIT. */
export interface Vote {
  readonly digest: string;
  readonly sender: NodeId;
}

/** Votes of one kind at one slot, keyed by sender so each replica counts once. */
export type VoteMap<V extends Vote> = Map<number, V>;

/** A committed certificate: the PRE-PREPARE and 2f+1 matching COMMITs; proof for lagging replicas. */
export interface CommittedCert {
  readonly prePrepare: PrePrepareMsg;
  readonly commits: readonly CommitMsg[];
}

/** The agreement state of one sequence number in the current view. */
export class Slot {
  /** The accepted PRE-PREPARE, or null until one arrives. */
  prePrepare: PrePrepareMsg | null = null;
  /** PREPAREs received (possibly before the PRE-PREPARE, possibly with other digests). */
  readonly prepares: VoteMap<PrepareMsg> = new Map();
  /** COMMITs received. */
  readonly commits: VoteMap<CommitMsg> = new Map();
  /** Set once prepared(m, v, n, i) held and this replica sent its COMMIT. */
  prepared = false;
  /** Set once committed-local(m, v, n, i) held. */
  committed = false;

  /** A slot of view `view` for sequence number `seq`. */
  constructor(readonly view: number, readonly seq: number) {}
}

/** Number of votes for `digest` from senders other than `excluded`. */
export function countMatching<V extends Vote>(votes: VoteMap<V>, digest: string, excluded: NodeId): number {
  let count = 0;
  for (const v of votes.values()) if (v.digest === digest && v.sender !== excluded) count++;
  return count;
}

/** The votes for `digest` from senders other than `excluded`, in arrival order. */
export function matchingVotes<V extends Vote>(votes: VoteMap<V>, digest: string, excluded: NodeId): V[] {
  const out: V[] = [];
  for (const v of votes.values()) if (v.digest === digest && v.sender !== excluded) out.push(v);
  return out;
}

function dropUpTo<T>(map: Map<number, T>, seq: number): void {
  for (const key of map.keys()) if (key <= seq) map.delete(key);
}

/**
 * The message log: slots of the current view (discarded at a view change, since messages of old
 * views are no longer accepted) and the certificates that must outlive a view — the prepared
 * certificates a VIEW-CHANGE reports and the committed ones that let peers catch up.
 */
export class MessageLog {
  private slots = new Map<number, Slot>();
  /** For each seq above the stable checkpoint: the prepared certificate of the highest view. */
  readonly preparedCerts = new Map<number, PreparedCert>();
  /** For each seq above the stable checkpoint: a committed certificate, once one is known. */
  readonly commitCerts = new Map<number, CommittedCert>();

  /** The slot for `seq` in `view` (the current view), created on first use. */
  slot(view: number, seq: number): Slot {
    let s = this.slots.get(seq);
    if (s === undefined || s.view !== view) {
      s = new Slot(view, seq);
      this.slots.set(seq, s);
    }
    return s;
  }

  /** The slot for `seq`, if any message for it arrived in the current view. */
  find(seq: number): Slot | undefined {
    return this.slots.get(seq);
  }

  /** Forgets every slot: called when entering a new view. */
  clearSlots(): void {
    this.slots = new Map();
  }

  /** Records the prepared certificate of `seq`; a later view replaces an earlier one. */
  recordPrepared(cert: PreparedCert): void {
    const seq = cert.prePrepare.seq;
    const old = this.preparedCerts.get(seq);
    if (old === undefined || old.prePrepare.view <= cert.prePrepare.view) this.preparedCerts.set(seq, cert);
  }

  /** Prepared certificates above `stable`, in sequence order: the P of a VIEW-CHANGE. */
  preparedAbove(stable: number): PreparedCert[] {
    const out: PreparedCert[] = [];
    for (const [seq, cert] of this.preparedCerts) if (seq > stable) out.push(cert);
    return out.sort((a, b) => a.prePrepare.seq - b.prePrepare.seq);
  }

  /**
   * Garbage-collects the slots and prepared certificates at or below a new stable checkpoint.
   * Committed certificates are kept `history` sequence numbers longer: they let a lagging replica
   * re-execute what it missed instead of jumping over it by state transfer.
   */
  collectGarbage(stable: number, history: number): void {
    dropUpTo(this.slots, stable);
    dropUpTo(this.preparedCerts, stable);
    dropUpTo(this.commitCerts, stable - history);
  }

  /** True when committed certificates for every seq in [from, to] are at hand. */
  hasCommitChain(from: number, to: number): boolean {
    for (let seq = from; seq <= to; seq++) if (!this.commitCerts.has(seq)) return false;
    return true;
  }
}
