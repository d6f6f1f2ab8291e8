import type { NodeId } from '../../src/adapter/contract.js';
import { countMatching, matchingVotes, type VoteMap } from './log.js';
import type { CheckpointMsg } from './messages.js';

/** The latest stable checkpoint: its proof, and the state itself when this replica holds it. */
export interface StableCheckpoint {
  readonly seq: number;
  readonly digest: string;
  /** 2f+1 matching CHECKPOINT messages; empty for the genesis checkpoint at seq 0. */
  readonly proof: readonly CheckpointMsg[];
  /** The snapshot text, or null while it still has to be fetched from peers. */
  readonly snapshot: string | null;
}

/**
 * The digest a checkpoint proof certifies for `seq`: some digest carried by at least `quorum`
 * messages from distinct senders that pass `valid` (signature and sender checks), else null.
 */
export function certifiedDigest(
  proof: readonly CheckpointMsg[], seq: number, quorum: number, valid: (m: CheckpointMsg) => boolean,
): string | null {
  const seen = new Set<NodeId>();
  const counts = new Map<string, number>();
  for (const m of proof) {
    if (m.seq !== seq || seen.has(m.sender) || !valid(m)) continue;
    seen.add(m.sender);
    const c = (counts.get(m.digest) ?? 0) + 1;
    if (c >= quorum) return m.digest;
    counts.set(m.digest, c);
  }
  return null;
}

const NO_CHECKPOINTS: readonly { readonly seq: number; readonly digest: string }[] = Object.freeze([]);

/** Checkpoint bookkeeping: votes by seq, this replica's own snapshots, and the stable checkpoint. */
export class CheckpointStore {
  private current: StableCheckpoint;
  private readonly votes = new Map<number, VoteMap<CheckpointMsg>>();
  private readonly own = new Map<number, { readonly digest: string; readonly snapshot: string }>();

  /** Starts from the genesis checkpoint: seq 0 with the initial state. */
  constructor(genesisSnapshot: string, genesisDigest: string) {
    this.current = { seq: 0, digest: genesisDigest, proof: [], snapshot: genesisSnapshot };
  }

  /** The latest stable checkpoint (the low watermark h is its seq). */
  get stable(): StableCheckpoint {
    return this.current;
  }

  /** Stores a CHECKPOINT vote (first per sender per seq) and returns the votes for its seq. */
  addVote(m: CheckpointMsg): VoteMap<CheckpointMsg> {
    let v = this.votes.get(m.seq);
    if (v === undefined) {
      v = new Map();
      this.votes.set(m.seq, v);
    }
    if (!v.has(m.sender)) v.set(m.sender, m);
    return v;
  }

  /** Number of distinct senders that vouched for (`seq`, `digest`). */
  count(seq: number, digest: string): number {
    const v = this.votes.get(seq);
    return v === undefined ? 0 : countMatching(v, digest, -1);
  }

  /** The matching votes for (`seq`, `digest`): a proof once there are enough of them. */
  proof(seq: number, digest: string): CheckpointMsg[] {
    const v = this.votes.get(seq);
    return v === undefined ? [] : matchingVotes(v, digest, -1);
  }

  /** Remembers this replica's own state at a checkpoint, to serve state transfer once it is stable. */
  recordOwn(seq: number, digest: string, snapshot: string): void {
    this.own.set(seq, { digest, snapshot });
  }

  /** Makes (`seq`, `digest`) stable and forgets older votes and snapshots; the snapshot is kept if held. */
  makeStable(seq: number, digest: string, proof: readonly CheckpointMsg[], snapshot: string | null = null): void {
    const mine = this.own.get(seq);
    const held = snapshot ?? (mine !== undefined && mine.digest === digest ? mine.snapshot : null);
    this.current = { seq, digest, proof, snapshot: held };
    for (const key of this.votes.keys()) if (key <= seq) this.votes.delete(key);
    for (const key of this.own.keys()) if (key <= seq) this.own.delete(key);
  }

  /** This replica's own checkpoints not yet stable, oldest first: the CHECKPOINTs it may have to repeat. */
  ownAboveStable(): readonly { readonly seq: number; readonly digest: string }[] {
    // Asked at every status tick, when there is usually none: nothing is allocated then.
    if (this.own.size === 0) return NO_CHECKPOINTS;
    const out: { readonly seq: number; readonly digest: string }[] = [];
    for (const [seq, o] of this.own) out.push({ seq, digest: o.digest });
    return out;
  }
}
