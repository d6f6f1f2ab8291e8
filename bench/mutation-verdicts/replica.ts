import type { MutantClass } from '../mutation-classes.js';
import { R } from './reasons.js';

// Every survivor of targets/pbft/replica.ts in the stored Stryker run, looked at one by one. Keys are mutantKey():
// file:line:column-endLine:endColumn:mutator:replacement (the end position separates nested
// sub-expressions that start at the same column); comments name the method and the source line.

/** Reviewed verdicts for the surviving mutants of targets/pbft/replica.ts, by mutant key. */
export const REPLICA_VERDICTS: Readonly<Record<string, MutantClass>> = {
  // (field) — 21: protected timerArmedForView = -1;
  "targets/pbft/replica.ts:21:33-21:35:UnaryOperator:+1": R.initOverwrites,
  // (field) — 25: private readonly future: PbftMessage[] = [];
  "targets/pbft/replica.ts:25:44-25:46:ArrayDeclaration:[\"Stryker was here\"]": R.bufferOccupancy,
  // init — 36: override init(): void {
  "targets/pbft/replica.ts:36:25-41:4:BlockStatement:{}": R.initSkipped,
  // init — 39: if (!this.active || (!this.isPrimary() && this.pending.size > 0)) this.armViewChangeTimer();
  "targets/pbft/replica.ts:39:9-39:69:ConditionalExpression:true": R.startInactive,
  "targets/pbft/replica.ts:39:9-39:69:ConditionalExpression:false": R.initConditionFalse,
  "targets/pbft/replica.ts:39:9-39:69:LogicalOperator:!this.active && !this.isPrimary() && this.pending.size > 0": R.initConditionFalse,
  "targets/pbft/replica.ts:39:9-39:21:BooleanLiteral:this.active": R.startInactive,
  "targets/pbft/replica.ts:39:26-39:68:ConditionalExpression:false": R.initConditionFalse,
  "targets/pbft/replica.ts:39:26-39:68:LogicalOperator:!this.isPrimary() || this.pending.size > 0": R.startInactive,
  "targets/pbft/replica.ts:39:26-39:43:BooleanLiteral:this.isPrimary()": R.initConditionFalse,
  "targets/pbft/replica.ts:39:47-39:68:ConditionalExpression:true": R.startInactive,
  "targets/pbft/replica.ts:39:47-39:68:EqualityOperator:this.pending.size >= 0": R.startInactive,
  "targets/pbft/replica.ts:39:47-39:68:EqualityOperator:this.pending.size <= 0": R.startInactive,
  // dispatch — 69: if (m.view > this.view || (m.view === this.view && !this.active)) this.buffer(m);
  "targets/pbft/replica.ts:69:13-69:73:ConditionalExpression:false": R.lostFutureMessages,
  "targets/pbft/replica.ts:69:13-69:73:LogicalOperator:m.view > this.view && m.view === this.view && !this.active": R.lostFutureMessages,
  "targets/pbft/replica.ts:69:13-69:31:ConditionalExpression:false": R.lostFutureMessages,
  "targets/pbft/replica.ts:69:36-69:72:ConditionalExpression:false": R.lostFutureMessages,
  "targets/pbft/replica.ts:69:36-69:56:ConditionalExpression:true": R.bufferOccupancy,
  "targets/pbft/replica.ts:69:36-69:56:EqualityOperator:m.view !== this.view": R.lostFutureMessages,
  // dispatch — 73: if (m.view > this.view) this.buffer(m);
  "targets/pbft/replica.ts:73:13-73:31:ConditionalExpression:false": R.lostFutureMessages,
  // dispatch — 77: if (m.view > this.view) this.buffer(m);
  "targets/pbft/replica.ts:77:13-77:31:ConditionalExpression:false": R.lostFutureMessages,
  // dispatch — 80: case 'CHECKPOINT': return this.onCheckpoint(m);
  "targets/pbft/replica.ts:80:7-80:54:ConditionalExpression:case 'CHECKPOINT':": R.neverStable,
  "targets/pbft/replica.ts:80:12-80:24:StringLiteral:\"\"": R.neverStable,
  // dispatch — 81: case 'REQUEST': return this.onForwardedRequest(m);
  "targets/pbft/replica.ts:81:12-81:21:StringLiteral:\"\"": R.noForwarding,
  // dispatch — 85: case 'STATE': return this.onState(m);
  "targets/pbft/replica.ts:85:12-85:19:StringLiteral:\"\"": R.stateIgnored,
  // onTimer — 93: else if (id === STATUS_TIMER) this.onStatusTimer();
  "targets/pbft/replica.ts:93:14-93:33:ConditionalExpression:true": R.stateIgnored,
  // onTimer — 94: else if (id === STATE_TIMER) this.onStateTimer();
  "targets/pbft/replica.ts:94:14-94:32:ConditionalExpression:true": R.unknownTimer,
  "targets/pbft/replica.ts:94:14-94:32:ConditionalExpression:false": R.stateIgnored,
  "targets/pbft/replica.ts:94:14-94:32:EqualityOperator:id !== STATE_TIMER": R.stateIgnored,
  // buffer — 98: private buffer(m: PbftMessage): void {
  "targets/pbft/replica.ts:98:40-100:4:BlockStatement:{}": R.lostFutureMessages,
  // buffer — 99: if (this.future.length < 4 * this.options.logWindow * this.n) this.future.push(m);
  "targets/pbft/replica.ts:99:9-99:65:ConditionalExpression:true": R.bufferOccupancy,
  "targets/pbft/replica.ts:99:9-99:65:ConditionalExpression:false": R.lostFutureMessages,
  "targets/pbft/replica.ts:99:9-99:65:EqualityOperator:this.future.length <= 4 * this.options.logWindow * this.n": R.bufferOccupancy,
  "targets/pbft/replica.ts:99:9-99:65:EqualityOperator:this.future.length >= 4 * this.options.logWindow * this.n": R.lostFutureMessages,
  "targets/pbft/replica.ts:99:30-99:65:ArithmeticOperator:4 * this.options.logWindow / this.n": R.lostFutureMessages,
  "targets/pbft/replica.ts:99:30-99:56:ArithmeticOperator:4 / this.options.logWindow": R.lostFutureMessages,
  // viewChangeTimeout — 106: return this.options.viewChangeTimeoutMs * 2 ** Math.min(this.consecutiveViewChanges, this.options.viewChang...
  "targets/pbft/replica.ts:106:12-106:124:ArithmeticOperator:this.options.viewChangeTimeoutMs / 2 ** Math.min(this.consecutiveViewChanges, this.options.viewChangeBackoffCap)": R.shrunkTimeout,
  "targets/pbft/replica.ts:106:52-106:124:MethodExpression:Math.max(this.consecutiveViewChanges, this.options.viewChangeBackoffCap)": R.shrunkTimeout,
  // stopViewChangeTimer — 114: protected stopViewChangeTimer(): void {
  "targets/pbft/replica.ts:114:41-117:4:BlockStatement:{}": R.needlessViewChange,
  // restartViewChangeTimer — 125: protected restartViewChangeTimer(): void {
  "targets/pbft/replica.ts:125:44-129:4:BlockStatement:{}": R.needlessViewChange,
  // restartViewChangeTimer — 126: if (!this.active || this.isPrimary()) return;
  "targets/pbft/replica.ts:126:9-126:41:ConditionalExpression:true": R.needlessViewChange,
  "targets/pbft/replica.ts:126:9-126:41:ConditionalExpression:false": R.needlessViewChange,
  "targets/pbft/replica.ts:126:9-126:41:LogicalOperator:!this.active && this.isPrimary()": R.needlessViewChange,
  "targets/pbft/replica.ts:126:9-126:21:BooleanLiteral:this.active": R.needlessViewChange,
  // restartViewChangeTimer — 127: if (this.pending.size === 0) this.stopViewChangeTimer();
  "targets/pbft/replica.ts:127:9-127:32:ConditionalExpression:true": R.needlessViewChange,
  "targets/pbft/replica.ts:127:9-127:32:ConditionalExpression:false": R.needlessViewChange,
  "targets/pbft/replica.ts:127:9-127:32:EqualityOperator:this.pending.size !== 0": R.needlessViewChange,
  // onViewChangeTimer — 133: this.viewChangeTimerRunning = false;
  "targets/pbft/replica.ts:133:35-133:40:BooleanLiteral:true": R.timerFlagReset,
  // startViewChange — 141: if (w <= this.view) return;
  "targets/pbft/replica.ts:141:9-141:23:ConditionalExpression:false": R.callersPassHigherView,
  "targets/pbft/replica.ts:141:9-141:23:EqualityOperator:w < this.view": R.callersPassHigherView,
  // startViewChange — 144: this.consecutiveViewChanges++;
  "targets/pbft/replica.ts:144:5-144:34:UpdateOperator:this.consecutiveViewChanges--": R.shrunkTimeout,
  // startViewChange — 150: prepared: this.log.preparedAbove(stable.seq), sender: this.id, sig: '',
  "targets/pbft/replica.ts:150:75-150:77:StringLiteral:\"Stryker was here!\"": R.sigPlaceholder,
  // onStatusTimer — 164: if (!this.active && this.ownViewChange !== null && this.ownViewChange.view === this.view) this.ctx.broadcas...
  "targets/pbft/replica.ts:164:9-164:93:ConditionalExpression:true": R.nullBroadcast,
  "targets/pbft/replica.ts:164:9-164:52:LogicalOperator:!this.active || this.ownViewChange !== null": R.staleViewChangeRebroadcast,
  "targets/pbft/replica.ts:164:25-164:52:ConditionalExpression:true": R.inactiveHasOwnViewChange,
  "targets/pbft/replica.ts:164:56-164:93:ConditionalExpression:true": R.inactiveHasOwnViewChange,
  // onViewChange — 145: if (vc.view < this.view || (vc.view === this.view && this.active)) return;
  "targets/pbft/replica.ts:145:9-145:70:ConditionalExpression:false": R.oldViewChangesUnread,
  "targets/pbft/replica.ts:145:9-145:70:LogicalOperator:vc.view < this.view && vc.view === this.view && this.active": R.oldViewChangesUnread,
  "targets/pbft/replica.ts:145:9-145:28:ConditionalExpression:false": R.oldViewChangesUnread,
  "targets/pbft/replica.ts:145:33-145:69:ConditionalExpression:false": R.oldViewChangesUnread,
  // onViewChange — 146: if (!this.isValidViewChange(vc)) return;
  "targets/pbft/replica.ts:146:9-146:36:ConditionalExpression:false": R.unvalidatedViewChange,
  // onViewChange — 175: if (vc.view === this.view && !this.active) this.checkViewChangeQuorum(vc.view);
  "targets/pbft/replica.ts:175:9-175:46:ConditionalExpression:true": R.staleViewChangeState,
  "targets/pbft/replica.ts:175:9-175:46:LogicalOperator:vc.view === this.view || !this.active": R.staleViewChangeState,
  "targets/pbft/replica.ts:175:9-175:30:ConditionalExpression:true": R.staleViewChangeState,
  // storeViewChange — 194: if (!byView.has(vc.sender)) byView.set(vc.sender, vc);
  "targets/pbft/replica.ts:194:9-194:31:ConditionalExpression:true": R.lastVoteWins,
  // viewChangeQuorum — 204: return 2 * this.f + 1;
  "targets/pbft/replica.ts:204:12-204:22:ArithmeticOperator:2 / this.f": R.lowerQuorum,
  // maybeJoinViewChange — 213: if (w <= this.view) continue;
  "targets/pbft/replica.ts:213:11-213:25:ConditionalExpression:false": R.staleViewChangeState,
  "targets/pbft/replica.ts:213:11-213:25:EqualityOperator:w < this.view": R.staleViewChangeState,
  // maybeJoinViewChange — 229: for (const sender of byView.keys()) if (sender !== this.id) senders.add(sender);
  "targets/pbft/replica.ts:229:47-229:65:ConditionalExpression:true": R.ownViewChangeSkipped,
  // maybeJoinViewChange — 216: if (w < smallest) smallest = w;
  "targets/pbft/replica.ts:216:11-216:23:ConditionalExpression:true": R.farViews,
  "targets/pbft/replica.ts:216:11-216:23:EqualityOperator:w <= smallest": R.sameValueOnTie,
  // checkViewChangeQuorum — 237: if (byView === undefined || byView.size < this.viewChangeQuorum()) return;
  "targets/pbft/replica.ts:237:9-237:29:ConditionalExpression:false": R.byViewStored,
  // checkViewChangeQuorum — 240: } else if (this.timerArmedForView !== w) {
  "targets/pbft/replica.ts:240:16-240:44:ConditionalExpression:true": R.staleViewChangeState,
  // isValidViewChange — 248: if (vc.seq > 0) {
  "targets/pbft/replica.ts:248:9-248:19:ConditionalExpression:false": R.forgedCheckpointClaim,
  "targets/pbft/replica.ts:248:21-251:6:BlockStatement:{}": R.forgedCheckpointClaim,
  // isValidViewChange — 250: if (certifiedDigest(vc.checkpointProof, vc.seq, quorum, (c) => this.verifyMessage(c)) === null) return false;
  "targets/pbft/replica.ts:250:11-250:101:ConditionalExpression:false": R.forgedCheckpointClaim,
  "targets/pbft/replica.ts:250:110-250:115:BooleanLiteral:true": R.neverRejected, // NoCoverage
  // isValidViewChange — 253: for (const cert of vc.prepared) {
  "targets/pbft/replica.ts:253:37-256:6:BlockStatement:{}": R.forgedCert,
  // isValidViewChange — 254: if (seqs.has(cert.prePrepare.seq) || !this.isValidPreparedCert(cert, vc)) return false;
  "targets/pbft/replica.ts:254:11-254:79:ConditionalExpression:false": R.forgedCert,
  "targets/pbft/replica.ts:254:11-254:79:LogicalOperator:seqs.has(cert.prePrepare.seq) && !this.isValidPreparedCert(cert, vc)": R.forgedCert,
  "targets/pbft/replica.ts:254:88-254:93:BooleanLiteral:true": R.neverRejected, // NoCoverage
  // isValidPreparedCert — 263: if (pp.view >= vc.view || pp.seq <= vc.seq || pp.seq > vc.seq + this.options.logWindow) return false;
  "targets/pbft/replica.ts:263:9-263:91:ConditionalExpression:false": R.certViewNotBelow,
  "targets/pbft/replica.ts:263:9-263:91:LogicalOperator:(pp.view >= vc.view || pp.seq <= vc.seq) && pp.seq > vc.seq + this.options.logWindow": R.certViewNotBelow,
  "targets/pbft/replica.ts:263:9-263:47:ConditionalExpression:false": R.certViewNotBelow,
  "targets/pbft/replica.ts:263:9-263:47:LogicalOperator:pp.view >= vc.view && pp.seq <= vc.seq": R.certViewNotBelow,
  "targets/pbft/replica.ts:263:9-263:27:ConditionalExpression:false": R.certViewNotBelow,
  "targets/pbft/replica.ts:263:9-263:27:EqualityOperator:pp.view > vc.view": R.certViewNotBelow,
  "targets/pbft/replica.ts:263:31-263:47:ConditionalExpression:false": R.minSCoversLowCerts,
  "targets/pbft/replica.ts:263:31-263:47:EqualityOperator:pp.seq < vc.seq": R.minSCoversLowCerts,
  "targets/pbft/replica.ts:263:51-263:91:ConditionalExpression:false": R.windowCheckRedundant,
  "targets/pbft/replica.ts:263:51-263:91:EqualityOperator:pp.seq >= vc.seq + this.options.logWindow": R.watermarkOffByOne,
  "targets/pbft/replica.ts:263:100-263:105:BooleanLiteral:true": R.neverRejected, // NoCoverage
  // isValidPreparedCert — 265: if (pp.sender !== this.primaryOf(pp.view) || !this.batchIsValid(pp) || !this.verifyMessage(pp)) return false;
  "targets/pbft/replica.ts:265:9-265:99:ConditionalExpression:false": R.certPrePrepareRule,
  "targets/pbft/replica.ts:265:9-265:99:LogicalOperator:(pp.sender !== this.primaryOf(pp.view) || !this.batchIsValid(pp)) && !this.verifyMessage(pp)": R.certPrePrepareRule,
  "targets/pbft/replica.ts:265:9-265:72:ConditionalExpression:false": R.certPrePrepareRule,
  "targets/pbft/replica.ts:265:9-265:72:LogicalOperator:pp.sender !== this.primaryOf(pp.view) && !this.batchIsValid(pp)": R.certPrePrepareRule,
  "targets/pbft/replica.ts:265:9-265:46:ConditionalExpression:false": R.certSignerRedundant,
  "targets/pbft/replica.ts:265:108-265:113:BooleanLiteral:true": R.neverRejected, // NoCoverage
  // isValidPreparedCert — 271: if (p.view !== pp.view || p.seq !== pp.seq || p.digest !== pp.digest || p.sender === pp.sender || seen.has(...
  "targets/pbft/replica.ts:271:11-271:123:ConditionalExpression:false": R.forgedCert,
  "targets/pbft/replica.ts:271:11-271:123:LogicalOperator:(p.view !== pp.view || p.seq !== pp.seq || p.digest !== pp.digest || p.sender === pp.sender) && seen.has(p.sender)": R.forgedCert,
  "targets/pbft/replica.ts:271:11-271:101:ConditionalExpression:false": R.forgedCert,
  "targets/pbft/replica.ts:271:11-271:101:LogicalOperator:(p.view !== pp.view || p.seq !== pp.seq || p.digest !== pp.digest) && p.sender === pp.sender": R.forgedCert,
  "targets/pbft/replica.ts:271:11-271:75:ConditionalExpression:false": R.forgedCert,
  "targets/pbft/replica.ts:271:11-271:75:LogicalOperator:(p.view !== pp.view || p.seq !== pp.seq) && p.digest !== pp.digest": R.forgedCert,
  "targets/pbft/replica.ts:271:11-271:49:ConditionalExpression:false": R.forgedCert,
  "targets/pbft/replica.ts:271:11-271:49:LogicalOperator:p.view !== pp.view && p.seq !== pp.seq": R.forgedCert,
  "targets/pbft/replica.ts:271:11-271:29:ConditionalExpression:false": R.forgedCert,
  "targets/pbft/replica.ts:271:33-271:49:ConditionalExpression:false": R.forgedCert,
  "targets/pbft/replica.ts:271:53-271:75:ConditionalExpression:false": R.forgedCert,
  "targets/pbft/replica.ts:271:79-271:101:ConditionalExpression:false": R.forgedCert,
  // isValidPreparedCert — 272: if (this.verifyMessage(p)) seen.add(p.sender);
  "targets/pbft/replica.ts:272:11-272:32:ConditionalExpression:true": R.forgedCert,
  // isValidPreparedCert — 274: return seen.size >= this.prepareQuorum();
  "targets/pbft/replica.ts:274:12-274:45:ConditionalExpression:true": R.forgedCert,
  // sendNewView — 288: type: 'PRE-PREPARE', view: w, seq: e.seq, digest: e.digest, requests: e.requests, sender: this.id, sig: '',
  "targets/pbft/replica.ts:288:111-288:113:StringLiteral:\"Stryker was here!\"": R.sigPlaceholder,
  // sendNewView — 290: const nv = seal<NewViewMsg>({ type: 'NEW-VIEW', view: w, viewChanges, prePrepares, sender: this.id, sig: ''...
  "targets/pbft/replica.ts:290:110-290:112:StringLiteral:\"Stryker was here!\"": R.sigPlaceholder,
  // onNewView — 297: if (nv.view < this.view || (nv.view === this.view && this.active)) return;
  "targets/pbft/replica.ts:297:9-297:70:ConditionalExpression:false": R.oldNewViewAccepted,
  "targets/pbft/replica.ts:297:9-297:70:LogicalOperator:nv.view < this.view && nv.view === this.view && this.active": R.oldNewViewAccepted,
  "targets/pbft/replica.ts:297:9-297:28:ConditionalExpression:false": R.oldNewViewAccepted,
  "targets/pbft/replica.ts:297:33-297:69:ConditionalExpression:false": R.oldNewViewAccepted,
  "targets/pbft/replica.ts:297:33-297:54:ConditionalExpression:true": R.staleViewChangeState,
  "targets/pbft/replica.ts:297:33-297:54:EqualityOperator:nv.view !== this.view": R.staleViewChangeState,
  // onNewView — 298: if (nv.sender !== this.primaryOf(nv.view)) return;
  "targets/pbft/replica.ts:298:9-298:46:ConditionalExpression:false": R.newViewFromBackup,
  // onNewView — 300: if (plan !== null) this.enterView(nv, plan);
  "targets/pbft/replica.ts:300:9-300:22:ConditionalExpression:true": R.newViewNull,
  // validateNewView — 252: if (vc.view !== nv.view || senders.has(vc.sender) || !this.verifyMessage(vc) || !this.isValidViewChange(vc)...
  "targets/pbft/replica.ts:252:11-252:114:ConditionalExpression:false": R.newViewUnchecked,
  "targets/pbft/replica.ts:252:11-252:114:LogicalOperator:(vc.view !== nv.view || senders.has(vc.sender) || !this.verifyMessage(vc)) && !this.isValidViewChange(vc)": R.newViewUnchecked,
  "targets/pbft/replica.ts:252:11-252:83:ConditionalExpression:false": R.newViewUnchecked,
  "targets/pbft/replica.ts:252:11-252:83:LogicalOperator:(vc.view !== nv.view || senders.has(vc.sender)) && !this.verifyMessage(vc)": R.newViewUnchecked,
  "targets/pbft/replica.ts:252:11-252:56:ConditionalExpression:false": R.newViewUnchecked,
  "targets/pbft/replica.ts:252:11-252:56:LogicalOperator:vc.view !== nv.view && senders.has(vc.sender)": R.newViewUnchecked,
  "targets/pbft/replica.ts:252:11-252:30:ConditionalExpression:false": R.newViewUnchecked,
  // validateNewView — 310: if (senders.size < this.viewChangeQuorum()) return null;
  "targets/pbft/replica.ts:310:9-310:47:ConditionalExpression:false": R.newViewUnchecked,
  // validateNewView — 312: if (!matchesPlan(nv.prePrepares, plan)) return null;
  "targets/pbft/replica.ts:312:9-312:43:ConditionalExpression:false": R.newViewPlanMismatch,
  // validateNewView — 313: for (const pp of nv.prePrepares) {
  "targets/pbft/replica.ts:313:38-315:6:BlockStatement:{}": R.newViewUnchecked,
  // validateNewView — 314: if (pp.view !== nv.view || pp.sender !== nv.sender || !this.batchIsValid(pp) || !this.verifyMessage(pp)) re...
  "targets/pbft/replica.ts:314:11-314:110:ConditionalExpression:false": R.newViewUnchecked,
  "targets/pbft/replica.ts:314:11-314:110:LogicalOperator:(pp.view !== nv.view || pp.sender !== nv.sender || !this.batchIsValid(pp)) && !this.verifyMessage(pp)": R.newViewUnchecked,
  "targets/pbft/replica.ts:314:11-314:83:ConditionalExpression:false": R.newViewUnchecked,
  "targets/pbft/replica.ts:314:11-314:83:LogicalOperator:(pp.view !== nv.view || pp.sender !== nv.sender) && !this.batchIsValid(pp)": R.newViewUnchecked,
  "targets/pbft/replica.ts:314:11-314:57:ConditionalExpression:false": R.newViewUnchecked,
  "targets/pbft/replica.ts:314:11-314:57:LogicalOperator:pp.view !== nv.view && pp.sender !== nv.sender": R.newViewUnchecked,
  "targets/pbft/replica.ts:314:11-314:30:ConditionalExpression:false": R.newViewUnchecked,
  "targets/pbft/replica.ts:314:34-314:57:ConditionalExpression:false": R.newViewUnchecked,
  // enterView — 327: if (this.view !== w) this.log.clearSlots();
  "targets/pbft/replica.ts:327:9-327:24:ConditionalExpression:true": R.lostVotes,
  "targets/pbft/replica.ts:327:9-327:24:ConditionalExpression:false": R.staleSlotsUnread,
  "targets/pbft/replica.ts:327:9-327:24:EqualityOperator:this.view === w": R.lostVotes,
  // enterView — 332: this.timerArmedForView = -1;
  "targets/pbft/replica.ts:332:30-332:32:UnaryOperator:+1": R.timerArmedNeverOne,
  // enterView — 334: for (const key of this.viewChanges.keys()) if (key <= w) this.viewChanges.delete(key);
  "targets/pbft/replica.ts:334:52-334:60:ConditionalExpression:true": R.staleViewChangeState,
  "targets/pbft/replica.ts:334:52-334:60:ConditionalExpression:false": R.viewChangeGcMemory,
  "targets/pbft/replica.ts:334:52-334:60:EqualityOperator:key < w": R.viewChangeGcMemory,
  "targets/pbft/replica.ts:334:52-334:60:EqualityOperator:key > w": R.staleViewChangeState,
  // enterView — 337: for (const pp of nv.prePrepares) {
  "targets/pbft/replica.ts:337:38-339:6:BlockStatement:{}": R.assignedHarmless,
  // enterView — 338: for (const r of pp.requests) this.assigned.set(r.client, Math.max(r.requestId, this.assigned.get(r.client) ...
  "targets/pbft/replica.ts:338:64-338:119:MethodExpression:Math.min(r.requestId, this.assigned.get(r.client) ?? 0)": R.assignedHarmless,
  "targets/pbft/replica.ts:338:86-338:118:LogicalOperator:this.assigned.get(r.client) && 0": R.assignedHarmless,
  // enterView — 342: this.nextSeq = Math.max(this.nextSeq, this.low + 1);
  "targets/pbft/replica.ts:342:43-342:55:ArithmeticOperator:this.low - 1": R.viewNotReset,
  // enterView — 344: if (!this.inWatermarks(pp.seq)) continue;
  "targets/pbft/replica.ts:344:11-344:37:ConditionalExpression:false": R.belowLowAccepted,
  // enterView — 347: if (!this.isPrimary()) this.sendPrepare(slot, pp);
  "targets/pbft/replica.ts:347:11-347:28:ConditionalExpression:true": R.primaryVoteExcluded,
  // enterView — 351: if (this.isPrimary()) this.proposePending();
  "targets/pbft/replica.ts:351:9-351:25:ConditionalExpression:true": R.viewNotReset,
  // enterView — 352: else if (this.pending.size > 0) this.armViewChangeTimer();
  "targets/pbft/replica.ts:352:14-352:35:ConditionalExpression:true": R.needlessViewChange,
  "targets/pbft/replica.ts:352:14-352:35:ConditionalExpression:false": R.viewNotReset,
  "targets/pbft/replica.ts:352:14-352:35:EqualityOperator:this.pending.size >= 0": R.needlessViewChange,
  "targets/pbft/replica.ts:352:14-352:35:EqualityOperator:this.pending.size <= 0": R.viewNotReset,
  // adoptNewViewCheckpoint — 357: protected adoptNewViewCheckpoint(plan: NewViewPlan): void {
  "targets/pbft/replica.ts:357:61-363:4:BlockStatement:{}": R.neverAdopt,
  // adoptNewViewCheckpoint — 359: if (source === null || plan.minS <= this.low) return;
  "targets/pbft/replica.ts:359:9-359:49:ConditionalExpression:true": R.neverAdopt,
  "targets/pbft/replica.ts:359:9-359:49:ConditionalExpression:false": R.sourceNeverNull,
  "targets/pbft/replica.ts:359:9-359:49:LogicalOperator:source === null && plan.minS <= this.low": R.sourceNeverNull,
  "targets/pbft/replica.ts:359:9-359:24:ConditionalExpression:false": R.sourceNeverNull,
  "targets/pbft/replica.ts:359:9-359:24:EqualityOperator:source !== null": R.neverAdopt,
  "targets/pbft/replica.ts:359:28-359:49:ConditionalExpression:false": R.sourceNeverNull,
  "targets/pbft/replica.ts:359:28-359:49:EqualityOperator:plan.minS < this.low": R.sourceNeverNull,
  "targets/pbft/replica.ts:359:28-359:49:EqualityOperator:plan.minS > this.low": R.neverAdopt,
  // adoptNewViewCheckpoint — 361: const digest = certifiedDigest(source.checkpointProof, plan.minS, quorum, (c) => this.verifyMessage(c));
  "targets/pbft/replica.ts:361:79-361:107:ArrowFunction:() => undefined": R.neverAdopt, // NoCoverage
  // adoptNewViewCheckpoint — 362: if (digest !== null) this.onStableCertified(plan.minS, digest, source.checkpointProof);
  "targets/pbft/replica.ts:362:9-362:24:ConditionalExpression:true": R.digestNeverNull, // NoCoverage
  "targets/pbft/replica.ts:362:9-362:24:ConditionalExpression:false": R.neverAdopt, // NoCoverage
  "targets/pbft/replica.ts:362:9-362:24:EqualityOperator:digest === null": R.neverAdopt, // NoCoverage
  // replayFuture — 366: private replayFuture(): void {
  "targets/pbft/replica.ts:366:32-373:4:BlockStatement:{}": R.lostFutureMessages,
  // replayFuture — 368: for (const m of buffered) {
  "targets/pbft/replica.ts:368:31-372:6:BlockStatement:{}": R.lostFutureMessages,
  // replayFuture — 369: const view = m.type === 'PRE-PREPARE' || m.type === 'PREPARE' || m.type === 'COMMIT' ? m.view : -1;
  "targets/pbft/replica.ts:369:20-369:91:ConditionalExpression:true": R.onlyVotesBuffered,
  "targets/pbft/replica.ts:369:20-369:91:ConditionalExpression:false": R.lostFutureMessages,
  "targets/pbft/replica.ts:369:20-369:91:LogicalOperator:(m.type === 'PRE-PREPARE' || m.type === 'PREPARE') && m.type === 'COMMIT'": R.lostFutureMessages,
  "targets/pbft/replica.ts:369:20-369:68:ConditionalExpression:false": R.lostFutureMessages,
  "targets/pbft/replica.ts:369:20-369:68:LogicalOperator:m.type === 'PRE-PREPARE' && m.type === 'PREPARE'": R.lostFutureMessages,
  "targets/pbft/replica.ts:369:20-369:44:ConditionalExpression:false": R.lostFutureMessages,
  "targets/pbft/replica.ts:369:20-369:44:EqualityOperator:m.type !== 'PRE-PREPARE'": R.lostFutureMessages,
  "targets/pbft/replica.ts:369:31-369:44:StringLiteral:\"\"": R.lostFutureMessages,
  "targets/pbft/replica.ts:369:48-369:68:ConditionalExpression:false": R.lostFutureMessages,
  "targets/pbft/replica.ts:369:48-369:68:EqualityOperator:m.type !== 'PREPARE'": R.lostFutureMessages,
  "targets/pbft/replica.ts:369:59-369:68:StringLiteral:\"\"": R.lostFutureMessages,
  "targets/pbft/replica.ts:369:72-369:91:ConditionalExpression:false": R.lostFutureMessages,
  "targets/pbft/replica.ts:369:72-369:91:EqualityOperator:m.type !== 'COMMIT'": R.lostFutureMessages,
  "targets/pbft/replica.ts:369:83-369:91:StringLiteral:\"\"": R.lostFutureMessages,
  "targets/pbft/replica.ts:369:103-369:105:UnaryOperator:+1": R.onlyVotesBuffered, // NoCoverage
  // replayFuture — 370: if (view === this.view) this.dispatch(m);
  "targets/pbft/replica.ts:370:11-370:29:ConditionalExpression:true": R.redispatchSame,
  "targets/pbft/replica.ts:370:11-370:29:ConditionalExpression:false": R.lostFutureMessages,
  "targets/pbft/replica.ts:370:11-370:29:EqualityOperator:view !== this.view": R.lostFutureMessages,
  // replayFuture — 371: else if (view > this.view) this.future.push(m);
  "targets/pbft/replica.ts:371:16-371:32:ConditionalExpression:true": R.bufferOccupancy,
  "targets/pbft/replica.ts:371:16-371:32:ConditionalExpression:false": R.lostFutureMessages,
  "targets/pbft/replica.ts:371:16-371:32:EqualityOperator:view >= this.view": R.equalHandledFirst,
  "targets/pbft/replica.ts:371:16-371:32:EqualityOperator:view <= this.view": R.lostFutureMessages,
};
