import type { MutantClass } from '../mutation-classes.js';

// Survivors of targets/pbft/replica.ts's view-change code written since the per-mutant review of
// replica.ts (isStoredViewChange's cache, the resend of an older view's VIEW-CHANGE, joining over
// several higher views), looked at one by one. Keys are mutantKey(), as in replica.ts.

const eq = (why: string): MutantClass => ({ kind: 'equivalent', why, reviewed: true });
const weak = (fix: MutantClass['fix'] & string, why: string): MutantClass => ({ kind: 'weakness', why, fix, reviewed: true });

const cacheMiss = eq('isStoredViewChange answers false more often: the VIEW-CHANGE is then checked again (form, signature, proofs), and a check that once passed on the same object passes again — only slower');
const ownObject = eq('also counts the replica\'s own stored VIEW-CHANGE object as checked: it is valid (the replica built and signed it), so checking it would accept it too');
const nullThrows = weak('malformed-payloads', 'the guard against a non-object payload is gone: a null (or undefined) payload from a Byzantine replica makes the honest replica throw on reading its type (a replica-error finding) — no strategy sends one');
const everyMessageTrusted = weak('forged-signature-content', 'every message counts as an already checked VIEW-CHANGE, so onMessage skips the form and signature checks of all of them: impersonation with different content, or a malformed message, is then obeyed');
const everyViewChangeTrusted = weak('forged-view-change', 'every VIEW-CHANGE from another replica counts as already checked, so none is validated (signature, checkpoint proof, prepared certificates): a forged or lying VIEW-CHANGE is stored and counted');
const noResend = weak('lost-view-change', 'a replica never re-sends its VIEW-CHANGE of a view it has moved past to a replica still changing to it: a laggard whose copies were lost before GST waits for STATUS instead');
const sendsUndefined = weak('contract-payloads', 'the resend goes out even when the replica holds no VIEW-CHANGE of that view: it sends `undefined`, which receivers drop and no property checks');
const selfLoop = weak('replay-old-view', 'the replica re-sends its old VIEW-CHANGE to itself when its own comes back (only a Byzantine relay, such as replay-old, returns it), and each copy bounces again: a message loop that only traffic shows');
const spreadSenders = weak('concurrent-view-changes', 'with VIEW-CHANGEs for several higher views stored, joining counts only one view\'s senders instead of each sender once over all of them: a replica may never join when f+1 replicas ask for different higher views');
const neverOwn = eq('a replica\'s own VIEW-CHANGE for a view above its current one is never stored (startViewChange moves the view to it first), so the map of a higher view never holds this replica and ± its entry is 0');
const setAlways = eq('with one higher view its map\'s keys are the distinct senders, never this replica: the set over all higher views gives the same count');

/** Reviewed verdicts for the view-change survivors of targets/pbft/replica.ts written since the replica.ts review. */
export const REPLICA_VIEW_CHANGE_VERDICTS: Readonly<Record<string, MutantClass>> = {
  // isStoredViewChange — 59..62
  'targets/pbft/replica.ts:59:64-63:4:BlockStatement:{}': cacheMiss,
  'targets/pbft/replica.ts:60:9-60:44:ConditionalExpression:true': cacheMiss,
  'targets/pbft/replica.ts:60:9-60:44:ConditionalExpression:false': nullThrows,
  "targets/pbft/replica.ts:60:9-60:44:LogicalOperator:typeof m !== 'object' && m === null": nullThrows,
  'targets/pbft/replica.ts:60:9-60:30:ConditionalExpression:false': nullThrows,
  "targets/pbft/replica.ts:60:9-60:30:EqualityOperator:typeof m === 'object'": nullThrows,
  'targets/pbft/replica.ts:60:22-60:30:StringLiteral:""': cacheMiss,
  'targets/pbft/replica.ts:60:34-60:44:ConditionalExpression:false': nullThrows,
  'targets/pbft/replica.ts:60:34-60:44:EqualityOperator:m !== null': nullThrows,
  'targets/pbft/replica.ts:60:53-60:58:BooleanLiteral:true': nullThrows,
  'targets/pbft/replica.ts:62:12-62:137:ConditionalExpression:true': everyMessageTrusted,
  'targets/pbft/replica.ts:62:12-62:137:ConditionalExpression:false': cacheMiss,
  "targets/pbft/replica.ts:62:12-62:137:LogicalOperator:vc.type === 'VIEW-CHANGE' && vc.sender !== this.id || this.viewChanges.get(vc.view as number)?.get(vc.sender as NodeId) === m": ownObject,
  'targets/pbft/replica.ts:62:12-62:62:ConditionalExpression:true': ownObject,
  "targets/pbft/replica.ts:62:12-62:62:LogicalOperator:vc.type === 'VIEW-CHANGE' || vc.sender !== this.id": ownObject,
  'targets/pbft/replica.ts:62:12-62:37:ConditionalExpression:true': eq('only VIEW-CHANGEs are ever stored, so an object identical to a stored one is a VIEW-CHANGE anyway'),
  "targets/pbft/replica.ts:62:12-62:37:EqualityOperator:vc.type !== 'VIEW-CHANGE'": cacheMiss,
  'targets/pbft/replica.ts:62:24-62:37:StringLiteral:""': cacheMiss,
  'targets/pbft/replica.ts:62:41-62:62:ConditionalExpression:true': ownObject,
  'targets/pbft/replica.ts:62:41-62:62:EqualityOperator:vc.sender === this.id': cacheMiss,
  'targets/pbft/replica.ts:62:66-62:137:ConditionalExpression:true': everyViewChangeTrusted,
  'targets/pbft/replica.ts:62:66-62:137:EqualityOperator:this.viewChanges.get(vc.view as number)?.get(vc.sender as NodeId) !== m': everyViewChangeTrusted,
  // onViewChange — 170..172
  'targets/pbft/replica.ts:170:9-170:28:ConditionalExpression:false': weak('replay-old-view', 'a VIEW-CHANGE of an older view is stored instead of answered: nothing reads views at or below the current one (maybeJoinViewChange skips them, enterView deletes them), so only the resend to a laggard is lost'),
  'targets/pbft/replica.ts:171:9-171:45:ConditionalExpression:false': eq('memory only: a VIEW-CHANGE for the current, active view is stored and checked, but maybeJoinViewChange skips views at or below the current one and checkViewChangeQuorum is only reached while inactive; the next enterView deletes it'),
  'targets/pbft/replica.ts:172:9-172:68:ConditionalExpression:false': everyViewChangeTrusted,
  'targets/pbft/replica.ts:172:9-172:37:BooleanLiteral:this.isStoredViewChange(vc)': everyViewChangeTrusted,
  // resendOwnViewChange — 183..185
  'targets/pbft/replica.ts:183:58-186:4:BlockStatement:{}': noResend,
  'targets/pbft/replica.ts:184:18-184:52:OptionalChaining:this.viewChanges.get(vc.view).get': noResend,
  'targets/pbft/replica.ts:185:9-185:52:ConditionalExpression:true': sendsUndefined,
  'targets/pbft/replica.ts:185:9-185:52:ConditionalExpression:false': noResend,
  'targets/pbft/replica.ts:185:9-185:52:LogicalOperator:mine !== undefined || vc.sender !== this.id': sendsUndefined,
  'targets/pbft/replica.ts:185:9-185:27:ConditionalExpression:true': sendsUndefined,
  'targets/pbft/replica.ts:185:9-185:27:EqualityOperator:mine === undefined': sendsUndefined,
  'targets/pbft/replica.ts:185:31-185:52:ConditionalExpression:true': selfLoop,
  'targets/pbft/replica.ts:185:31-185:52:EqualityOperator:vc.sender === this.id': noResend,
  // maybeJoinViewChange — 214..220
  'targets/pbft/replica.ts:214:7-214:20:UpdateOperator:higherViews--': spreadSenders,
  'targets/pbft/replica.ts:215:17-215:60:ArithmeticOperator:byView.size + (byView.has(this.id) ? 1 : 0)': neverOwn,
  'targets/pbft/replica.ts:220:9-220:24:ConditionalExpression:true': setAlways,
  'targets/pbft/replica.ts:220:9-220:24:ConditionalExpression:false': spreadSenders,
  'targets/pbft/replica.ts:220:9-220:24:EqualityOperator:higherViews >= 1': setAlways,
  'targets/pbft/replica.ts:220:9-220:24:EqualityOperator:higherViews <= 1': spreadSenders,
  // otherSendersAbove — 225..229 (never reached in the campaign)
  'targets/pbft/replica.ts:225:51-232:4:BlockStatement:{}': spreadSenders,
  'targets/pbft/replica.ts:227:49-230:6:BlockStatement:{}': spreadSenders,
  'targets/pbft/replica.ts:228:11-228:20:ConditionalExpression:true': spreadSenders,
  'targets/pbft/replica.ts:228:11-228:20:ConditionalExpression:false': spreadSenders,
  'targets/pbft/replica.ts:228:11-228:20:EqualityOperator:w < view': spreadSenders,
  'targets/pbft/replica.ts:228:11-228:20:EqualityOperator:w > view': spreadSenders,
  'targets/pbft/replica.ts:229:47-229:65:ConditionalExpression:true': spreadSenders,
  'targets/pbft/replica.ts:229:47-229:65:ConditionalExpression:false': spreadSenders,
  'targets/pbft/replica.ts:229:47-229:65:EqualityOperator:sender === this.id': spreadSenders,
  // viewChangeTimeout — 106
  'targets/pbft/replica.ts:106:12-106:124:ArithmeticOperator:this.options.viewChangeTimeoutMs / 2 ** Math.min(this.consecutiveViewChanges, this.options.viewChangeBackoffCap)': weak('consecutive-view-changes', 'the view-change timeout shrinks with each consecutive view change (400 ms / 2^k, down to 50 ms): it fires before a view change can complete only after several in a row with slow messages'),
};
