import type { NodeId } from '../adapter/contract.js';
import type { Violation } from '../property.js';
import type { TraceEvent } from '../sim/trace.js';

/**
 * Kinds kept at every relevant step besides the step's own start: what the node decided or
 * observed there. Sends are not listed: only the sends that caused a kept delivery matter. Nor are
 * drops: a drop matters only when its message was needed, which the omission analysis decides.
 */
const STATE_KINDS: ReadonlySet<TraceEvent['kind']> = new Set(['commit', 'execute', 'submit', 'accept', 'error']);

/** The event that started each step: its delivery or timer (init steps have none). */
function startersByStep(trace: readonly TraceEvent[]): Map<number, number> {
  const starters = new Map<number, number>();
  trace.forEach((e, i) => {
    if ((e.kind === 'deliver' || e.kind === 'timer') && !starters.has(e.step)) starters.set(e.step, i);
  });
  return starters;
}

/** Trace index of each send, by message id. */
function sendsByMsg(trace: readonly TraceEvent[]): Map<number, number> {
  const sends = new Map<number, number>();
  trace.forEach((e, i) => {
    if (e.kind === 'send') sends.set(e.msg, i);
  });
  return sends;
}

/** The node an event happened at (a send happens at its sender). */
function actorOf(e: TraceEvent): NodeId {
  switch (e.kind) {
    case 'send':
    case 'drop':
      return e.from;
    case 'deliver':
      return e.to;
    default:
      return e.node;
  }
}

/**
 * Walks causes backwards: each relevant step pulls in its starting delivery, the send behind that
 * delivery, and so the step that send happened in. Returns the relevant steps and the causal sends.
 */
function causalClosure(trace: readonly TraceEvent[], steps: readonly number[]): { steps: Set<number>; sends: Set<number> } {
  const starters = startersByStep(trace);
  const sends = sendsByMsg(trace);
  const relevant = new Set<number>();
  const causalSends = new Set<number>();
  const work = [...steps];
  for (let step = work.pop(); step !== undefined; step = work.pop()) {
    if (relevant.has(step)) continue;
    relevant.add(step);
    const starter = trace[starters.get(step) ?? -1];
    if (starter?.kind !== 'deliver') continue;
    const send = sends.get(starter.msg);
    if (send === undefined) continue;
    causalSends.add(send);
    work.push((trace[send] as TraceEvent).step);
  }
  return { steps: relevant, sends: causalSends };
}

/**
 * A client has one request outstanding at a time, so the request behind anything a client does is
 * its latest submit at or before that point: include it, even when the submit happened at an
 * earlier step than the retransmission or acceptance that made the client relevant.
 */
function addClientSubmits(trace: readonly TraceEvent[], kept: Set<number>): void {
  const latestSubmit = new Map<NodeId, number>();
  const extra: number[] = [];
  trace.forEach((e, i) => {
    if (e.kind === 'submit') latestSubmit.set(e.node, i);
    if (!kept.has(i)) return;
    const submit = latestSubmit.get(actorOf(e));
    if (submit !== undefined) extra.push(submit);
  });
  for (const i of extra) kept.add(i);
}

/**
 * Trace indices (ascending) of the backward causal history of the events at `steps`, and of the
 * `extra` events (kept themselves, their steps' histories too): the messages an omission analysis
 * found missing, the forged votes a decision counted.
 */
export function causalSliceIndices(trace: readonly TraceEvent[], steps: readonly number[], extra: readonly number[] = []): number[] {
  const valid = extra.filter((i) => i >= 0 && i < trace.length);
  const closure = causalClosure(trace, [...steps, ...valid.map((i) => (trace[i] as TraceEvent).step)]);
  const starters = new Set(startersByStep(trace).values());
  const kept = new Set<number>([...closure.sends, ...valid]);
  trace.forEach((e, i) => {
    if (!closure.steps.has(e.step)) return;
    if (starters.has(i) || STATE_KINDS.has(e.kind)) kept.add(i);
  });
  addClientSubmits(trace, kept);
  return [...kept].sort((a, b) => a - b);
}

/** "Only the events that matter": the causal history of the violation steps, in trace order. */
export function causalSlice(trace: readonly TraceEvent[], steps: readonly number[]): TraceEvent[] {
  return causalSliceIndices(trace, steps).map((i) => trace[i] as TraceEvent);
}

/** Every trace step named as evidence by any of the violations, ascending and without repeats. */
export function violationSteps(violations: readonly Violation[]): number[] {
  return [...new Set(violations.flatMap((v) => v.steps))].sort((a, b) => a - b);
}

/** True when `e` is part of the evidence of `v`: a decision at one of its steps by one of its nodes (and seqs, for seq-bearing events). */
function isEvidence(e: TraceEvent, v: Violation): boolean {
  if (!v.steps.includes(e.step)) return false;
  if (e.kind !== 'commit' && e.kind !== 'execute' && e.kind !== 'accept' && e.kind !== 'error') return false;
  if (v.nodes.length > 0 && !v.nodes.includes(e.node)) return false;
  if ((e.kind === 'commit' || e.kind === 'execute') && v.seqs.length > 0) return v.seqs.includes(e.seq);
  return true;
}

/** Trace indices of the events that are the violations' evidence: the commits, executions, accepts or errors they point at. */
export function violatingIndices(trace: readonly TraceEvent[], violations: readonly Violation[]): Set<number> {
  const hits = new Set<number>();
  trace.forEach((e, i) => {
    if (violations.some((v) => isEvidence(e, v))) hits.add(i);
  });
  return hits;
}
