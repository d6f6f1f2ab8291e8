import type { MutantClass } from '../mutation-classes.js';
import { R } from './reasons.js';

// Every survivor of targets/pbft/view-change.ts in the stored Stryker run, looked at one by one. Keys are mutantKey():
// file:line:column-endLine:endColumn:mutator:replacement (the end position separates nested
// sub-expressions that start at the same column); comments name the method and the source line.

/** Reviewed verdicts for the surviving mutants of targets/pbft/view-change.ts, by mutant key. */
export const VIEW_CHANGE_VERDICTS: Readonly<Record<string, MutantClass>> = {
  // better — 25: function better(a: PreparedCert, b: PreparedCert): boolean {
  "targets/pbft/view-change.ts:25:60-29:2:BlockStatement:{}": R.betterWrong,
  // better — 28: return va > vb || (va === vb && a.prePrepare.digest < b.prePrepare.digest);
  "targets/pbft/view-change.ts:28:10-28:77:ConditionalExpression:true": R.betterWrong,
  "targets/pbft/view-change.ts:28:10-28:77:ConditionalExpression:false": R.betterWrong,
  "targets/pbft/view-change.ts:28:10-28:77:LogicalOperator:va > vb && va === vb && a.prePrepare.digest < b.prePrepare.digest": R.betterWrong,
  "targets/pbft/view-change.ts:28:10-28:17:ConditionalExpression:false": R.betterWrong,
  "targets/pbft/view-change.ts:28:10-28:17:EqualityOperator:va >= vb": R.sameViewSameDigest,
  "targets/pbft/view-change.ts:28:10-28:17:EqualityOperator:va <= vb": R.betterWrong,
  "targets/pbft/view-change.ts:28:22-28:76:ConditionalExpression:false": R.sameViewSameDigest,
  "targets/pbft/view-change.ts:28:22-28:76:LogicalOperator:va === vb || a.prePrepare.digest < b.prePrepare.digest": R.betterWrong,
  "targets/pbft/view-change.ts:28:22-28:31:ConditionalExpression:true": R.betterWrong,
  "targets/pbft/view-change.ts:28:22-28:31:EqualityOperator:va !== vb": R.betterWrong,
  "targets/pbft/view-change.ts:28:35-28:76:ConditionalExpression:true": R.sameViewSameDigest,
  "targets/pbft/view-change.ts:28:35-28:76:EqualityOperator:a.prePrepare.digest <= b.prePrepare.digest": R.sameViewSameDigest,
  "targets/pbft/view-change.ts:28:35-28:76:EqualityOperator:a.prePrepare.digest >= b.prePrepare.digest": R.sameViewSameDigest,
  // computeNewViewO — 40: for (const vc of viewChanges) {
  "targets/pbft/view-change.ts:40:33-45:4:BlockStatement:{}": R.minSWrong,
  // computeNewViewO — 41: if (checkpointSource === null || vc.seq > minS) {
  "targets/pbft/view-change.ts:41:9-41:51:ConditionalExpression:true": R.minSWrong,
  "targets/pbft/view-change.ts:41:9-41:51:ConditionalExpression:false": R.minSWrong,
  "targets/pbft/view-change.ts:41:9-41:51:LogicalOperator:checkpointSource === null && vc.seq > minS": R.minSWrong,
  "targets/pbft/view-change.ts:41:9-41:34:ConditionalExpression:false": R.sourceOnlyAboveH,
  "targets/pbft/view-change.ts:41:9-41:34:EqualityOperator:checkpointSource !== null": R.minSWrong,
  "targets/pbft/view-change.ts:41:38-41:51:ConditionalExpression:false": R.minSWrong,
  "targets/pbft/view-change.ts:41:38-41:51:EqualityOperator:vc.seq >= minS": R.minSTie,
  "targets/pbft/view-change.ts:41:38-41:51:EqualityOperator:vc.seq <= minS": R.minSWrong,
  "targets/pbft/view-change.ts:41:53-44:6:BlockStatement:{}": R.minSWrong,
  // computeNewViewO — 51: if (seq <= minS) continue;
  "targets/pbft/view-change.ts:51:11-51:22:ConditionalExpression:false": R.belowMinS,
  "targets/pbft/view-change.ts:51:11-51:22:EqualityOperator:seq < minS": R.belowMinS,
  // computeNewViewO — 52: if (seq > maxS) maxS = seq;
  "targets/pbft/view-change.ts:52:11-52:21:ConditionalExpression:true": R.maxSWrong,
  "targets/pbft/view-change.ts:52:11-52:21:EqualityOperator:seq >= maxS": R.sameValueOnTie,
  // computeNewViewO — 54: if (known === undefined || better(cert, known)) best.set(seq, cert);
  "targets/pbft/view-change.ts:54:11-54:53:ConditionalExpression:true": R.betterWrong,
  // computeNewViewO — 58: for (let seq = minS + 1; seq <= maxS; seq++) {
  "targets/pbft/view-change.ts:58:28-58:39:EqualityOperator:seq < maxS": R.maxSWrong,
  // matchesPlan — 69: if (prePrepares.length !== plan.entries.length) return false;
  "targets/pbft/view-change.ts:69:7-69:49:ConditionalExpression:false": R.newViewPlanMismatch,
  "targets/pbft/view-change.ts:69:58-69:63:BooleanLiteral:true": R.newViewPlanMismatch, // NoCoverage
  // matchesPlan — 70: for (let i = 0; i < prePrepares.length; i++) {
  "targets/pbft/view-change.ts:70:19-70:41:ConditionalExpression:false": R.newViewPlanMismatch,
  "targets/pbft/view-change.ts:70:48-74:4:BlockStatement:{}": R.newViewPlanMismatch,
  // matchesPlan — 73: if (pp.seq !== e.seq || pp.digest !== e.digest) return false;
  "targets/pbft/view-change.ts:73:9-73:51:ConditionalExpression:false": R.newViewPlanMismatch,
  "targets/pbft/view-change.ts:73:9-73:51:LogicalOperator:pp.seq !== e.seq && pp.digest !== e.digest": R.newViewPlanMismatch,
  "targets/pbft/view-change.ts:73:9-73:25:ConditionalExpression:false": R.newViewPlanMismatch,
  "targets/pbft/view-change.ts:73:29-73:51:ConditionalExpression:false": R.newViewPlanMismatch,
  "targets/pbft/view-change.ts:73:60-73:65:BooleanLiteral:true": R.newViewPlanMismatch, // NoCoverage
};
