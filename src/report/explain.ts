import type { Codec, NodeId } from '../adapter/contract.js';
import type { Violation } from '../property.js';
import type { Scenario } from '../scenario/types.js';
import type { TraceEvent } from '../sim/trace.js';
import { causalSliceIndices, violatingIndices, violationSteps } from './causal-slice.js';
import { forgeries, type Forgery } from './forgery.js';
import { whyNot, type WhyNot } from './omissions.js';
import { codecFields, mentionsSeq, parsePayload } from './payload-search.js';

/** What the Markdown and HTML reports draw and say about a counterexample, computed once. */
export interface Explanation {
  /** Trace indices of the slice, ascending: causal history, missing messages, the waiting, forged inputs. */
  readonly slice: readonly number[];
  /** The violations' evidence (trace indices). */
  readonly hot: ReadonlySet<number>;
  /** Why what should have happened did not, per waiting replica. */
  readonly whyNot: readonly WhyNot[];
  /** Trace indices of the messages found missing (drops, undelivered or late sends). */
  readonly omitted: ReadonlySet<number>;
  /** Faulty replicas' forged or altered messages. */
  readonly forgeries: readonly Forgery[];
  /** The forgery of each trace index it concerns: the send or drop, and the delivery. */
  readonly forgedAt: ReadonlyMap<number, Forgery>;
}

/** How many of each kind of added event one waiting replica contributes to the slice. */
const PER_NODE = { missed: 6, received: 1, silentHeard: 3, firstTimers: 2, lastTimers: 1 };

function omissionSeeds(w: WhyNot): number[] {
  const missed = w.missed.filter((m) => m.reason !== 'never-sent').slice(0, PER_NODE.missed);
  const timers = w.waited.length <= PER_NODE.firstTimers + PER_NODE.lastTimers ? w.waited : [...w.waited.slice(0, PER_NODE.firstTimers), ...w.waited.slice(-PER_NODE.lastTimers)];
  const heard = w.silentHeard.slice(0, PER_NODE.silentHeard).map((h) => h.index);
  return [...missed.flatMap((m) => (m.deliveredAt === undefined ? [m.index] : [m.index, m.deliveredAt])), ...w.received.slice(-PER_NODE.received), ...heard, ...timers];
}

/**
 * The inputs of a decision: messages about its slot the deciding replica received before deciding
 * (a quorum's votes arrive at earlier steps than the one that completes it, so the step's own
 * delivery does not name them all).
 */
function decisionInputs(trace: readonly TraceEvent[], v: Violation, n: number, codec: Codec<unknown> | undefined): number[] {
  if (v.seqs.length === 0 || v.steps.length === 0) return [];
  const last = Math.max(...v.steps);
  const out: number[] = [];
  const perNode = new Map<NodeId, number>();
  trace.forEach((e, i) => {
    if (e.kind !== 'deliver' || e.step >= last || !v.nodes.includes(e.to) || e.from >= n) return;
    const p = parsePayload(e.payload);
    const f = codecFields(codec, p);
    if (!v.seqs.some((s) => mentionsSeq(p, f, s))) return;
    const count = perNode.get(e.to) ?? 0;
    if (count >= 4 * n) return;
    perNode.set(e.to, count + 1);
    out.push(i);
  });
  return out;
}

/** The last explanation of each trace: counterexample.md and .html explain the same run. */
const cache = new WeakMap<readonly TraceEvent[], { violations: readonly Violation[]; scenario: Scenario; codec: Codec<unknown> | undefined; x: Explanation }>();

/** Explains a counterexample: its slice widened by what did not happen and by what was forged. */
export function explainCounterexample(trace: readonly TraceEvent[], violations: readonly Violation[], scenario: Scenario, codec?: Codec<unknown>): Explanation {
  const hit = cache.get(trace);
  if (hit !== undefined && hit.violations === violations && hit.scenario === scenario && hit.codec === codec) return hit.x;
  const x = explain(trace, violations, scenario, codec);
  cache.set(trace, { violations, scenario, codec, x });
  return x;
}

function explain(trace: readonly TraceEvent[], violations: readonly Violation[], scenario: Scenario, codec: Codec<unknown> | undefined): Explanation {
  const n = scenario.n;
  const why = whyNot(trace, violations, n, codec);
  const forged = forgeries(trace, scenario.byzantine.map((b) => b.node), n, codec);
  const forgedAt = new Map<number, Forgery>();
  for (const f of forged) {
    forgedAt.set(f.index, f);
    if (f.delivery !== undefined) forgedAt.set(f.delivery, f);
  }
  const evidenceNodes = new Set(violations.flatMap((v) => v.nodes));
  const lastStep = Math.max(-1, ...violationSteps(violations));
  const forgedInputs = forged
    .filter((f) => f.forged.length > 0 && f.delivery !== undefined && evidenceNodes.has(f.to) && (trace[f.delivery] as TraceEvent).step <= lastStep)
    .map((f) => f.delivery as number);
  const omitted = new Set(why.flatMap((w) => w.missed.filter((m) => m.reason !== 'never-sent').map((m) => m.index)));
  const extra = [...why.flatMap(omissionSeeds), ...violations.flatMap((v) => decisionInputs(trace, v, n, codec)), ...forgedInputs];
  const slice = causalSliceIndices(trace, violationSteps(violations), extra);
  return { slice, hot: violatingIndices(trace, violations), whyNot: why, omitted, forgeries: forged, forgedAt };
}
