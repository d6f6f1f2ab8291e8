import type { MutantClass } from '../mutation-classes.js';
import { R } from './reasons.js';

// Every survivor of targets/pbft/replica-core.ts in the stored Stryker run, looked at one by one. Keys are mutantKey():
// file:line:column-endLine:endColumn:mutator:replacement (the end position separates nested
// sub-expressions that start at the same column); comments name the method and the source line.

/** Reviewed verdicts for the surviving mutants of targets/pbft/replica-core.ts, by mutant key. */
export const REPLICA_CORE_VERDICTS: Readonly<Record<string, MutantClass>> = {
  // (module) — 13: export const VIEW_CHANGE_TIMER = 'view-change';
  "targets/pbft/replica-core.ts:13:34-13:47:StringLiteral:\"\"": R.timerName,
  // (module) — 15: export const STATUS_TIMER = 'status';
  "targets/pbft/replica-core.ts:15:29-15:37:StringLiteral:\"\"": R.timerName,
  // (module) — 17: export const STATE_TIMER = 'state-transfer';
  "targets/pbft/replica-core.ts:17:28-17:44:StringLiteral:\"\"": R.timerName,
  // (field) — 50: protected active = true;
  "targets/pbft/replica-core.ts:50:22-50:26:BooleanLiteral:false": R.startInactive,
  // (field) — 66: protected viewChangeTimerRunning = false;
  "targets/pbft/replica-core.ts:66:38-66:43:BooleanLiteral:true": R.initOverwrites,
  // constructor — 77: this.options = o.batching ? o : { ...o, maxBatch: 1, pipelineDepth: o.logWindow };
  "targets/pbft/replica-core.ts:77:37-77:86:ObjectLiteral:{}": R.deadOption, // NoCoverage
  // inspect — 83: inspect(): PbftProgress {
  "targets/pbft/replica-core.ts:83:27-88:4:BlockStatement:{}": R.inspectOnly, // NoCoverage
  // inspect — 84: return {
  "targets/pbft/replica-core.ts:84:12-87:6:ObjectLiteral:{}": R.inspectOnly, // NoCoverage
  // prepareQuorum — 94: return 2 * this.f;
  "targets/pbft/replica-core.ts:94:12-94:22:ArithmeticOperator:2 / this.f": R.lowerPrepareQuorum,
  // commitQuorum — 99: return 2 * this.f + 1;
  "targets/pbft/replica-core.ts:99:12-99:26:ArithmeticOperator:2 * this.f - 1": R.lowerQuorum,
  "targets/pbft/replica-core.ts:99:12-99:22:ArithmeticOperator:2 / this.f": R.lowerQuorum,
  // checkpointStableQuorum — 104: return 2 * this.f + 1;
  "targets/pbft/replica-core.ts:104:12-104:26:ArithmeticOperator:2 * this.f - 1": R.checkpointQuorumLow,
  "targets/pbft/replica-core.ts:104:12-104:22:ArithmeticOperator:2 / this.f": R.checkpointQuorumTwoAtSeven,
  // inWatermarks — 124: return seq > this.low && seq <= this.low + this.options.logWindow;
  "targets/pbft/replica-core.ts:124:12-124:70:ConditionalExpression:true": R.outsideWindow,
  "targets/pbft/replica-core.ts:124:12-124:70:LogicalOperator:seq > this.low || seq <= this.low + this.options.logWindow": R.outsideWindow,
  "targets/pbft/replica-core.ts:124:12-124:26:ConditionalExpression:true": R.belowLowAccepted,
  "targets/pbft/replica-core.ts:124:12-124:26:EqualityOperator:seq >= this.low": R.belowLowAccepted,
  "targets/pbft/replica-core.ts:124:30-124:70:ConditionalExpression:true": R.outsideWindow,
  "targets/pbft/replica-core.ts:124:30-124:70:EqualityOperator:seq < this.low + this.options.logWindow": R.watermarkOffByOne,
  // verifyMessage — 129: return m.sender < this.n && this.ctx.verify(m.sender, signingText(m), m.sig);
  "targets/pbft/replica-core.ts:129:12-129:81:ConditionalExpression:true": R.noSignatureCheck,
  "targets/pbft/replica-core.ts:129:12-129:81:LogicalOperator:m.sender < this.n || this.ctx.verify(m.sender, signingText(m), m.sig)": R.noSignatureCheck,
  "targets/pbft/replica-core.ts:129:12-129:29:ConditionalExpression:true": R.noKey,
  "targets/pbft/replica-core.ts:129:12-129:29:EqualityOperator:m.sender <= this.n": R.noKey,
  // addVote — 134: if (!votes.has(vote.sender)) votes.set(vote.sender, vote);
  "targets/pbft/replica-core.ts:134:9-134:32:ConditionalExpression:true": R.lastVoteWins,
  // countPrepares — 140: return pp === null ? 0 : countMatching(slot.prepares, pp.digest, this.primaryOf(slot.view));
  "targets/pbft/replica-core.ts:140:12-140:23:ConditionalExpression:false": R.callerChecksPrePrepare,
  // countCommits — 146: return pp === null ? 0 : countMatching(slot.commits, pp.digest, -1);
  "targets/pbft/replica-core.ts:146:12-146:23:ConditionalExpression:false": R.callerChecksPrePrepare,
  // isPrepared — 151: return slot.prePrepare !== null && this.countPrepares(slot) >= this.prepareQuorum();
  "targets/pbft/replica-core.ts:151:12-151:36:ConditionalExpression:true": R.zeroBelowQuorum,
  // isWellFormedRequest — 167: return isClientRequest(r) && r.client >= this.n && r.client < this.n + this.ctx.config.clients.length && r....
  "targets/pbft/replica-core.ts:167:12-167:125:ConditionalExpression:true": R.ownIdRequest,
  "targets/pbft/replica-core.ts:167:12-167:125:LogicalOperator:isClientRequest(r) && r.client >= this.n && r.client < this.n + this.ctx.config.clients.length || r.requestId > 0": R.ownIdRequest,
  "targets/pbft/replica-core.ts:167:12-167:106:ConditionalExpression:true": R.ownIdRequest,
  "targets/pbft/replica-core.ts:167:12-167:106:LogicalOperator:isClientRequest(r) && r.client >= this.n || r.client < this.n + this.ctx.config.clients.length": R.ownIdRequest,
  "targets/pbft/replica-core.ts:167:12-167:52:ConditionalExpression:true": R.ownIdRequest,
  "targets/pbft/replica-core.ts:167:12-167:52:LogicalOperator:isClientRequest(r) || r.client >= this.n": R.ownIdRequest,
  "targets/pbft/replica-core.ts:167:34-167:52:ConditionalExpression:true": R.ownIdRequest,
  "targets/pbft/replica-core.ts:167:56-167:106:ConditionalExpression:true": R.noKey,
  "targets/pbft/replica-core.ts:167:56-167:106:EqualityOperator:r.client <= this.n + this.ctx.config.clients.length": R.noKey,
  "targets/pbft/replica-core.ts:167:110-167:125:ConditionalExpression:true": R.noKey,
  "targets/pbft/replica-core.ts:167:110-167:125:EqualityOperator:r.requestId >= 0": R.noKey,
  // verifyClientRequest — 172: return typeof r.signature === 'string' && this.ctx.verify(r.client, clientRequestSigningData(r), r.signature);
  "targets/pbft/replica-core.ts:172:12-172:43:ConditionalExpression:true": R.noKey,
  // batchIsValid — 178: return pp.digest === batchDigest(pp.requests);
  "targets/pbft/replica-core.ts:178:12-178:50:ConditionalExpression:true": R.batchDigestUnchecked,
  // acceptPrePrepare — 183: if (!this.active || pp.view !== this.view || pp.sender !== this.primaryOf(pp.view)) return false;
  "targets/pbft/replica-core.ts:183:9-183:87:ConditionalExpression:false": R.oldViewAccepted,
  "targets/pbft/replica-core.ts:183:9-183:87:LogicalOperator:(!this.active || pp.view !== this.view) && pp.sender !== this.primaryOf(pp.view)": R.oldViewAccepted,
  "targets/pbft/replica-core.ts:183:9-183:46:ConditionalExpression:false": R.oldViewAccepted,
  "targets/pbft/replica-core.ts:183:9-183:46:LogicalOperator:!this.active && pp.view !== this.view": R.oldViewAccepted,
  "targets/pbft/replica-core.ts:183:25-183:46:ConditionalExpression:false": R.oldViewAccepted,
  "targets/pbft/replica-core.ts:183:50-183:87:ConditionalExpression:false": R.nonPrimaryProposal,
  "targets/pbft/replica-core.ts:183:96-183:101:BooleanLiteral:true": R.oldViewAccepted,
  // acceptPrePrepare — 186: return slot === undefined || slot.view !== pp.view || slot.prePrepare === null;
  "targets/pbft/replica-core.ts:186:12-186:83:ConditionalExpression:true": R.secondPrePrepare,
  "targets/pbft/replica-core.ts:186:34-186:55:ConditionalExpression:false": R.slotsCurrentView,
  "targets/pbft/replica-core.ts:186:34-186:55:EqualityOperator:slot.view === pp.view": R.secondPrePrepare,
  "targets/pbft/replica-core.ts:186:59-186:83:ConditionalExpression:false": R.lostVotes,
  "targets/pbft/replica-core.ts:186:59-186:83:EqualityOperator:slot.prePrepare !== null": R.secondPrePrepare,
  // onRequest — 193: if (this.isWellFormedRequest(request)) this.receiveRequest(request, true);
  "targets/pbft/replica-core.ts:193:9-193:42:ConditionalExpression:true": R.requestFromClients,
  // receiveRequest — 198: if (this.isDuplicateRequest(r)) {
  "targets/pbft/replica-core.ts:198:9-198:35:ConditionalExpression:false": R.clientWaits,
  "targets/pbft/replica-core.ts:198:37-201:6:BlockStatement:{}": R.clientWaits,
  // receiveRequest — 203: const isNew = known === undefined || known.requestId < r.requestId;
  "targets/pbft/replica-core.ts:203:19-203:71:ConditionalExpression:true": R.pendingMishandled,
  "targets/pbft/replica-core.ts:203:42-203:71:ConditionalExpression:false": R.pendingMishandled,
  "targets/pbft/replica-core.ts:203:42-203:71:EqualityOperator:known.requestId <= r.requestId": R.proposeIdempotent,
  "targets/pbft/replica-core.ts:203:42-203:71:EqualityOperator:known.requestId >= r.requestId": R.pendingMishandled,
  // receiveRequest — 204: if (isNew) this.pending.set(r.client, r);
  "targets/pbft/replica-core.ts:204:9-204:14:ConditionalExpression:true": R.pendingMishandled,
  // receiveRequest — 205: if (this.isPrimary()) {
  "targets/pbft/replica-core.ts:205:9-205:25:ConditionalExpression:false": R.primaryDoesNotPropose,
  "targets/pbft/replica-core.ts:205:27-208:6:BlockStatement:{}": R.primaryDoesNotPropose,
  // receiveRequest — 206: if (isNew) this.proposePending();
  "targets/pbft/replica-core.ts:206:11-206:16:ConditionalExpression:true": R.proposeIdempotent,
  "targets/pbft/replica-core.ts:206:11-206:16:ConditionalExpression:false": R.primaryDoesNotPropose,
  // receiveRequest — 209: if (!fromClient) return;
  "targets/pbft/replica-core.ts:209:9-209:20:ConditionalExpression:false": R.primaryReturnsFirst,
  // receiveRequest — 211: this.ctx.send(this.primaryOf(this.view), seal<RequestMsg>({ type: 'REQUEST', request: r, sender: this.id, s...
  "targets/pbft/replica-core.ts:211:63-211:120:ObjectLiteral:{}": R.malformedPayload,
  "targets/pbft/replica-core.ts:211:71-211:80:StringLiteral:\"\"": R.malformedPayload,
  "targets/pbft/replica-core.ts:211:116-211:118:StringLiteral:\"Stryker was here!\"": R.sigPlaceholder,
  // onForwardedRequest — 216: protected onForwardedRequest(m: RequestMsg): void {
  "targets/pbft/replica-core.ts:216:53-218:4:BlockStatement:{}": R.noForwarding,
  // onForwardedRequest — 217: if (this.isWellFormedRequest(m.request) && this.isPrimary()) this.receiveRequest(m.request, false);
  "targets/pbft/replica-core.ts:217:9-217:64:ConditionalExpression:true": R.forwardedUnchecked,
  "targets/pbft/replica-core.ts:217:9-217:64:ConditionalExpression:false": R.noForwarding,
  "targets/pbft/replica-core.ts:217:9-217:64:LogicalOperator:this.isWellFormedRequest(m.request) || this.isPrimary()": R.forwardedUnchecked,
  "targets/pbft/replica-core.ts:217:97-217:102:BooleanLiteral:true": R.primaryReturnsFirst,
  // resendReply — 221: protected resendReply(r: ClientRequest): void {
  "targets/pbft/replica-core.ts:221:49-224:4:BlockStatement:{}": R.clientWaits,
  // resendReply — 223: if (last !== undefined && last.requestId === r.requestId) this.ctx.reply(r.client, r.requestId, last.result);
  "targets/pbft/replica-core.ts:223:9-223:61:ConditionalExpression:true": R.olderReplyIgnored,
  "targets/pbft/replica-core.ts:223:9-223:61:ConditionalExpression:false": R.clientWaits,
  "targets/pbft/replica-core.ts:223:9-223:61:LogicalOperator:last !== undefined || last.requestId === r.requestId": R.olderReplyIgnored,
  "targets/pbft/replica-core.ts:223:9-223:27:ConditionalExpression:true": R.olderReplyIgnored,
  "targets/pbft/replica-core.ts:223:9-223:27:EqualityOperator:last === undefined": R.clientWaits,
  "targets/pbft/replica-core.ts:223:31-223:61:ConditionalExpression:true": R.olderReplyIgnored,
  "targets/pbft/replica-core.ts:223:31-223:61:EqualityOperator:last.requestId !== r.requestId": R.clientWaits,
  // proposePending — 230: if (!this.active || !this.isPrimary()) return;
  "targets/pbft/replica-core.ts:230:9-230:42:ConditionalExpression:false": R.backupsPropose,
  "targets/pbft/replica-core.ts:230:9-230:42:LogicalOperator:!this.active && !this.isPrimary()": R.backupsPropose,
  // proposePending — 231: while (this.nextSeq <= this.low + this.options.logWindow && this.nextSeq - 1 - this.lastExecuted < this.opt...
  "targets/pbft/replica-core.ts:231:12-231:130:LogicalOperator:this.nextSeq <= this.low + this.options.logWindow || this.nextSeq - 1 - this.lastExecuted < this.options.pipelineDepth": R.primaryBeyondWindow,
  "targets/pbft/replica-core.ts:231:12-231:61:ConditionalExpression:true": R.primaryBeyondWindow,
  "targets/pbft/replica-core.ts:231:12-231:61:EqualityOperator:this.nextSeq < this.low + this.options.logWindow": R.primaryBeyondWindow,
  "targets/pbft/replica-core.ts:231:65-231:130:ConditionalExpression:true": R.pipelineKnob,
  "targets/pbft/replica-core.ts:231:65-231:130:EqualityOperator:this.nextSeq - 1 - this.lastExecuted <= this.options.pipelineDepth": R.pipelineKnob,
  // proposePending — 234: const seq = this.nextSeq++;
  "targets/pbft/replica-core.ts:234:19-234:33:UpdateOperator:this.nextSeq--": R.primaryDoesNotPropose,
  // proposePending — 237: type: 'PRE-PREPARE', view: this.view, seq, digest: batchDigest(batch), requests: batch, sender: this.id, si...
  "targets/pbft/replica-core.ts:237:119-237:121:StringLiteral:\"Stryker was here!\"": R.sigPlaceholder,
  // nextBatch — 250: if (batch.length >= this.options.maxBatch) break;
  "targets/pbft/replica-core.ts:250:11-250:48:ConditionalExpression:false": R.batchNeverFull,
  "targets/pbft/replica-core.ts:250:11-250:48:EqualityOperator:batch.length > this.options.maxBatch": R.batchNeverFull,
  // nextBatch — 251: if ((this.assigned.get(r.client) ?? 0) >= r.requestId || this.isDuplicateRequest(r)) continue;
  "targets/pbft/replica-core.ts:251:11-251:90:ConditionalExpression:false": R.reproposeHarmless,
  "targets/pbft/replica-core.ts:251:11-251:90:LogicalOperator:(this.assigned.get(r.client) ?? 0) >= r.requestId && this.isDuplicateRequest(r)": R.reproposeHarmless,
  "targets/pbft/replica-core.ts:251:11-251:60:ConditionalExpression:false": R.reproposeHarmless,
  "targets/pbft/replica-core.ts:251:11-251:60:EqualityOperator:(this.assigned.get(r.client) ?? 0) > r.requestId": R.reproposeHarmless,
  "targets/pbft/replica-core.ts:251:12-251:44:LogicalOperator:this.assigned.get(r.client) && 0": R.reproposeHarmless,
  // onPrePrepare — 262: if (pp.sender !== this.id) this.sendPrepare(slot, pp);
  "targets/pbft/replica-core.ts:262:9-262:30:ConditionalExpression:true": R.ownPrePrepare,
  // sendPrepare — 268: const p = seal<PrepareMsg>({ type: 'PREPARE', view: pp.view, seq: pp.seq, digest: pp.digest, sender: this.i...
  "targets/pbft/replica-core.ts:268:120-268:122:StringLiteral:\"Stryker was here!\"": R.sigPlaceholder,
  // onPrepare — 275: if (p.view !== this.view || !this.inWatermarks(p.seq) || p.sender === this.primaryOf(p.view)) return;
  "targets/pbft/replica-core.ts:275:9-275:97:ConditionalExpression:false": R.oldViewAccepted,
  "targets/pbft/replica-core.ts:275:9-275:97:LogicalOperator:(p.view !== this.view || !this.inWatermarks(p.seq)) && p.sender === this.primaryOf(p.view)": R.oldViewAccepted,
  "targets/pbft/replica-core.ts:275:9-275:58:ConditionalExpression:false": R.oldViewAccepted,
  "targets/pbft/replica-core.ts:275:9-275:58:LogicalOperator:p.view !== this.view && !this.inWatermarks(p.seq)": R.oldViewAccepted,
  "targets/pbft/replica-core.ts:275:9-275:29:ConditionalExpression:false": R.oldViewAccepted,
  "targets/pbft/replica-core.ts:275:62-275:97:ConditionalExpression:false": R.primaryVoteExcluded,
  // onCommit — 283: if (c.view !== this.view || !this.inWatermarks(c.seq)) return;
  "targets/pbft/replica-core.ts:283:9-283:58:ConditionalExpression:false": R.oldViewAccepted,
  "targets/pbft/replica-core.ts:283:9-283:58:LogicalOperator:c.view !== this.view && !this.inWatermarks(c.seq)": R.oldViewAccepted,
  "targets/pbft/replica-core.ts:283:9-283:29:ConditionalExpression:false": R.oldViewAccepted,
  // checkPrepared — 291: if (slot.prepared || !this.active || !this.isPrepared(slot)) return;
  "targets/pbft/replica-core.ts:291:9-291:38:ConditionalExpression:false": R.rePrepareHarmless,
  "targets/pbft/replica-core.ts:291:9-291:38:LogicalOperator:slot.prepared && !this.active": R.rePrepareHarmless,
  // checkPrepared — 295: const c = seal<CommitMsg>({ type: 'COMMIT', view: pp.view, seq: pp.seq, digest: pp.digest, sender: this.id,...
  "targets/pbft/replica-core.ts:295:118-295:120:StringLiteral:\"Stryker was here!\"": R.sigPlaceholder,
  // checkCommitted — 304: slot.committed = true;
  "targets/pbft/replica-core.ts:304:22-304:26:BooleanLiteral:false": R.recommitSameValue,
  // markCommitted — 313: if (seq <= this.lastExecuted || seq <= this.low || this.committed.has(seq)) return;
  "targets/pbft/replica-core.ts:313:9-313:79:ConditionalExpression:false": R.recommitSameValue,
  "targets/pbft/replica-core.ts:313:9-313:79:LogicalOperator:(seq <= this.lastExecuted || seq <= this.low) && this.committed.has(seq)": R.recommitSameValue,
  "targets/pbft/replica-core.ts:313:9-313:52:ConditionalExpression:false": R.recommitSameValue,
  "targets/pbft/replica-core.ts:313:9-313:52:LogicalOperator:seq <= this.lastExecuted && seq <= this.low": R.recommitSameValue,
  "targets/pbft/replica-core.ts:313:9-313:33:ConditionalExpression:false": R.recommitSameValue,
  "targets/pbft/replica-core.ts:313:9-313:33:EqualityOperator:seq < this.lastExecuted": R.recommitSameValue,
  "targets/pbft/replica-core.ts:313:37-313:52:ConditionalExpression:false": R.recommitSameValue,
  "targets/pbft/replica-core.ts:313:37-313:52:EqualityOperator:seq < this.low": R.recommitSameValue,
  // executeBatch — 331: let executedAny = false;
  "targets/pbft/replica-core.ts:331:23-331:28:BooleanLiteral:true": R.backoffResetOnly,
  // executeBatch — 332: for (const r of pp.requests) if (this.executeRequest(pp.seq, r)) executedAny = true;
  "targets/pbft/replica-core.ts:332:84-332:88:BooleanLiteral:false": R.slowerTimeout,
  // executeBatch — 334: if (executedAny) this.consecutiveViewChanges = 0;
  "targets/pbft/replica-core.ts:334:9-334:20:ConditionalExpression:true": R.backoffResetOnly,
  "targets/pbft/replica-core.ts:334:9-334:20:ConditionalExpression:false": R.slowerTimeout,
  // executeBatch — 335: if (pp.seq % this.options.checkpointInterval === 0) this.takeCheckpoint(pp.seq);
  "targets/pbft/replica-core.ts:335:9-335:55:ConditionalExpression:true": R.checkpointSchedule,
  "targets/pbft/replica-core.ts:335:9-335:55:ConditionalExpression:false": R.neverStable,
  "targets/pbft/replica-core.ts:335:9-335:55:EqualityOperator:pp.seq % this.options.checkpointInterval !== 0": R.checkpointSchedule,
  "targets/pbft/replica-core.ts:335:9-335:49:ArithmeticOperator:pp.seq * this.options.checkpointInterval": R.neverStable,
  // executeRequest — 342: if (waiting !== undefined && waiting.requestId <= r.requestId) this.pending.delete(r.client);
  "targets/pbft/replica-core.ts:342:9-342:66:ConditionalExpression:true": R.pendingMishandled,
  "targets/pbft/replica-core.ts:342:9-342:66:ConditionalExpression:false": R.pendingMishandled,
  "targets/pbft/replica-core.ts:342:34-342:66:ConditionalExpression:true": R.pendingMishandled,
  "targets/pbft/replica-core.ts:342:34-342:66:EqualityOperator:waiting.requestId < r.requestId": R.pendingMishandled,
  "targets/pbft/replica-core.ts:342:34-342:66:EqualityOperator:waiting.requestId > r.requestId": R.pendingMishandled,
  // executeRequest — 343: if (this.isDuplicateRequest(r)) return false;
  "targets/pbft/replica-core.ts:343:9-343:35:ConditionalExpression:false": R.reexecute,
  "targets/pbft/replica-core.ts:343:44-343:49:BooleanLiteral:true": R.duplicateNeverExecuted, // NoCoverage
  // executeRequest — 348: return true;
  "targets/pbft/replica-core.ts:348:12-348:16:BooleanLiteral:false": R.slowerTimeout,
  // afterProgress — 352: protected afterProgress(): void {
  "targets/pbft/replica-core.ts:352:35-356:4:BlockStatement:{}": R.needlessViewChange,
  // takeCheckpoint — 361: protected takeCheckpoint(seq: number): void {
  "targets/pbft/replica-core.ts:361:47-368:4:BlockStatement:{}": R.neverStable,
  // takeCheckpoint — 365: const m = seal<CheckpointMsg>({ type: 'CHECKPOINT', seq, digest, sender: this.id, sig: '' }, this.sign);
  "targets/pbft/replica-core.ts:365:35-365:96:ObjectLiteral:{}": R.malformedPayload,
  "targets/pbft/replica-core.ts:365:43-365:55:StringLiteral:\"\"": R.malformedPayload,
  "targets/pbft/replica-core.ts:365:92-365:94:StringLiteral:\"Stryker was here!\"": R.sigPlaceholder,
  // onCheckpoint — 371: protected onCheckpoint(m: CheckpointMsg): void {
  "targets/pbft/replica-core.ts:371:50-376:4:BlockStatement:{}": R.neverStable,
  // onCheckpoint — 372: if (m.seq <= this.low) return;
  "targets/pbft/replica-core.ts:372:9-372:26:ConditionalExpression:true": R.neverStable,
  "targets/pbft/replica-core.ts:372:9-372:26:ConditionalExpression:false": R.stableGuardsLow,
  "targets/pbft/replica-core.ts:372:9-372:26:EqualityOperator:m.seq < this.low": R.stableGuardsLow,
  "targets/pbft/replica-core.ts:372:9-372:26:EqualityOperator:m.seq > this.low": R.neverStable,
  // onCheckpoint — 374: if (this.checkpoints.count(m.seq, m.digest) < this.checkpointStableQuorum()) return;
  "targets/pbft/replica-core.ts:374:9-374:80:ConditionalExpression:true": R.neverStable,
  "targets/pbft/replica-core.ts:374:9-374:80:EqualityOperator:this.checkpoints.count(m.seq, m.digest) <= this.checkpointStableQuorum()": R.neverStable,
  // advanceStable — 379: protected advanceStable(seq: number, digest: string, proof: readonly CheckpointMsg[], snapshot: string | nu...
  "targets/pbft/replica-core.ts:379:120-386:4:BlockStatement:{}": R.neverStable,
  // advanceStable — 380: if (seq <= this.low) return;
  "targets/pbft/replica-core.ts:380:9-380:24:ConditionalExpression:true": R.neverStable,
  "targets/pbft/replica-core.ts:380:9-380:24:ConditionalExpression:false": R.callersGuardLow,
  "targets/pbft/replica-core.ts:380:9-380:24:EqualityOperator:seq < this.low": R.callersGuardLow,
  "targets/pbft/replica-core.ts:380:9-380:24:EqualityOperator:seq > this.low": R.neverStable,
  // advanceStable — 383: for (const key of this.committed.keys()) if (key <= seq) this.committed.delete(key);
  "targets/pbft/replica-core.ts:383:50-383:60:ConditionalExpression:true": R.checkpointSlowsCatchUp,
  "targets/pbft/replica-core.ts:383:50-383:60:ConditionalExpression:false": R.committedGcMemory,
  "targets/pbft/replica-core.ts:383:50-383:60:EqualityOperator:key < seq": R.committedGcMemory,
  "targets/pbft/replica-core.ts:383:50-383:60:EqualityOperator:key > seq": R.checkpointSlowsCatchUp,
};
