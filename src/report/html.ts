import { createHash } from 'node:crypto';
import type { Codec } from '../adapter/contract.js';
import type { Violation } from '../property.js';
import type { TraceEvent } from '../sim/trace.js';
import { explainCounterexample } from './explain.js';
import { forgeryLine, forgeryMark, forgeryTexts, omissionMarks, whyNotTexts } from './explanation-text.js';
import { TIMELINE_SCRIPT } from './html-script.js';
import { TIMELINE_STYLE } from './html-style.js';
import { violatedProperties } from './markdown.js';
import { notReproducedSuffix } from './not-reproduced.js';
import { abbreviate, fullMessageLabel, participants, truncate, type Participant } from './message-label.js';
import { replayCommand, type CounterexampleReport } from './report-input.js';
import { describeScenario } from './summary-text.js';

/** Longest message label drawn on the timeline; the side panel shows everything. */
const LABEL_CHARS = 34;

/** Longest value a decision chip carries; the page shortens it further to fit the chip. */
const VALUE_CHARS = 48;

/** One trace event as the page gets it: the raw event plus what the page would otherwise have to work out. */
export interface TimelineEvent {
  /** Position in the full trace. */
  readonly i: number;
  /** A short label: message type/view/seq, or what was decided. */
  readonly label: string;
  /** For decisions: the label's trailing value, which the page may shorten to fit while keeping the rest. */
  readonly value?: string;
  /** Part of the violation's evidence. */
  readonly hot: boolean;
  /** Part of the causal slice. */
  readonly slice: boolean;
  /** The label uncut, shown on hover and in the side panel. */
  readonly full: string;
  /** What the explanation says of this message: `dropped (tape), needed by R1`, `forged: claims R2, signed by R0`. */
  readonly mark?: string;
  /** The mark is a missing message (else a forged or altered one). */
  readonly missing?: boolean;
  /** For a forged or altered message: what is forged and the diff against what it was derived from. */
  readonly detail?: string;
  readonly ev: TraceEvent;
}

/** Everything the page renders, embedded as JSON (the page reads nothing else). */
export interface TimelineData {
  readonly title: string;
  readonly target: string;
  readonly scenario: string;
  readonly regime: 'within-f' | 'beyond-f';
  readonly replay: string;
  readonly traceHash: string;
  readonly gstMs: number;
  readonly violations: readonly { readonly property: string; readonly message: string; readonly steps: readonly number[] }[];
  readonly lanes: readonly Participant[];
  readonly partitions: readonly { readonly startMs: number; readonly endMs: number; readonly side: readonly number[]; readonly direction: string }[];
  readonly events: readonly TimelineEvent[];
  /** "Why it didn't happen": per waiting replica, a heading and its lines. */
  readonly whyNot: readonly { readonly heading: string; readonly lines: readonly string[] }[];
  /** Forged or altered messages in the slice, one line each (with the diff). */
  readonly forgeries: readonly string[];
}

/** A decision's label: a fixed head and a value that may be shortened. */
function decisionAt(head: string, value: string, max: number): { label: string; value: string } {
  const short = max === Number.POSITIVE_INFINITY ? value : abbreviate(value, max);
  return { label: `${head}${short}`, value: short };
}

/** The short label of an event on the timeline, and its full text. */
function eventLabel(e: TraceEvent, n: number, codec: Codec<unknown> | undefined): { label: string; value?: string; full: string } {
  if (e.kind === 'send' || e.kind === 'deliver' || e.kind === 'drop') {
    const full = fullMessageLabel(e.payload, e.from, e.to, n, codec);
    return { label: truncate(full, LABEL_CHARS), full };
  }
  return { ...decisionLabel(e), full: decisionFull(e) };
}

/** A decision's text uncut. */
function decisionFull(e: TraceEvent): string {
  return decisionLabel(e, Number.POSITIVE_INFINITY).label;
}

/** A decision's label with its value shortened to `max` characters (uncut for +∞). */
function decisionLabel(e: TraceEvent, max = VALUE_CHARS): { label: string; value?: string } {
  const decision = (head: string, value: string) => decisionAt(head, value, max);
  switch (e.kind) {
    case 'send':
    case 'deliver':
    case 'drop':
      return { label: e.kind };
    case 'commit':
      return decision(`commit #${e.seq} = `, e.value);
    case 'execute':
      return decision(`exec #${e.seq}: `, e.operation);
    case 'submit':
      return decision(`submit ${e.requestId}: `, e.operation);
    case 'accept':
      return decision(`accept ${e.requestId}: `, e.result);
    case 'timer':
      return decision('timer ', e.id);
    case 'install':
      return decision(`state #${e.seq} = `, e.digest);
    case 'membership':
      return decision(`view #${e.fromSeq} = `, e.members.join(','));
    case 'log':
      return decision('log: ', e.message);
    case 'error':
      return decision('error: ', e.message);
  }
}

function violationSummary(v: Violation): TimelineData['violations'][number] {
  return { property: v.property, message: v.message, steps: v.steps };
}

/** The data of the page: lanes, partitions, and every trace event marked as slice and/or evidence. */
export function timelineData(report: CounterexampleReport): TimelineData {
  const cx = report.counterexample;
  const s = cx.scenario;
  const x = explainCounterexample(cx.trace, cx.verdict.violations, s, report.codec);
  const slice = new Set(x.slice);
  const missing = omissionMarks(x, cx.trace, s.n);
  const mark = (i: number): { mark?: string; missing?: boolean; detail?: string } => {
    const m = missing.get(i);
    if (m !== undefined) return { mark: m, missing: true };
    const f = x.forgedAt.get(i);
    return f === undefined ? {} : { mark: forgeryMark(f, s.n), detail: forgeryLine(f, cx.trace, s.n, report.codec) };
  };
  return {
    title: `Counterexample: ${violatedProperties(cx.verdict.violations).join(', ')} violated${notReproducedSuffix(cx)}`,
    target: report.settings.target,
    scenario: describeScenario(s),
    regime: cx.verdict.regime,
    replay: replayCommand(report.reportPath),
    traceHash: cx.traceHash,
    gstMs: s.gstMs,
    violations: cx.verdict.violations.map(violationSummary),
    lanes: participants(s),
    partitions: (s.network.partitions ?? []).map((p) => ({ startMs: p.startMs, endMs: p.endMs, side: p.side, direction: p.direction })),
    events: cx.trace.map((ev, i) => ({ i, ...eventLabel(ev, s.n, report.codec), hot: x.hot.has(i), slice: slice.has(i), ...mark(i), ev })),
    whyNot: whyNotTexts(x, cx.trace, s.n, report.codec).map((b) => ({ heading: b.heading, lines: b.lines })),
    forgeries: forgeryTexts(x, cx.trace, s.n, report.codec),
  };
}

/**
 * JSON that is safe inside a `<script>` element: `<`, `>` and `&` cannot end the element or open
 * a comment, and U+2028/U+2029 cannot break older parsers; all stay the same JSON values.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Escapes text for HTML element content or a quoted attribute. */
export function htmlEscape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/**
 * Defence in depth: only our own script (by hash) may run and nothing may be fetched, so even a
 * payload that escaped its JSON could neither execute nor phone home.
 */
function contentSecurityPolicy(): string {
  const hash = createHash('sha256').update(TIMELINE_SCRIPT).digest('base64');
  return `default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
}

/** A standalone HTML timeline of a counterexample (counterexample.html): inline CSS and JS, no external resources, untrusted text rendered only as text. */
export function counterexampleHtml(report: CounterexampleReport): string {
  const data = timelineData(report);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${htmlEscape(`byzcheck: ${data.title}`)}</title>`,
    `<style>${TIMELINE_STYLE}</style>`,
    '</head>',
    '<body>',
    '<header id="head"><noscript>This report draws its timeline with JavaScript; the raw data is in counterexample.json.</noscript></header>',
    '<main><div id="timeline"><div id="lane-head"></div><svg id="canvas" xmlns="http://www.w3.org/2000/svg"></svg></div>',
    '<aside id="panel"><h2>Event details</h2><p class="hint">Click an event or a message arrow.</p></aside></main>',
    `<script type="application/json" id="byzcheck-data">${scriptSafeJson(data)}</script>`,
    `<script>${TIMELINE_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
