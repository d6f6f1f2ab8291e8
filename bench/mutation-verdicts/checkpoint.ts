import type { MutantClass } from '../mutation-classes.js';
import { R } from './reasons.js';

// Every survivor of targets/pbft/checkpoint.ts in the stored Stryker run, looked at one by one. Keys are mutantKey():
// file:line:column-endLine:endColumn:mutator:replacement (the end position separates nested
// sub-expressions that start at the same column); comments name the method and the source line.

/** Reviewed verdicts for the surviving mutants of targets/pbft/checkpoint.ts, by mutant key. */
export const CHECKPOINT_VERDICTS: Readonly<Record<string, MutantClass>> = {
  // certifiedDigest — 21: ): string | null {
  "targets/pbft/checkpoint.ts:21:18-32:2:BlockStatement:{}": R.forgedCheckpointClaim,
  // certifiedDigest — 25: if (m.seq !== seq || seen.has(m.sender) || !valid(m)) continue;
  "targets/pbft/checkpoint.ts:25:9-25:57:ConditionalExpression:false": R.weakCheckpointProof,
  "targets/pbft/checkpoint.ts:25:9-25:57:LogicalOperator:(m.seq !== seq || seen.has(m.sender)) && !valid(m)": R.weakCheckpointProof,
  "targets/pbft/checkpoint.ts:25:9-25:44:ConditionalExpression:false": R.weakCheckpointProof,
  "targets/pbft/checkpoint.ts:25:9-25:44:LogicalOperator:m.seq !== seq && seen.has(m.sender)": R.weakCheckpointProof,
  "targets/pbft/checkpoint.ts:25:9-25:22:ConditionalExpression:false": R.weakCheckpointProof,
  // certifiedDigest — 28: if (c >= quorum) return m.digest;
  "targets/pbft/checkpoint.ts:28:9-28:20:ConditionalExpression:true": R.weakCheckpointProof,
  "targets/pbft/checkpoint.ts:28:9-28:20:EqualityOperator:c < quorum": R.weakCheckpointProof,
  // addVote — 51: addVote(m: CheckpointMsg): VoteMap<CheckpointMsg> {
  "targets/pbft/checkpoint.ts:51:53-59:4:BlockStatement:{}": R.neverStable,
  // addVote — 53: if (v === undefined) {
  "targets/pbft/checkpoint.ts:53:9-53:24:ConditionalExpression:true": R.neverStable,
  // addVote — 57: if (!v.has(m.sender)) v.set(m.sender, m);
  "targets/pbft/checkpoint.ts:57:9-57:25:BooleanLiteral:v.has(m.sender)": R.neverStable,
  "targets/pbft/checkpoint.ts:57:9-57:25:ConditionalExpression:true": R.lastVoteWins,
  "targets/pbft/checkpoint.ts:57:9-57:25:ConditionalExpression:false": R.neverStable,
  // count — 64: return v === undefined ? 0 : countMatching(v, digest, -1);
  "targets/pbft/checkpoint.ts:64:12-64:27:ConditionalExpression:true": R.neverStable,
  "targets/pbft/checkpoint.ts:64:12-64:27:ConditionalExpression:false": R.countAfterAddVote,
  "targets/pbft/checkpoint.ts:64:12-64:27:EqualityOperator:v !== undefined": R.neverStable,
  "targets/pbft/checkpoint.ts:64:59-64:61:UnaryOperator:+1": R.neverStable,
  // proof — 70: return v === undefined ? [] : matchingVotes(v, digest, -1);
  "targets/pbft/checkpoint.ts:70:12-70:27:ConditionalExpression:false": R.countAfterAddVote,
  "targets/pbft/checkpoint.ts:70:30-70:32:ArrayDeclaration:[\"Stryker was here\"]": R.countAfterAddVote, // NoCoverage
  // recordOwn — 74: recordOwn(seq: number, digest: string, snapshot: string): void {
  "targets/pbft/checkpoint.ts:74:66-76:4:BlockStatement:{}": R.noStateSnapshot,
  // recordOwn — 75: this.own.set(seq, { digest, snapshot });
  "targets/pbft/checkpoint.ts:75:23-75:43:ObjectLiteral:{}": R.noStateSnapshot,
  // makeStable — 81: const held = snapshot ?? (mine !== undefined && mine.digest === digest ? mine.snapshot : null);
  "targets/pbft/checkpoint.ts:81:18-81:99:LogicalOperator:snapshot && (mine !== undefined && mine.digest === digest ? mine.snapshot : null)": R.noStateSnapshot,
  "targets/pbft/checkpoint.ts:81:31-81:75:ConditionalExpression:true": R.ownSnapshotMatches,
  "targets/pbft/checkpoint.ts:81:31-81:75:ConditionalExpression:false": R.noStateSnapshot,
  "targets/pbft/checkpoint.ts:81:31-81:75:LogicalOperator:mine !== undefined || mine.digest === digest": R.ownSnapshotMatches,
  "targets/pbft/checkpoint.ts:81:31-81:49:ConditionalExpression:true": R.ownSnapshotMatches,
  "targets/pbft/checkpoint.ts:81:31-81:49:EqualityOperator:mine === undefined": R.noStateSnapshot,
  "targets/pbft/checkpoint.ts:81:53-81:75:ConditionalExpression:true": R.ownSnapshotMatches,
  "targets/pbft/checkpoint.ts:81:53-81:75:EqualityOperator:mine.digest !== digest": R.noStateSnapshot,
  // makeStable — 83: for (const key of this.votes.keys()) if (key <= seq) this.votes.delete(key);
  "targets/pbft/checkpoint.ts:83:46-83:56:ConditionalExpression:true": R.lostFutureVotes,
  "targets/pbft/checkpoint.ts:83:46-83:56:ConditionalExpression:false": R.oldCheckpointState,
  "targets/pbft/checkpoint.ts:83:46-83:56:EqualityOperator:key < seq": R.oldCheckpointState,
  "targets/pbft/checkpoint.ts:83:46-83:56:EqualityOperator:key > seq": R.lostFutureVotes,
  // makeStable — 84: for (const key of this.own.keys()) if (key <= seq) this.own.delete(key);
  "targets/pbft/checkpoint.ts:84:44-84:54:ConditionalExpression:true": R.noStateSnapshot,
  "targets/pbft/checkpoint.ts:84:44-84:54:ConditionalExpression:false": R.oldCheckpointState,
  "targets/pbft/checkpoint.ts:84:44-84:54:EqualityOperator:key < seq": R.oldCheckpointState,
  "targets/pbft/checkpoint.ts:84:44-84:54:EqualityOperator:key > seq": R.noStateSnapshot,
  // ownAboveStable — 89: return [...this.own].map(([seq, o]) => ({ seq, digest: o.digest }));
  "targets/pbft/checkpoint.ts:89:12-89:25:ArrayDeclaration:[]": R.checkpointResendUnused,
  "targets/pbft/checkpoint.ts:89:45-89:70:ObjectLiteral:{}": R.checkpointResendUnused,
};
