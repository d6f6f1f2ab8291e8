import type { MutantClass } from '../mutation-classes.js';
import { R } from './reasons.js';

// Every survivor of targets/pbft/log.ts in the stored Stryker run, looked at one by one. Keys are mutantKey():
// file:line:column-endLine:endColumn:mutator:replacement (the end position separates nested
// sub-expressions that start at the same column); comments name the method and the source line.

/** Reviewed verdicts for the surviving mutants of targets/pbft/log.ts, by mutant key. */
export const LOG_VERDICTS: Readonly<Record<string, MutantClass>> = {
  // countMatching — 39: for (const v of votes.values()) if (v.digest === digest && v.sender !== excluded) count++;
  "targets/pbft/log.ts:39:39-39:83:ConditionalExpression:true": R.anyDigestCounts,
  "targets/pbft/log.ts:39:39-39:83:LogicalOperator:v.digest === digest || v.sender !== excluded": R.anyDigestCounts,
  "targets/pbft/log.ts:39:39-39:58:ConditionalExpression:true": R.anyDigestCounts,
  "targets/pbft/log.ts:39:62-39:83:ConditionalExpression:true": R.excludedNeverStored,
  // matchingVotes — 46: for (const v of votes.values()) if (v.digest === digest && v.sender !== excluded) out.push(v);
  "targets/pbft/log.ts:46:39-46:83:ConditionalExpression:true": R.certSuperset,
  "targets/pbft/log.ts:46:39-46:83:LogicalOperator:v.digest === digest || v.sender !== excluded": R.certSuperset,
  "targets/pbft/log.ts:46:39-46:58:ConditionalExpression:true": R.certSuperset,
  "targets/pbft/log.ts:46:62-46:83:ConditionalExpression:true": R.excludedNeverStored,
  // dropUpTo — 50: function dropUpTo<T>(map: Map<number, T>, seq: number): void {
  "targets/pbft/log.ts:50:62-52:2:BlockStatement:{}": R.gcMemoryOnly,
  // dropUpTo — 51: for (const key of map.keys()) if (key <= seq) map.delete(key);
  "targets/pbft/log.ts:51:37-51:47:ConditionalExpression:false": R.gcMemoryOnly,
  "targets/pbft/log.ts:51:37-51:47:EqualityOperator:key < seq": R.gcMemoryOnly,
  // slot — 69: if (s === undefined || s.view !== view) {
  "targets/pbft/log.ts:69:28-69:43:ConditionalExpression:false": R.slotsCurrentView,
  // find — 77: find(seq: number): Slot | undefined {
  "targets/pbft/log.ts:77:39-79:4:BlockStatement:{}": R.secondPrePrepare,
  // clearSlots — 82: clearSlots(): void {
  "targets/pbft/log.ts:82:22-84:4:BlockStatement:{}": R.staleSlotsUnread,
  // recordPrepared — 90: if (old === undefined || old.prePrepare.view <= cert.prePrepare.view) this.preparedCerts.set(seq, cert);
  "targets/pbft/log.ts:90:9-90:73:ConditionalExpression:true": R.certViewsMonotonic,
  "targets/pbft/log.ts:90:30-90:73:ConditionalExpression:false": R.keepFirstCert,
  "targets/pbft/log.ts:90:30-90:73:EqualityOperator:old.prePrepare.view < cert.prePrepare.view": R.certViewsMonotonic,
  "targets/pbft/log.ts:90:30-90:73:EqualityOperator:old.prePrepare.view > cert.prePrepare.view": R.keepFirstCert,
  // preparedAbove — 96: for (const [seq, cert] of this.preparedCerts) if (seq > stable) out.push(cert);
  "targets/pbft/log.ts:96:55-96:67:ConditionalExpression:true": R.preparedAboveGcd,
  "targets/pbft/log.ts:96:55-96:67:EqualityOperator:seq >= stable": R.preparedAboveGcd,
  // preparedAbove — 97: return out.sort((a, b) => a.prePrepare.seq - b.prePrepare.seq);
  "targets/pbft/log.ts:97:12-97:67:MethodExpression:out": R.pOrderIrrelevant,
  "targets/pbft/log.ts:97:21-97:66:ArrowFunction:() => undefined": R.pOrderIrrelevant,
  "targets/pbft/log.ts:97:31-97:66:ArithmeticOperator:a.prePrepare.seq + b.prePrepare.seq": R.pOrderIrrelevant,
  // collectGarbage — 105: collectGarbage(stable: number, history: number): void {
  "targets/pbft/log.ts:105:57-109:4:BlockStatement:{}": R.gcMemoryOnly,
  // collectGarbage — 108: dropUpTo(this.commitCerts, stable - history);
  "targets/pbft/log.ts:108:32-108:48:ArithmeticOperator:stable + history": R.chainFalse,
  // hasCommitChain — 112: hasCommitChain(from: number, to: number): boolean {
  "targets/pbft/log.ts:112:53-115:4:BlockStatement:{}": R.chainFalse,
  // hasCommitChain — 113: for (let seq = from; seq <= to; seq++) if (!this.commitCerts.has(seq)) return false;
  "targets/pbft/log.ts:113:26-113:35:ConditionalExpression:false": R.chainTrue,
  "targets/pbft/log.ts:113:26-113:35:EqualityOperator:seq < to": R.chainTrue,
  "targets/pbft/log.ts:113:26-113:35:EqualityOperator:seq > to": R.chainTrue,
  "targets/pbft/log.ts:113:37-113:42:UpdateOperator:seq--": R.chainFalse,
  "targets/pbft/log.ts:113:48-113:74:BooleanLiteral:this.commitCerts.has(seq)": R.chainTrue,
  "targets/pbft/log.ts:113:48-113:74:ConditionalExpression:true": R.chainFalse,
  "targets/pbft/log.ts:113:48-113:74:ConditionalExpression:false": R.chainTrue,
  "targets/pbft/log.ts:113:83-113:88:BooleanLiteral:true": R.chainTrue, // NoCoverage
  // hasCommitChain — 114: return true;
  "targets/pbft/log.ts:114:12-114:16:BooleanLiteral:false": R.chainFalse,
};
