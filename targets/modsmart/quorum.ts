import type { NodeId } from '../../src/adapter/contract.js';
import type { AcceptMsg, ProposeMsg, WriteMsg } from './messages.js';

/**
 * BFT-SMaRt's Byzantine quorum ⌈(n + f + 1) / 2⌉: any two quorums intersect in at least f + 1
 * replicas, so in one honest one. For n = 3f + 1 it is 2f + 1; for other n (a reconfigured view
 * with n = 5, f = 1) it is larger than 2f + 1, which is why it is not written as 2f + 1.
 */
export function byzantineQuorum(n: number, f: number): number {
  return Math.ceil((n + f + 1) / 2);
}

/** A WRITE or ACCEPT as vote counting reads it. */
export type Vote = WriteMsg | AcceptMsg;

/** Votes of one kind at one instance, keyed by sender so each replica counts once. */
export type VoteMap<V extends Vote> = Map<NodeId, V>;

// Votes are stored from any replica (a vote may arrive before the reconfiguration that makes its
// sender a member has executed here) and filtered by membership when counted.
/** Number of votes for `digest` from senders that `counts` (membership) admits. */
export function countMatching<V extends Vote>(votes: VoteMap<V>, digest: string, counts: (sender: NodeId) => boolean = () => true): number {
  let count = 0;
  for (const v of votes.values()) if (v.digest === digest && counts(v.sender)) count++;
  return count;
}

/** The votes for `digest` from senders that `counts` admits, in arrival order. */
export function matchingVotes<V extends Vote>(votes: VoteMap<V>, digest: string, counts: (sender: NodeId) => boolean = () => true): V[] {
  const out: V[] = [];
  for (const v of votes.values()) if (v.digest === digest && counts(v.sender)) out.push(v);
  return out;
}

/**
 * Distinct valid votes in `votes` matching the proposal's regency, instance and hash: what a write
 * certificate or a decision proof counts. `valid` checks a vote's signature and sender.
 */
export function certifiedVotes(propose: ProposeMsg, votes: readonly Vote[], valid: (v: Vote) => boolean): number {
  const seen = new Set<NodeId>();
  for (const v of votes) {
    if (v.reg !== propose.reg || v.cid !== propose.cid || v.digest !== propose.digest || seen.has(v.sender)) continue;
    if (valid(v)) seen.add(v.sender);
  }
  return seen.size;
}
