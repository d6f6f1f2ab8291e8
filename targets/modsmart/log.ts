import type { AcceptMsg, DecisionProof, ProposeMsg, WriteCert, WriteMsg } from './messages.js';
import type { VoteMap } from './quorum.js';

/** The agreement state of one consensus instance in the current regency. */
export class Instance {
  /** The accepted PROPOSE (or the SYNC's), or null until one arrives. */
  propose: ProposeMsg | null = null;
  /** WRITEs received (possibly before the PROPOSE, possibly with other hashes). */
  readonly writes: VoteMap<WriteMsg> = new Map();
  /** ACCEPTs received. */
  readonly accepts: VoteMap<AcceptMsg> = new Map();
  /** Set once this replica sent its WRITE. */
  wrote = false;
  /** Set once this replica saw a write quorum and sent its ACCEPT. */
  accepted = false;
  /** Set once a quorum of ACCEPTs decided it. */
  decided = false;

  /** Instance `cid` of regency `reg`. */
  constructor(readonly reg: number, readonly cid: number) {}
}

/**
 * What a replica remembers of the open instance across regencies, for its STOPDATA: the proposals
 * it wrote (one per regency, latest last) and its highest-regency write certificate.
 */
export class OpenRecord {
  readonly written: ProposeMsg[] = [];
  accepted: WriteCert | null = null;

  /** Remembers a written proposal, keeping the `keep` most recent regencies. */
  recordWritten(p: ProposeMsg, keep: number): void {
    if (this.written.some((w) => w.reg === p.reg)) return;
    this.written.push(p);
    if (this.written.length > keep) this.written.shift();
  }

  /** Keeps the write certificate of the highest regency. */
  recordAccepted(cert: WriteCert): void {
    if (this.accepted === null || this.accepted.propose.reg <= cert.propose.reg) this.accepted = cert;
  }
}

/** Decision proofs by instance: what DECIDED and STOPDATA carry; old ones are garbage-collected. */
export class DecisionLog {
  private readonly proofs = new Map<number, DecisionProof>();

  /** Stores the proof of an instance (first one wins: all are for the same value). */
  set(proof: DecisionProof): void {
    if (!this.proofs.has(proof.propose.cid)) this.proofs.set(proof.propose.cid, proof);
  }

  /** Forgets the proof of instance `cid`: one counted under a view that a reconfiguration has since replaced. */
  delete(cid: number): void {
    this.proofs.delete(cid);
  }

  /** The proof of instance `cid`, if kept. */
  get(cid: number): DecisionProof | undefined {
    return this.proofs.get(cid);
  }

  /** True when proofs for every instance in [from, to] are at hand. */
  hasChain(from: number, to: number): boolean {
    for (let cid = from; cid <= to; cid++) if (!this.proofs.has(cid)) return false;
    return true;
  }

  /** Forgets proofs below `below`, but always keeps `keep` (the stable checkpoint's, for state transfer). */
  collectGarbage(below: number, keep: number): void {
    for (const cid of this.proofs.keys()) if (cid < below && cid !== keep) this.proofs.delete(cid);
  }
}
