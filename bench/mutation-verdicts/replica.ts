import type { MutantClass } from '../mutation-classes.js';
import { R } from './reasons.js';

// Every survivor of targets/pbft/replica.ts in the stored Stryker run, looked at one by one. Keys are mutantKey():
// file:line:column-endLine:endColumn:mutator:replacement (the end position separates nested
// sub-expressions that start at the same column); comments name the method and the source line.

/** Reviewed verdicts for the surviving mutants of targets/pbft/replica.ts, by mutant key. */
export const REPLICA_VERDICTS: Readonly<Record<string, MutantClass>> = {
  // (field) — 18: protected timerArmedForView = -1;
  "targets/pbft/replica.ts:18:33-18:35:UnaryOperator:+1": R.initOverwrites,
  // (field) — 22: private readonly future: PbftMessage[] = [];
  "targets/pbft/replica.ts:22:44-22:46:ArrayDeclaration:[\"Stryker was here\"]": R.bufferOccupancy,
  // init — 25: override init(): void {
  "targets/pbft/replica.ts:25:25-30:4:BlockStatement:{}": R.initSkipped,
  // init — 28: if (!this.active || (!this.isPrimary() && this.pending.size > 0)) this.armViewChangeTimer();
  "targets/pbft/replica.ts:28:9-28:69:ConditionalExpression:true": R.startInactive,
  "targets/pbft/replica.ts:28:9-28:69:ConditionalExpression:false": R.initConditionFalse,
  "targets/pbft/replica.ts:28:9-28:69:LogicalOperator:!this.active && !this.isPrimary() && this.pending.size > 0": R.initConditionFalse,
  "targets/pbft/replica.ts:28:9-28:21:BooleanLiteral:this.active": R.startInactive,
  "targets/pbft/replica.ts:28:26-28:68:ConditionalExpression:false": R.initConditionFalse,
  "targets/pbft/replica.ts:28:26-28:68:LogicalOperator:!this.isPrimary() || this.pending.size > 0": R.startInactive,
  "targets/pbft/replica.ts:28:26-28:43:BooleanLiteral:this.isPrimary()": R.initConditionFalse,
  "targets/pbft/replica.ts:28:47-28:68:ConditionalExpression:true": R.startInactive,
  "targets/pbft/replica.ts:28:47-28:68:EqualityOperator:this.pending.size >= 0": R.startInactive,
  "targets/pbft/replica.ts:28:47-28:68:EqualityOperator:this.pending.size <= 0": R.startInactive,
  // dispatch — 44: if (m.view > this.view || (m.view === this.view && !this.active)) this.buffer(m);
  "targets/pbft/replica.ts:44:13-44:73:ConditionalExpression:false": R.lostFutureMessages,
  "targets/pbft/replica.ts:44:13-44:73:LogicalOperator:m.view > this.view && m.view === this.view && !this.active": R.lostFutureMessages,
  "targets/pbft/replica.ts:44:13-44:31:ConditionalExpression:false": R.lostFutureMessages,
  "targets/pbft/replica.ts:44:36-44:72:ConditionalExpression:false": R.lostFutureMessages,
  "targets/pbft/replica.ts:44:36-44:56:ConditionalExpression:true": R.bufferOccupancy,
  "targets/pbft/replica.ts:44:36-44:56:EqualityOperator:m.view !== this.view": R.lostFutureMessages,
  // dispatch — 48: if (m.view > this.view) this.buffer(m);
  "targets/pbft/replica.ts:48:13-48:31:ConditionalExpression:false": R.lostFutureMessages,
  // dispatch — 52: if (m.view > this.view) this.buffer(m);
  "targets/pbft/replica.ts:52:13-52:31:ConditionalExpression:false": R.lostFutureMessages,
  // dispatch — 55: case 'CHECKPOINT': return this.onCheckpoint(m);
  "targets/pbft/replica.ts:55:7-55:54:ConditionalExpression:case 'CHECKPOINT':": R.neverStable,
  "targets/pbft/replica.ts:55:12-55:24:StringLiteral:\"\"": R.neverStable,
  // dispatch — 56: case 'REQUEST': return this.onForwardedRequest(m);
  "targets/pbft/replica.ts:56:12-56:21:StringLiteral:\"\"": R.noForwarding,
  // dispatch — 60: case 'STATE': return this.onState(m);
  "targets/pbft/replica.ts:60:12-60:19:StringLiteral:\"\"": R.stateIgnored,
  // onTimer — 68: else if (id === STATUS_TIMER) this.onStatusTimer();
  "targets/pbft/replica.ts:68:14-68:33:ConditionalExpression:true": R.stateIgnored,
  // onTimer — 69: else if (id === STATE_TIMER) this.onStateTimer();
  "targets/pbft/replica.ts:69:14-69:32:ConditionalExpression:true": R.unknownTimer,
  "targets/pbft/replica.ts:69:14-69:32:ConditionalExpression:false": R.stateIgnored,
  "targets/pbft/replica.ts:69:14-69:32:EqualityOperator:id !== STATE_TIMER": R.stateIgnored,
  // buffer — 73: private buffer(m: PbftMessage): void {
  "targets/pbft/replica.ts:73:40-75:4:BlockStatement:{}": R.lostFutureMessages,
  // buffer — 74: if (this.future.length < 4 * this.options.logWindow * this.n) this.future.push(m);
  "targets/pbft/replica.ts:74:9-74:65:ConditionalExpression:true": R.bufferOccupancy,
  "targets/pbft/replica.ts:74:9-74:65:ConditionalExpression:false": R.lostFutureMessages,
  "targets/pbft/replica.ts:74:9-74:65:EqualityOperator:this.future.length <= 4 * this.options.logWindow * this.n": R.bufferOccupancy,
  "targets/pbft/replica.ts:74:9-74:65:EqualityOperator:this.future.length >= 4 * this.options.logWindow * this.n": R.lostFutureMessages,
  "targets/pbft/replica.ts:74:30-74:65:ArithmeticOperator:4 * this.options.logWindow / this.n": R.lostFutureMessages,
  "targets/pbft/replica.ts:74:30-74:56:ArithmeticOperator:4 / this.options.logWindow": R.lostFutureMessages,
  // viewChangeTimeout — 81: return this.options.viewChangeTimeoutMs * 2 ** Math.min(this.consecutiveViewChanges, this.options.viewChang...
  "targets/pbft/replica.ts:81:12-81:124:ArithmeticOperator:this.options.viewChangeTimeoutMs / 2 ** Math.min(this.consecutiveViewChanges, this.options.viewChangeBackoffCap)": R.shrunkTimeout,
  "targets/pbft/replica.ts:81:52-81:124:MethodExpression:Math.max(this.consecutiveViewChanges, this.options.viewChangeBackoffCap)": R.shrunkTimeout,
  // stopViewChangeTimer — 89: protected stopViewChangeTimer(): void {
  "targets/pbft/replica.ts:89:41-92:4:BlockStatement:{}": R.needlessViewChange,
  // restartViewChangeTimer — 100: protected restartViewChangeTimer(): void {
  "targets/pbft/replica.ts:100:44-104:4:BlockStatement:{}": R.needlessViewChange,
  // restartViewChangeTimer — 101: if (!this.active || this.isPrimary()) return;
  "targets/pbft/replica.ts:101:9-101:41:ConditionalExpression:true": R.needlessViewChange,
  "targets/pbft/replica.ts:101:9-101:41:ConditionalExpression:false": R.needlessViewChange,
  "targets/pbft/replica.ts:101:9-101:41:LogicalOperator:!this.active && this.isPrimary()": R.needlessViewChange,
  "targets/pbft/replica.ts:101:9-101:21:BooleanLiteral:this.active": R.needlessViewChange,
  // restartViewChangeTimer — 102: if (this.pending.size === 0) this.stopViewChangeTimer();
  "targets/pbft/replica.ts:102:9-102:32:ConditionalExpression:true": R.needlessViewChange,
  "targets/pbft/replica.ts:102:9-102:32:ConditionalExpression:false": R.needlessViewChange,
  "targets/pbft/replica.ts:102:9-102:32:EqualityOperator:this.pending.size !== 0": R.needlessViewChange,
  // onViewChangeTimer — 108: this.viewChangeTimerRunning = false;
  "targets/pbft/replica.ts:108:35-108:40:BooleanLiteral:true": R.timerFlagReset,
  // startViewChange — 116: if (w <= this.view) return;
  "targets/pbft/replica.ts:116:9-116:23:ConditionalExpression:false": R.callersPassHigherView,
  "targets/pbft/replica.ts:116:9-116:23:EqualityOperator:w < this.view": R.callersPassHigherView,
  // startViewChange — 119: this.consecutiveViewChanges++;
  "targets/pbft/replica.ts:119:5-119:34:UpdateOperator:this.consecutiveViewChanges--": R.shrunkTimeout,
  // startViewChange — 125: prepared: this.log.preparedAbove(stable.seq), sender: this.id, sig: '',
  "targets/pbft/replica.ts:125:75-125:77:StringLiteral:\"Stryker was here!\"": R.sigPlaceholder,
  // onStatusTimer — 139: if (!this.active && this.ownViewChange !== null && this.ownViewChange.view === this.view) this.ctx.broadcas...
  "targets/pbft/replica.ts:139:9-139:93:ConditionalExpression:true": R.nullBroadcast,
  "targets/pbft/replica.ts:139:9-139:52:LogicalOperator:!this.active || this.ownViewChange !== null": R.staleViewChangeRebroadcast,
  "targets/pbft/replica.ts:139:25-139:52:ConditionalExpression:true": R.inactiveHasOwnViewChange,
  "targets/pbft/replica.ts:139:56-139:93:ConditionalExpression:true": R.inactiveHasOwnViewChange,
  // onViewChange — 145: if (vc.view < this.view || (vc.view === this.view && this.active)) return;
  "targets/pbft/replica.ts:145:9-145:70:ConditionalExpression:false": R.oldViewChangesUnread,
  "targets/pbft/replica.ts:145:9-145:70:LogicalOperator:vc.view < this.view && vc.view === this.view && this.active": R.oldViewChangesUnread,
  "targets/pbft/replica.ts:145:9-145:28:ConditionalExpression:false": R.oldViewChangesUnread,
  "targets/pbft/replica.ts:145:33-145:69:ConditionalExpression:false": R.oldViewChangesUnread,
  // onViewChange — 146: if (!this.isValidViewChange(vc)) return;
  "targets/pbft/replica.ts:146:9-146:36:ConditionalExpression:false": R.unvalidatedViewChange,
  // onViewChange — 149: if (vc.view === this.view && !this.active) this.checkViewChangeQuorum(vc.view);
  "targets/pbft/replica.ts:149:9-149:46:ConditionalExpression:true": R.staleViewChangeState,
  "targets/pbft/replica.ts:149:9-149:46:LogicalOperator:vc.view === this.view || !this.active": R.staleViewChangeState,
  "targets/pbft/replica.ts:149:9-149:30:ConditionalExpression:true": R.staleViewChangeState,
  // storeViewChange — 158: if (!byView.has(vc.sender)) byView.set(vc.sender, vc);
  "targets/pbft/replica.ts:158:9-158:31:ConditionalExpression:true": R.lastVoteWins,
  // viewChangeQuorum — 168: return 2 * this.f + 1;
  "targets/pbft/replica.ts:168:12-168:22:ArithmeticOperator:2 / this.f": R.lowerQuorum,
  // maybeJoinViewChange — 176: if (w <= this.view) continue;
  "targets/pbft/replica.ts:176:11-176:25:ConditionalExpression:false": R.staleViewChangeState,
  "targets/pbft/replica.ts:176:11-176:25:EqualityOperator:w < this.view": R.staleViewChangeState,
  // maybeJoinViewChange — 177: for (const sender of byView.keys()) if (sender !== this.id) senders.add(sender);
  "targets/pbft/replica.ts:177:47-177:65:ConditionalExpression:true": R.ownViewChangeSkipped,
  // maybeJoinViewChange — 178: if (w < smallest) smallest = w;
  "targets/pbft/replica.ts:178:11-178:23:ConditionalExpression:true": R.farViews,
  "targets/pbft/replica.ts:178:11-178:23:EqualityOperator:w <= smallest": R.sameValueOnTie,
  // checkViewChangeQuorum — 186: if (byView === undefined || byView.size < this.viewChangeQuorum()) return;
  "targets/pbft/replica.ts:186:9-186:29:ConditionalExpression:false": R.byViewStored,
  // checkViewChangeQuorum — 189: } else if (this.timerArmedForView !== w) {
  "targets/pbft/replica.ts:189:16-189:44:ConditionalExpression:true": R.staleViewChangeState,
  // isValidViewChange — 197: if (vc.seq > 0) {
  "targets/pbft/replica.ts:197:9-197:19:ConditionalExpression:false": R.forgedCheckpointClaim,
  "targets/pbft/replica.ts:197:21-200:6:BlockStatement:{}": R.forgedCheckpointClaim,
  // isValidViewChange — 199: if (certifiedDigest(vc.checkpointProof, vc.seq, quorum, (c) => this.verifyMessage(c)) === null) return false;
  "targets/pbft/replica.ts:199:11-199:101:ConditionalExpression:false": R.forgedCheckpointClaim,
  "targets/pbft/replica.ts:199:110-199:115:BooleanLiteral:true": R.neverRejected, // NoCoverage
  // isValidViewChange — 202: for (const cert of vc.prepared) {
  "targets/pbft/replica.ts:202:37-205:6:BlockStatement:{}": R.forgedCert,
  // isValidViewChange — 203: if (seqs.has(cert.prePrepare.seq) || !this.isValidPreparedCert(cert, vc)) return false;
  "targets/pbft/replica.ts:203:11-203:79:ConditionalExpression:false": R.forgedCert,
  "targets/pbft/replica.ts:203:11-203:79:LogicalOperator:seqs.has(cert.prePrepare.seq) && !this.isValidPreparedCert(cert, vc)": R.forgedCert,
  "targets/pbft/replica.ts:203:88-203:93:BooleanLiteral:true": R.neverRejected, // NoCoverage
  // isValidPreparedCert — 212: if (pp.view >= vc.view || pp.seq <= vc.seq || pp.seq > vc.seq + this.options.logWindow) return false;
  "targets/pbft/replica.ts:212:9-212:91:ConditionalExpression:false": R.certViewNotBelow,
  "targets/pbft/replica.ts:212:9-212:91:LogicalOperator:(pp.view >= vc.view || pp.seq <= vc.seq) && pp.seq > vc.seq + this.options.logWindow": R.certViewNotBelow,
  "targets/pbft/replica.ts:212:9-212:47:ConditionalExpression:false": R.certViewNotBelow,
  "targets/pbft/replica.ts:212:9-212:47:LogicalOperator:pp.view >= vc.view && pp.seq <= vc.seq": R.certViewNotBelow,
  "targets/pbft/replica.ts:212:9-212:27:ConditionalExpression:false": R.certViewNotBelow,
  "targets/pbft/replica.ts:212:9-212:27:EqualityOperator:pp.view > vc.view": R.certViewNotBelow,
  "targets/pbft/replica.ts:212:31-212:47:ConditionalExpression:false": R.minSCoversLowCerts,
  "targets/pbft/replica.ts:212:31-212:47:EqualityOperator:pp.seq < vc.seq": R.minSCoversLowCerts,
  "targets/pbft/replica.ts:212:51-212:91:ConditionalExpression:false": R.windowCheckRedundant,
  "targets/pbft/replica.ts:212:51-212:91:EqualityOperator:pp.seq >= vc.seq + this.options.logWindow": R.watermarkOffByOne,
  "targets/pbft/replica.ts:212:100-212:105:BooleanLiteral:true": R.neverRejected, // NoCoverage
  // isValidPreparedCert — 213: if (pp.sender !== this.primaryOf(pp.view) || !this.batchIsValid(pp) || !this.verifyMessage(pp)) return false;
  "targets/pbft/replica.ts:213:9-213:99:ConditionalExpression:false": R.certPrePrepareRule,
  "targets/pbft/replica.ts:213:9-213:99:LogicalOperator:(pp.sender !== this.primaryOf(pp.view) || !this.batchIsValid(pp)) && !this.verifyMessage(pp)": R.certPrePrepareRule,
  "targets/pbft/replica.ts:213:9-213:72:ConditionalExpression:false": R.certPrePrepareRule,
  "targets/pbft/replica.ts:213:9-213:72:LogicalOperator:pp.sender !== this.primaryOf(pp.view) && !this.batchIsValid(pp)": R.certPrePrepareRule,
  "targets/pbft/replica.ts:213:9-213:46:ConditionalExpression:false": R.certSignerRedundant,
  "targets/pbft/replica.ts:213:108-213:113:BooleanLiteral:true": R.neverRejected, // NoCoverage
  // isValidPreparedCert — 216: if (p.view !== pp.view || p.seq !== pp.seq || p.digest !== pp.digest || p.sender === pp.sender || seen.has(...
  "targets/pbft/replica.ts:216:11-216:123:ConditionalExpression:false": R.forgedCert,
  "targets/pbft/replica.ts:216:11-216:123:LogicalOperator:(p.view !== pp.view || p.seq !== pp.seq || p.digest !== pp.digest || p.sender === pp.sender) && seen.has(p.sender)": R.forgedCert,
  "targets/pbft/replica.ts:216:11-216:101:ConditionalExpression:false": R.forgedCert,
  "targets/pbft/replica.ts:216:11-216:101:LogicalOperator:(p.view !== pp.view || p.seq !== pp.seq || p.digest !== pp.digest) && p.sender === pp.sender": R.forgedCert,
  "targets/pbft/replica.ts:216:11-216:75:ConditionalExpression:false": R.forgedCert,
  "targets/pbft/replica.ts:216:11-216:75:LogicalOperator:(p.view !== pp.view || p.seq !== pp.seq) && p.digest !== pp.digest": R.forgedCert,
  "targets/pbft/replica.ts:216:11-216:49:ConditionalExpression:false": R.forgedCert,
  "targets/pbft/replica.ts:216:11-216:49:LogicalOperator:p.view !== pp.view && p.seq !== pp.seq": R.forgedCert,
  "targets/pbft/replica.ts:216:11-216:29:ConditionalExpression:false": R.forgedCert,
  "targets/pbft/replica.ts:216:33-216:49:ConditionalExpression:false": R.forgedCert,
  "targets/pbft/replica.ts:216:53-216:75:ConditionalExpression:false": R.forgedCert,
  "targets/pbft/replica.ts:216:79-216:101:ConditionalExpression:false": R.forgedCert,
  // isValidPreparedCert — 217: if (this.verifyMessage(p)) seen.add(p.sender);
  "targets/pbft/replica.ts:217:11-217:32:ConditionalExpression:true": R.forgedCert,
  // isValidPreparedCert — 219: return seen.size >= this.prepareQuorum();
  "targets/pbft/replica.ts:219:12-219:45:ConditionalExpression:true": R.forgedCert,
  // sendNewView — 233: type: 'PRE-PREPARE', view: w, seq: e.seq, digest: e.digest, requests: e.requests, sender: this.id, sig: '',
  "targets/pbft/replica.ts:233:111-233:113:StringLiteral:\"Stryker was here!\"": R.sigPlaceholder,
  // sendNewView — 235: const nv = seal<NewViewMsg>({ type: 'NEW-VIEW', view: w, viewChanges, prePrepares, sender: this.id, sig: ''...
  "targets/pbft/replica.ts:235:110-235:112:StringLiteral:\"Stryker was here!\"": R.sigPlaceholder,
  // onNewView — 242: if (nv.view < this.view || (nv.view === this.view && this.active)) return;
  "targets/pbft/replica.ts:242:9-242:70:ConditionalExpression:false": R.oldNewViewAccepted,
  "targets/pbft/replica.ts:242:9-242:70:LogicalOperator:nv.view < this.view && nv.view === this.view && this.active": R.oldNewViewAccepted,
  "targets/pbft/replica.ts:242:9-242:28:ConditionalExpression:false": R.oldNewViewAccepted,
  "targets/pbft/replica.ts:242:33-242:69:ConditionalExpression:false": R.oldNewViewAccepted,
  "targets/pbft/replica.ts:242:33-242:54:ConditionalExpression:true": R.staleViewChangeState,
  "targets/pbft/replica.ts:242:33-242:54:EqualityOperator:nv.view !== this.view": R.staleViewChangeState,
  // onNewView — 243: if (nv.sender !== this.primaryOf(nv.view)) return;
  "targets/pbft/replica.ts:243:9-243:46:ConditionalExpression:false": R.newViewFromBackup,
  // onNewView — 245: if (plan !== null) this.enterView(nv, plan);
  "targets/pbft/replica.ts:245:9-245:22:ConditionalExpression:true": R.newViewNull,
  // validateNewView — 252: if (vc.view !== nv.view || senders.has(vc.sender) || !this.verifyMessage(vc) || !this.isValidViewChange(vc)...
  "targets/pbft/replica.ts:252:11-252:114:ConditionalExpression:false": R.newViewUnchecked,
  "targets/pbft/replica.ts:252:11-252:114:LogicalOperator:(vc.view !== nv.view || senders.has(vc.sender) || !this.verifyMessage(vc)) && !this.isValidViewChange(vc)": R.newViewUnchecked,
  "targets/pbft/replica.ts:252:11-252:83:ConditionalExpression:false": R.newViewUnchecked,
  "targets/pbft/replica.ts:252:11-252:83:LogicalOperator:(vc.view !== nv.view || senders.has(vc.sender)) && !this.verifyMessage(vc)": R.newViewUnchecked,
  "targets/pbft/replica.ts:252:11-252:56:ConditionalExpression:false": R.newViewUnchecked,
  "targets/pbft/replica.ts:252:11-252:56:LogicalOperator:vc.view !== nv.view && senders.has(vc.sender)": R.newViewUnchecked,
  "targets/pbft/replica.ts:252:11-252:30:ConditionalExpression:false": R.newViewUnchecked,
  // validateNewView — 255: if (senders.size < this.viewChangeQuorum()) return null;
  "targets/pbft/replica.ts:255:9-255:47:ConditionalExpression:false": R.newViewUnchecked,
  // validateNewView — 257: if (!matchesPlan(nv.prePrepares, plan)) return null;
  "targets/pbft/replica.ts:257:9-257:43:ConditionalExpression:false": R.newViewPlanMismatch,
  // validateNewView — 258: for (const pp of nv.prePrepares) {
  "targets/pbft/replica.ts:258:38-260:6:BlockStatement:{}": R.newViewUnchecked,
  // validateNewView — 259: if (pp.view !== nv.view || pp.sender !== nv.sender || !this.batchIsValid(pp) || !this.verifyMessage(pp)) re...
  "targets/pbft/replica.ts:259:11-259:110:ConditionalExpression:false": R.newViewUnchecked,
  "targets/pbft/replica.ts:259:11-259:110:LogicalOperator:(pp.view !== nv.view || pp.sender !== nv.sender || !this.batchIsValid(pp)) && !this.verifyMessage(pp)": R.newViewUnchecked,
  "targets/pbft/replica.ts:259:11-259:83:ConditionalExpression:false": R.newViewUnchecked,
  "targets/pbft/replica.ts:259:11-259:83:LogicalOperator:(pp.view !== nv.view || pp.sender !== nv.sender) && !this.batchIsValid(pp)": R.newViewUnchecked,
  "targets/pbft/replica.ts:259:11-259:57:ConditionalExpression:false": R.newViewUnchecked,
  "targets/pbft/replica.ts:259:11-259:57:LogicalOperator:pp.view !== nv.view && pp.sender !== nv.sender": R.newViewUnchecked,
  "targets/pbft/replica.ts:259:11-259:30:ConditionalExpression:false": R.newViewUnchecked,
  "targets/pbft/replica.ts:259:34-259:57:ConditionalExpression:false": R.newViewUnchecked,
  // enterView — 267: if (this.view !== w) this.log.clearSlots();
  "targets/pbft/replica.ts:267:9-267:24:ConditionalExpression:true": R.lostVotes,
  "targets/pbft/replica.ts:267:9-267:24:ConditionalExpression:false": R.staleSlotsUnread,
  "targets/pbft/replica.ts:267:9-267:24:EqualityOperator:this.view === w": R.lostVotes,
  // enterView — 272: this.timerArmedForView = -1;
  "targets/pbft/replica.ts:272:30-272:32:UnaryOperator:+1": R.timerArmedNeverOne,
  // enterView — 274: for (const key of this.viewChanges.keys()) if (key <= w) this.viewChanges.delete(key);
  "targets/pbft/replica.ts:274:52-274:60:ConditionalExpression:true": R.staleViewChangeState,
  "targets/pbft/replica.ts:274:52-274:60:ConditionalExpression:false": R.viewChangeGcMemory,
  "targets/pbft/replica.ts:274:52-274:60:EqualityOperator:key < w": R.viewChangeGcMemory,
  "targets/pbft/replica.ts:274:52-274:60:EqualityOperator:key > w": R.staleViewChangeState,
  // enterView — 277: for (const pp of nv.prePrepares) {
  "targets/pbft/replica.ts:277:38-279:6:BlockStatement:{}": R.assignedHarmless,
  // enterView — 278: for (const r of pp.requests) this.assigned.set(r.client, Math.max(r.requestId, this.assigned.get(r.client) ...
  "targets/pbft/replica.ts:278:64-278:119:MethodExpression:Math.min(r.requestId, this.assigned.get(r.client) ?? 0)": R.assignedHarmless,
  "targets/pbft/replica.ts:278:86-278:118:LogicalOperator:this.assigned.get(r.client) && 0": R.assignedHarmless,
  // enterView — 282: this.nextSeq = Math.max(this.nextSeq, this.low + 1);
  "targets/pbft/replica.ts:282:43-282:55:ArithmeticOperator:this.low - 1": R.viewNotReset,
  // enterView — 284: if (!this.inWatermarks(pp.seq)) continue;
  "targets/pbft/replica.ts:284:11-284:37:ConditionalExpression:false": R.belowLowAccepted,
  // enterView — 287: if (!this.isPrimary()) this.sendPrepare(slot, pp);
  "targets/pbft/replica.ts:287:11-287:28:ConditionalExpression:true": R.primaryVoteExcluded,
  // enterView — 291: if (this.isPrimary()) this.proposePending();
  "targets/pbft/replica.ts:291:9-291:25:ConditionalExpression:true": R.viewNotReset,
  // enterView — 292: else if (this.pending.size > 0) this.armViewChangeTimer();
  "targets/pbft/replica.ts:292:14-292:35:ConditionalExpression:true": R.needlessViewChange,
  "targets/pbft/replica.ts:292:14-292:35:ConditionalExpression:false": R.viewNotReset,
  "targets/pbft/replica.ts:292:14-292:35:EqualityOperator:this.pending.size >= 0": R.needlessViewChange,
  "targets/pbft/replica.ts:292:14-292:35:EqualityOperator:this.pending.size <= 0": R.viewNotReset,
  // adoptNewViewCheckpoint — 297: protected adoptNewViewCheckpoint(plan: NewViewPlan): void {
  "targets/pbft/replica.ts:297:61-303:4:BlockStatement:{}": R.neverAdopt,
  // adoptNewViewCheckpoint — 299: if (source === null || plan.minS <= this.low) return;
  "targets/pbft/replica.ts:299:9-299:49:ConditionalExpression:true": R.neverAdopt,
  "targets/pbft/replica.ts:299:9-299:49:ConditionalExpression:false": R.sourceNeverNull,
  "targets/pbft/replica.ts:299:9-299:49:LogicalOperator:source === null && plan.minS <= this.low": R.sourceNeverNull,
  "targets/pbft/replica.ts:299:9-299:24:ConditionalExpression:false": R.sourceNeverNull,
  "targets/pbft/replica.ts:299:9-299:24:EqualityOperator:source !== null": R.neverAdopt,
  "targets/pbft/replica.ts:299:28-299:49:ConditionalExpression:false": R.sourceNeverNull,
  "targets/pbft/replica.ts:299:28-299:49:EqualityOperator:plan.minS < this.low": R.sourceNeverNull,
  "targets/pbft/replica.ts:299:28-299:49:EqualityOperator:plan.minS > this.low": R.neverAdopt,
  // adoptNewViewCheckpoint — 301: const digest = certifiedDigest(source.checkpointProof, plan.minS, quorum, (c) => this.verifyMessage(c));
  "targets/pbft/replica.ts:301:79-301:107:ArrowFunction:() => undefined": R.neverAdopt, // NoCoverage
  // adoptNewViewCheckpoint — 302: if (digest !== null) this.onStableCertified(plan.minS, digest, source.checkpointProof);
  "targets/pbft/replica.ts:302:9-302:24:ConditionalExpression:true": R.digestNeverNull, // NoCoverage
  "targets/pbft/replica.ts:302:9-302:24:ConditionalExpression:false": R.neverAdopt, // NoCoverage
  "targets/pbft/replica.ts:302:9-302:24:EqualityOperator:digest === null": R.neverAdopt, // NoCoverage
  // replayFuture — 306: private replayFuture(): void {
  "targets/pbft/replica.ts:306:32-313:4:BlockStatement:{}": R.lostFutureMessages,
  // replayFuture — 308: for (const m of buffered) {
  "targets/pbft/replica.ts:308:31-312:6:BlockStatement:{}": R.lostFutureMessages,
  // replayFuture — 309: const view = m.type === 'PRE-PREPARE' || m.type === 'PREPARE' || m.type === 'COMMIT' ? m.view : -1;
  "targets/pbft/replica.ts:309:20-309:91:ConditionalExpression:true": R.onlyVotesBuffered,
  "targets/pbft/replica.ts:309:20-309:91:ConditionalExpression:false": R.lostFutureMessages,
  "targets/pbft/replica.ts:309:20-309:91:LogicalOperator:(m.type === 'PRE-PREPARE' || m.type === 'PREPARE') && m.type === 'COMMIT'": R.lostFutureMessages,
  "targets/pbft/replica.ts:309:20-309:68:ConditionalExpression:false": R.lostFutureMessages,
  "targets/pbft/replica.ts:309:20-309:68:LogicalOperator:m.type === 'PRE-PREPARE' && m.type === 'PREPARE'": R.lostFutureMessages,
  "targets/pbft/replica.ts:309:20-309:44:ConditionalExpression:false": R.lostFutureMessages,
  "targets/pbft/replica.ts:309:20-309:44:EqualityOperator:m.type !== 'PRE-PREPARE'": R.lostFutureMessages,
  "targets/pbft/replica.ts:309:31-309:44:StringLiteral:\"\"": R.lostFutureMessages,
  "targets/pbft/replica.ts:309:48-309:68:ConditionalExpression:false": R.lostFutureMessages,
  "targets/pbft/replica.ts:309:48-309:68:EqualityOperator:m.type !== 'PREPARE'": R.lostFutureMessages,
  "targets/pbft/replica.ts:309:59-309:68:StringLiteral:\"\"": R.lostFutureMessages,
  "targets/pbft/replica.ts:309:72-309:91:ConditionalExpression:false": R.lostFutureMessages,
  "targets/pbft/replica.ts:309:72-309:91:EqualityOperator:m.type !== 'COMMIT'": R.lostFutureMessages,
  "targets/pbft/replica.ts:309:83-309:91:StringLiteral:\"\"": R.lostFutureMessages,
  "targets/pbft/replica.ts:309:103-309:105:UnaryOperator:+1": R.onlyVotesBuffered, // NoCoverage
  // replayFuture — 310: if (view === this.view) this.dispatch(m);
  "targets/pbft/replica.ts:310:11-310:29:ConditionalExpression:true": R.redispatchSame,
  "targets/pbft/replica.ts:310:11-310:29:ConditionalExpression:false": R.lostFutureMessages,
  "targets/pbft/replica.ts:310:11-310:29:EqualityOperator:view !== this.view": R.lostFutureMessages,
  // replayFuture — 311: else if (view > this.view) this.future.push(m);
  "targets/pbft/replica.ts:311:16-311:32:ConditionalExpression:true": R.bufferOccupancy,
  "targets/pbft/replica.ts:311:16-311:32:ConditionalExpression:false": R.lostFutureMessages,
  "targets/pbft/replica.ts:311:16-311:32:EqualityOperator:view >= this.view": R.equalHandledFirst,
  "targets/pbft/replica.ts:311:16-311:32:EqualityOperator:view <= this.view": R.lostFutureMessages,
};
