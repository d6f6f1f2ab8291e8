import type { Property, Violation } from '../src/property.js';
import type { RunFacts, SubmitFact } from '../src/sim/facts.js';
import { doneAt, executedAt, replicasText, slotOf } from './request-progress.js';
import { epochsAfter, isAfter, type RunPoint as At, type ViewEpoch } from './view-epochs.js';

type Done = (key: string, r: number) => number;

/** An epoch with what the judgement needs to know of it. */
interface Epoch extends ViewEpoch {
  /** Its view had a working leader (see {@link working}). */
  readonly working: boolean;
  /** It began with no honest replica behind (see {@link level}). */
  readonly level: boolean;
}

/**
 * Whether the epoch's view had a working leader. Where the target declares who leads a view, its
 * leader is honest: the faulty replicas being silent, an honest leader is a working one. Otherwise,
 * some request submitted after the epoch began was executed by an honest replica before any honest
 * replica left the view: its order was decided after every honest replica had moved to the view
 * (so in it: honest replicas vote in their own view only), from a proposal made after the faulty
 * replicas fell silent — so by an honest leader.
 */
function working(epoch: ViewEpoch, facts: RunFacts, submittedAt: ReadonlyMap<string, SubmitFact>): boolean {
  if (epoch.leader !== undefined) return facts.honest[epoch.leader] === true;
  for (const e of facts.executions) {
    if (e.origin === undefined || !isAfter(epoch.until, e)) continue;
    const s = submittedAt.get(`${e.origin.client}/${e.origin.requestId}`);
    if (s !== undefined && isAfter(s, epoch.from)) return true;
  }
  return false;
}

/**
 * Whether the epoch began with no replica behind: every request some honest replica had executed
 * by then every honest replica had done (executed, or covered by installed state) by then too, so
 * nothing the faults left a replica missing is still to be caught up on in the epoch.
 */
function level(epoch: ViewEpoch, facts: RunFacts, honest: readonly number[], done: Done): boolean {
  for (const e of facts.executions) {
    if (e.origin === undefined || isAfter(e, epoch.from)) continue;
    const key = `${e.origin.client}/${e.origin.requestId}`;
    if (honest.some((r) => done(key, r) > epoch.from.timeMs)) return false;
  }
  return true;
}

/** The epoch a request is judged in: the first with a working leader whose deadline falls inside it (views without one, or left early, are waited out). */
function judgingEpoch(epochs: readonly Epoch[], ready: number, bound: number): { readonly epoch: Epoch; readonly deadline: number } | null {
  for (const epoch of epochs) {
    const deadline = Math.max(ready, epoch.from.timeMs) + bound;
    if (epoch.until.timeMs > deadline && epoch.working) return { epoch, deadline };
  }
  return null;
}

function settledText(facts: RunFacts, settled: number): string {
  const faulty = facts.honest.filter((h) => !h).length;
  return `${faulty} faulty ≤ f = ${facts.f}${faulty > 0 ? ', every faulty replica silent' : ''} and the network synchronous (nothing dropped or duplicated) from ${settled} ms on`;
}

function epochText(epoch: Epoch): string {
  return `every honest replica in view ${epoch.view} from ${epoch.from.timeMs} ms, none behind, and its leader working (a request submitted after that executed in it)`;
}

function slowRequests(facts: RunFacts, ctx: Judging): Violation[] {
  const violations: Violation[] = [];
  for (const s of facts.submitted) {
    const ready = Math.max(s.timeMs, ctx.settled) + ctx.retransmitMs;
    const judged = judgingEpoch(ctx.epochs, ready, ctx.bound);
    if (judged === null || !judged.epoch.level || (facts.stopReason !== 'quiescent' && judged.deadline > facts.endTimeMs)) continue;
    const key = `${s.client}/${s.requestId}`;
    const late = ctx.honest.filter((r) => ctx.done(key, r) > judged.deadline);
    if (late.length === 0) continue;
    violations.push({
      property: 'view-change-timeliness',
      message:
        `request ${s.requestId} of client ${s.client} (${JSON.stringify(s.operation)}, submitted at ${s.timeMs} ms) was not executed by ${replicasText(late)} by ${judged.deadline} ms ` +
        `= max(max(submission, settled at ${ctx.settled} ms) + one client retransmission ${ctx.retransmitMs} ms, view ${judged.epoch.view} reached at ${judged.epoch.from.timeMs} ms) + timeliness bound ${ctx.bound} ms, ` +
        `though ${settledText(facts, ctx.settled)} and ${epochText(judged.epoch)}`,
      nodes: [s.client, ...late], seqs: [], values: [s.operation], steps: [s.step],
    });
  }
  return violations;
}

/** An honest replica left a view whose leader was working, with nobody behind: nothing called for a view change. */
function needlessViewChanges(facts: RunFacts, ctx: Judging): Violation[] {
  const left = ctx.epochs.find((e) => e.working && e.level && e.leaver !== null);
  if (left === undefined || left.leaver === null) return [];
  const v = left.leaver;
  return [{
    property: 'view-change-timeliness',
    message: `replica ${v.replica} moved from view ${left.view} to view ${v.view} at ${v.timeMs} ms, a needless view change: ${settledText(facts, ctx.settled)} and ${epochText(left)}`,
    nodes: [v.replica], seqs: [], values: [], steps: [v.step],
  }];
}

/** Replica r's view changes since its last execution up to `at` (moves into views above `start`, the one at `at` included). */
function viewChangesAt(facts: RunFacts, r: number, at: At, start: number): number {
  let last: At = { timeMs: Number.NEGATIVE_INFINITY, step: Number.NEGATIVE_INFINITY };
  for (const e of facts.executions) if (e.replica === r && !isAfter(e, at) && isAfter(e, last)) last = e;
  return facts.views.filter((v) => v.replica === r && v.view > start && isAfter(v, last) && !isAfter(v, at)).length;
}

/**
 * A view whose leader is silent, left later than the target's leader timeout allows: every honest
 * replica asked for the view by the epoch's start, so each holds n − f ≥ 2f+1 requests for it one
 * delay later and waits at most its timeout (for the view changes it made since its last
 * execution, counted from the views it sent in: a move it made without counting one only makes
 * the count, and the wait allowed, larger) — the tight bound covers that delay.
 */
function lingeringViews(facts: RunFacts, ctx: Judging): Violation[] {
  const timeouts = facts.leaderTimeoutsMs;
  if (timeouts === undefined || timeouts.length === 0) return [];
  const start = Math.min(...facts.views.map((v) => v.view));
  const timeout = (k: number): number => timeouts[Math.min(k, timeouts.length - 1)] as number;
  for (const epoch of ctx.epochs) {
    if (!epoch.entered) {
      const late = lingeringAtSettle(facts, ctx, epoch, start, timeout);
      if (late.length > 0) return late;
      continue;
    }
    if (epoch.leader === undefined || facts.honest[epoch.leader] !== false) continue;
    const wait = Math.max(...ctx.honest.map((r) => timeout(viewChangesAt(facts, r, epoch.from, start))));
    const deadline = epoch.from.timeMs + ctx.bound + wait;
    if (epoch.until.timeMs <= deadline || (facts.stopReason !== 'quiescent' && facts.endTimeMs < deadline)) continue;
    return [{
      property: 'view-change-timeliness',
      message: `every honest replica stayed in view ${epoch.view}, whose leader ${epoch.leader} is silent, from ${epoch.from.timeMs} ms past ${deadline} ms = that + timeliness bound ${ctx.bound} ms + leader timeout ${wait} ms` +
        `${epoch.leaver === null ? '' : ` (replica ${epoch.leaver.replica} left only at ${epoch.leaver.timeMs} ms)`}: ${settledText(facts, ctx.settled)}`,
      nodes: [epoch.leader, ...ctx.honest], seqs: [], values: [], steps: epoch.leaver === null ? [] : [epoch.leaver.step],
    }];
  }
  return [];
}

/** When the last honest replica first sent in the epoch's view (−∞ for the lowest view, which every replica starts in). */
function lastEntry(facts: RunFacts, honest: readonly number[], epoch: ViewEpoch, start: number): At {
  if (epoch.view === start) return { timeMs: Number.NEGATIVE_INFINITY, step: Number.NEGATIVE_INFINITY };
  let last: At = { timeMs: Number.NEGATIVE_INFINITY, step: Number.NEGATIVE_INFINITY };
  for (const v of facts.views) if (v.view === epoch.view && honest.includes(v.replica) && isAfter(v, last)) last = v;
  return last;
}

/**
 * Whether the view ran its normal case among honest replicas: it is the lowest view, or after
 * every honest replica had moved to it one executed a request no honest replica had executed before
 * — decided by a quorum of the view (honest replicas vote in their own view only), so with f+1
 * honest replicas taking part in it. Those wait for the leader with a request timer, not for a
 * NEW-VIEW whose VIEW-CHANGEs may still be re-sent at a slow status tick.
 */
function ranNormalCase(facts: RunFacts, honest: readonly number[], epoch: ViewEpoch, entry: At): boolean {
  if (entry.timeMs === Number.NEGATIVE_INFINITY) return true;
  const before = new Set<string>();
  for (const e of facts.executions) if (e.origin !== undefined && honest.includes(e.replica) && !isAfter(e, entry)) before.add(`${e.origin.client}/${e.origin.requestId}`);
  return facts.executions.some((e) => e.origin !== undefined && honest.includes(e.replica) && isAfter(e, entry) && !isAfter(e, epoch.until) &&
    !before.has(`${e.origin.client}/${e.origin.requestId}`));
}

/**
 * The view the faults left the honest replicas in, when its leader is silent: a view reached before
 * the run settled, so how its change went is not judged, but how long it is waited out once the
 * run has settled is. A request no honest replica executes while they are in it needs a view
 * change; one client retransmission after the later of its submission, the settle point and the
 * view's last execution (which may restart a request timer), every honest replica holds it, and
 * those taking part in the view's normal case time out within the leader timeout for their view
 * changes since their last execution.
 */
function lingeringAtSettle(facts: RunFacts, ctx: Judging, epoch: Epoch, start: number, timeout: (k: number) => number): Violation[] {
  if (epoch.entered || epoch.leader === undefined || facts.honest[epoch.leader] !== false) return [];
  if (!ranNormalCase(facts, ctx.honest, epoch, lastEntry(facts, ctx.honest, epoch, start))) return [];
  const executedBefore = (key: string): boolean => facts.executions.some((e) => ctx.honest.includes(e.replica) && e.origin !== undefined &&
    `${e.origin.client}/${e.origin.requestId}` === key && !isAfter(e, epoch.until));
  let lastExecution = Number.NEGATIVE_INFINITY;
  for (const e of facts.executions) if (ctx.honest.includes(e.replica) && isAfter(e, epoch.from) && !isAfter(e, epoch.until)) lastExecution = Math.max(lastExecution, e.timeMs);
  const waiting = facts.submitted.find((s) => isAfter(epoch.until, s) && !executedBefore(`${s.client}/${s.requestId}`));
  if (waiting === undefined) return [];
  const ready = Math.max(waiting.timeMs, ctx.settled, lastExecution) + ctx.retransmitMs;
  // Counted up to the view's last event before it is left: the move out of it is no change it waited under.
  const lastIn: At = { timeMs: epoch.until.timeMs, step: epoch.until.step - 1 };
  const wait = Math.max(...ctx.honest.map((r) => timeout(viewChangesAt(facts, r, lastIn, start))));
  const deadline = ready + ctx.bound + wait;
  if (epoch.until.timeMs <= deadline || (facts.stopReason !== 'quiescent' && facts.endTimeMs < deadline)) return [];
  return [{
    property: 'view-change-timeliness',
    message: `every honest replica stayed in view ${epoch.view}, whose leader ${epoch.leader} is silent, past ${deadline} ms = max(submission of request ${waiting.requestId} of client ${waiting.client} at ${waiting.timeMs} ms, settled, ` +
      `the view's last execution${lastExecution === Number.NEGATIVE_INFINITY ? '' : ` at ${lastExecution} ms`}) + one client retransmission ${ctx.retransmitMs} ms + timeliness bound ${ctx.bound} ms + leader timeout ${wait} ms, ` +
      `though no honest replica executed that request in the view and honest replicas ran its normal case` +
      `${epoch.leaver === null ? '' : ` (replica ${epoch.leaver.replica} left only at ${epoch.leaver.timeMs} ms)`}: ${settledText(facts, ctx.settled)}`,
    nodes: [epoch.leader, ...ctx.honest], seqs: [], values: [waiting.operation], steps: epoch.leaver === null ? [waiting.step] : [waiting.step, epoch.leaver.step],
  }];
}

interface Judging {
  readonly honest: readonly number[];
  readonly settled: number;
  readonly retransmitMs: number;
  readonly bound: number;
  readonly epochs: readonly Epoch[];
  readonly done: Done;
}

/** Whether the run meets the premise: a retransmission period, ≤ f faulty, every message after GST delivered, no declared views, no error or tripwire stop. */
function premiseHolds(facts: RunFacts): boolean {
  const faulty = facts.honest.filter((h) => !h).length;
  return facts.clientRetransmitMs !== undefined && faulty <= facts.f && facts.lostAfterGst === 0 && facts.memberships.length === 0 &&
    facts.stopReason !== 'replica-error' && facts.stopReason !== 'violation';
}

/**
 * Where the judged stretch starts and the bound that holds in it: from the network's last drop or
 * duplication on (before GST too: a network that delivers everything within d is a synchronous one)
 * with the target's bound for the largest delay since, when the target declares one for that delay;
 * else from GST on with the bound for the delays after GST. Either way every faulty replica's
 * messages have arrived by then.
 */
function stretch(facts: RunFacts): { readonly settled: number; readonly bound: number } | null {
  if (facts.syncFromMs !== undefined && facts.syncTimelinessBoundMs !== undefined) return { settled: facts.syncFromMs, bound: facts.syncTimelinessBoundMs };
  if (facts.settledFromMs === undefined || facts.settledTimelinessBoundMs === undefined) return null;
  return { settled: Math.max(facts.gstMs, facts.settledFromMs), bound: facts.settledTimelinessBoundMs };
}

/**
 * View-change timeliness: after the faults, getting past a faulty leader costs its timeout and
 * nothing more. The judged stretch starts once the run has settled — every faulty replica's
 * messages arrived and it sends no more (crashed, or silent all along), and the network delivers
 * everything: from its last drop or duplication on with the target's tight bound B for the largest
 * delay since (before GST too), else from GST on with B for the delays after GST; ≤ f faulty, no
 * message lost after GST, no declared views. The honest replicas' views (read through the codec)
 * cut it into epochs in which all of them are in one view; only views every honest replica moved
 * into after the run settled are judged (their whole view change ran on a synchronous network).
 * A view with a working leader (`Target.leaderOf` names an honest one — the faulty ones are
 * silent — or, undeclared, a request submitted during the view executed in it) that began with no
 * honest replica behind must execute every request by every honest replica by the later of its
 * start and one client retransmission after max(submission, settle), plus B, and is never left:
 * at its start every honest replica has asked for the view, so its leader holds n − f ≥ 2f+1 of
 * those requests within a delay and the first round is the calm case's few delays; one
 * retransmission after the faults every honest replica holds the request. Views without a working
 * leader are waited out, but one whose declared leader is silent must be left within its start +
 * B + the target's leader timeout (`Target.leaderTimeoutMs`) for the view changes each replica made
 * since its last execution: each holds 2f+1 requests for the view one delay after its start and
 * waits no longer (a move counted that was no view change only lengthens the wait allowed). What it
 * The view the honest replicas were in when the run settled, if its declared leader is silent and
 * they ran its normal case, must likewise be left within one client retransmission after a request
 * no honest replica executes in it is ready (after the settle point and the view's last
 * execution), B, and the leader timeout. What it
 * sees that `timeliness` (until the first fault), `recovery-timeliness` (all-honest runs) and
 * `liveness` (f+1 capped timeouts) cannot: a view change away from a crashed leader that completes
 * late, a NEW-VIEW timer re-armed by every retransmitted request for the view, a back-off no
 * execution resets, and a needless view change once a working leader has taken over. Not judged:
 * runs whose faulty replicas keep sending, and how the view a crash hits was reached.
 */
export const viewChangeTimeliness: Property = {
  name: 'view-change-timeliness',
  description: 'once faulty replicas are silent after GST, a view with a working leader and nobody behind executes every request within the tight bound of its start (or of the request reaching every replica) and is never left',
  check(facts) {
    const judged = premiseHolds(facts) ? stretch(facts) : null;
    if (judged === null) return [];
    const { settled, bound } = judged;
    const honest = facts.honest.flatMap((h, i) => (h ? [i] : []));
    const executed = executedAt(facts);
    const slots = slotOf(facts);
    const done: Done = (key, r) => doneAt(facts, executed.get(key), slots.get(key), r);
    const submittedAt = new Map(facts.submitted.map((s) => [`${s.client}/${s.requestId}`, s]));
    const epochs = epochsAfter(facts, honest, settled).map((e) => ({ ...e, working: e.entered && working(e, facts, submittedAt), level: level(e, facts, honest, done) }));
    const ctx: Judging = { honest, settled, retransmitMs: facts.clientRetransmitMs as number, bound, epochs, done };
    return [...slowRequests(facts, ctx), ...needlessViewChanges(facts, ctx), ...lingeringViews(facts, ctx)];
  },
};
