import { createHash } from 'node:crypto';
import type { Codec } from '../adapter/contract.js';
import type { Violation } from '../property.js';
import type { TraceEvent } from '../sim/trace.js';
import { causalSliceIndices, violatingIndices, violationSteps } from './causal-slice.js';
import { TIMELINE_SCRIPT } from './html-script.js';
import { TIMELINE_STYLE } from './html-style.js';
import { violatedProperties } from './markdown.js';
import { notReproducedSuffix } from './not-reproduced.js';
import { abbreviate, messageLabel, participants, truncate, type Participant } from './message-label.js';
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
}

/** A decision's label: a fixed head and a value that may be shortened. */
function decision(head: string, value: string): { label: string; value: string } {
  const short = abbreviate(value, VALUE_CHARS);
  return { label: `${head}${short}`, value: short };
}

/** The short label of an event on the timeline. */
function eventLabel(e: TraceEvent, n: number, codec: Codec<unknown> | undefined): { label: string; value?: string } {
  switch (e.kind) {
    case 'send':
    case 'deliver':
    case 'drop':
      return { label: truncate(messageLabel(e.payload, e.from, e.to, n, codec), LABEL_CHARS) };
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
  const slice = new Set(causalSliceIndices(cx.trace, violationSteps(cx.verdict.violations)));
  const hot = violatingIndices(cx.trace, cx.verdict.violations);
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
    events: cx.trace.map((ev, i) => ({ i, ...eventLabel(ev, s.n, report.codec), hot: hot.has(i), slice: slice.has(i), ev })),
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
