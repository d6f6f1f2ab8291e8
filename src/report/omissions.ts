import type { Codec, NodeId } from '../adapter/contract.js';
import type { Violation } from '../property.js';
import type { TraceEvent } from '../sim/trace.js';
import { codecFields, containsString, kindKey, mentionsRequest, mentionsSeq, parsePayload, slotOfPayload } from './payload-search.js';

/** Why a message that would have helped did not help: dropped (and by what), still in flight, late, or never sent. */
export type MissReason = 'tape' | 'partition' | 'kind' | 'lost' | 'in-flight' | 'late' | 'never-sent';

/** A message the waiting replica needed and did not get in time. */
export interface MissedMessage {
  readonly reason: MissReason;
  readonly from: NodeId;
  readonly to: NodeId;
  /** Trace index of the drop or the undelivered send; for never-sent, of the same kind of message the sender sent others. */
  readonly index: number;
  /** For `late`: trace index of the delivery, after the point it was needed by. */
  readonly deliveredAt?: number;
  /** For `never-sent`: who got that kind of message from the sender instead. */
  readonly sentTo?: readonly NodeId[];
}

/** The explanation of something that did not happen at one replica. */
export interface WhyNot {
  readonly property: string;
  /** The replica left waiting. */
  readonly node: NodeId;
  /** What it waited for, in words: `seq 1`, `request 1 of C4`. */
  readonly subject: string;
  /** What did not happen, in one sentence. */
  readonly what: string;
  readonly missed: readonly MissedMessage[];
  /** Trace indices of the related messages it did receive. */
  readonly received: readonly number[];
  /** Replicas (other than `node`) that sent nothing about the subject to anyone. */
  readonly silent: readonly NodeId[];
  /** Of those, the ones that heard of it: the trace index of the first related message each received, after which it stayed silent. */
  readonly silentHeard: readonly { readonly node: NodeId; readonly index: number }[];
  /** Trace indices of the timers that fired at `node` while it waited. */
  readonly waited: readonly number[];
  /** Trace index of the node's last event before the point of judgement, if any. */
  readonly lastEvent: number | undefined;
}

/** A subject: what should have reached a replica, and the trace range in which it should have. */
interface Subject {
  readonly property: string;
  readonly node: NodeId;
  readonly label: string;
  readonly what: string;
  /** First trace index that can be about it (its submission), and the index by which it was needed. */
  readonly from: number;
  readonly horizon: number;
  readonly related: (payload: unknown, index: number) => boolean;
}

/** Longest number of waiting replicas explained per violation (a liveness finding may name every replica). */
const MAX_NODES = 3;

function firstIndexAfterStep(trace: readonly TraceEvent[], step: number): number {
  const i = trace.findIndex((e) => e.step > step);
  return i < 0 ? trace.length : i;
}

/** A total-order violation whose slots are out of order names a slot that was not decided in time. */
function slotSubjects(trace: readonly TraceEvent[], v: Violation, codec: Codec<unknown> | undefined): Subject[] {
  if (v.seqs.length !== 2 || v.nodes.length !== 1) return [];
  const [a, b] = v.seqs as [number, number];
  if (a === b) return [];
  const slot = Math.min(a, b);
  const later = Math.max(a, b);
  const step = v.steps.length === 2 ? (v.steps[v.seqs.indexOf(later)] as number) : Math.max(...v.steps);
  const node = v.nodes[0] as NodeId;
  return [{
    property: v.property, node, label: `seq ${slot}`,
    what: `R${node} executed seq ${later} at step ${step} before it had decided seq ${slot}`,
    from: 0, horizon: firstIndexAfterStep(trace, step),
    related: (p) => mentionsSeq(p, codecFields(codec, p), slot),
  }];
}

/**
 * A liveness or timeliness violation names a submission (its step) and the replicas that never
 * executed it. Messages relate to the request when they carry it, or name a slot or digest that a
 * message carrying it named.
 */
function requestSubjects(trace: readonly TraceEvent[], v: Violation, n: number, codec: Codec<unknown> | undefined): Subject[] {
  const submitAt = trace.findIndex((e) => e.kind === 'submit' && v.steps.includes(e.step) && v.nodes.includes(e.node));
  const submit = trace[submitAt];
  if (submit?.kind !== 'submit') return [];
  const client = submit.node;
  const slots = new Set<number>();
  const digests = new Set<string>();
  for (let i = submitAt; i < trace.length; i++) {
    const e = trace[i] as TraceEvent;
    if (e.kind === 'execute' && e.operation === submit.operation) slots.add(e.seq);
    if (e.kind !== 'send' && e.kind !== 'drop') continue;
    const p = parsePayload(e.payload);
    if (!mentionsRequest(p, client, submit.requestId)) continue;
    const f = codecFields(codec, p);
    const slot = slotOfPayload(p, f);
    if (slot !== undefined && e.from < n && e.to < n) slots.add(slot);
    if (typeof f.digest === 'string') digests.add(f.digest);
  }
  const related = (p: unknown): boolean => {
    if (mentionsRequest(p, client, submit.requestId)) return true;
    const f = codecFields(codec, p);
    if ([...slots].some((s) => mentionsSeq(p, f, s))) return true;
    return [...digests].some((d) => containsString(p, d));
  };
  const waiting = v.nodes.filter((r) => r < n && r !== client).slice(0, MAX_NODES);
  return waiting.map((node) => ({
    property: v.property, node, label: `request ${submit.requestId} of C${client}`,
    what: `R${node} never executed request ${submit.requestId} of C${client} (${JSON.stringify(submit.operation)}, submitted at step ${submit.step})`,
    from: submitAt, horizon: trace.length, related,
  }));
}

/** The subjects of the violations that are about something that did not happen. */
function subjectsOf(trace: readonly TraceEvent[], v: Violation, n: number, codec: Codec<unknown> | undefined): Subject[] {
  if (v.property === 'total-order') return slotSubjects(trace, v, codec);
  if (v.property === 'liveness' || v.property === 'timeliness') return requestSubjects(trace, v, n, codec);
  return [];
}

type Wire = TraceEvent & { kind: 'send' | 'drop' | 'deliver' };

/** The messages of the subject's range that relate to it, parsed once. */
function relatedWires(trace: readonly TraceEvent[], s: Subject): { i: number; e: Wire; kind: string }[] {
  const out: { i: number; e: Wire; kind: string }[] = [];
  for (let i = s.from; i < trace.length; i++) {
    const e = trace[i] as TraceEvent;
    if (e.kind !== 'send' && e.kind !== 'drop' && e.kind !== 'deliver') continue;
    const p = parsePayload(e.payload);
    if (s.related(p, i)) out.push({ i, e, kind: kindKey(p, {}) });
  }
  return out;
}

function deliveryIndex(trace: readonly TraceEvent[], msg: number, from: number): number {
  for (let i = from; i < trace.length; i++) {
    const e = trace[i] as TraceEvent;
    if (e.kind === 'deliver' && e.msg === msg) return i;
  }
  return -1;
}

/** Dropped, undelivered or late messages to the node, then the kinds of message a replica sent others but never to it. */
function missedMessages(trace: readonly TraceEvent[], s: Subject, wires: ReturnType<typeof relatedWires>, n: number): MissedMessage[] {
  const missed: MissedMessage[] = [];
  const before = wires.filter((w) => w.i < s.horizon);
  for (const { i, e } of before) {
    if (e.to !== s.node || e.from === s.node) continue;
    if (e.kind === 'drop') missed.push({ reason: e.reason, from: e.from, to: e.to, index: i });
    if (e.kind !== 'send') continue;
    const at = deliveryIndex(trace, e.msg, i);
    if (at < 0) missed.push({ reason: 'in-flight', from: e.from, to: e.to, index: i });
    else if (at >= s.horizon) missed.push({ reason: 'late', from: e.from, to: e.to, index: i, deliveredAt: at });
  }
  const toNode = new Set(before.filter((w) => w.e.kind !== 'deliver' && w.e.to === s.node).map((w) => `${w.e.from}/${w.kind}`));
  const others = new Map<string, { index: number; from: NodeId; sentTo: NodeId[] }>();
  for (const { i, e, kind } of before) {
    if (e.kind === 'deliver' || e.from >= n || e.from === s.node || e.to === s.node || e.to >= n || toNode.has(`${e.from}/${kind}`)) continue;
    const key = `${e.from}/${kind}`;
    const entry = others.get(key) ?? { index: i, from: e.from, sentTo: [] };
    if (!entry.sentTo.includes(e.to)) entry.sentTo.push(e.to);
    others.set(key, entry);
  }
  for (const o of others.values()) missed.push({ reason: 'never-sent', from: o.from, to: s.node, index: o.index, sentTo: o.sentTo });
  return missed.sort((a, b) => a.index - b.index);
}

function explain(trace: readonly TraceEvent[], s: Subject, n: number): WhyNot {
  const wires = relatedWires(trace, s);
  const senders = new Set(wires.filter((w) => w.e.kind !== 'deliver').map((w) => w.e.from));
  const silent: NodeId[] = [];
  for (let r = 0; r < n; r++) if (r !== s.node && !senders.has(r)) silent.push(r);
  const received = wires.filter((w) => w.i < s.horizon && w.e.kind === 'deliver' && w.e.to === s.node).map((w) => w.i);
  const silentHeard = silent.flatMap((r) => {
    const heard = wires.find((w) => w.i < s.horizon && w.e.kind === 'deliver' && w.e.to === r);
    return heard === undefined ? [] : [{ node: r, index: heard.i }];
  });
  const waited: number[] = [];
  let lastEvent: number | undefined;
  for (let i = s.from; i < s.horizon; i++) {
    const e = trace[i] as TraceEvent;
    const at = e.kind === 'send' || e.kind === 'drop' ? e.from : e.kind === 'deliver' ? e.to : e.node;
    if (at !== s.node) continue;
    lastEvent = i;
    if (e.kind === 'timer') waited.push(i);
  }
  return { property: s.property, node: s.node, subject: s.label, what: s.what, missed: missedMessages(trace, s, wires, n), received, silent, silentHeard, waited, lastEvent };
}

/**
 * For each violation about something that did not happen (a slot not decided before a later one,
 * a request never executed): which messages about it the waiting replica needed and did not get
 * (dropped by the tape, cut by a partition, lost, still in flight, late, or never sent), which it
 * did get, which replicas said nothing about it, and the timers that fired while it waited.
 */
export function whyNot(trace: readonly TraceEvent[], violations: readonly Violation[], n: number, codec?: Codec<unknown>): WhyNot[] {
  return violations.flatMap((v) => subjectsOf(trace, v, n, codec).map((s) => explain(trace, s, n)));
}

/** What happened to a missed message, in words. */
export function missReasonText(m: MissedMessage, trace: readonly TraceEvent[]): string {
  switch (m.reason) {
    case 'tape':
      return 'dropped by the network (a random pre-GST drop drawn from the choice tape)';
    case 'partition':
      return 'cut by a partition';
    case 'kind':
      return "lost with its whole kind on this link before GST (one of the scenario's network.kindLosses)";
    case 'lost':
      return "lost (one of the scenario's lost messages, network.lost)";
    case 'in-flight':
      return 'sent but still in flight when the run ended';
    case 'late':
      return `delivered too late, at step ${(trace[m.deliveredAt ?? -1] as TraceEvent | undefined)?.step ?? '?'}`;
    case 'never-sent':
      return `never sent to R${m.to} (R${m.from} sent it to ${(m.sentTo ?? []).map((r) => `R${r}`).join(', ')})`;
  }
}
