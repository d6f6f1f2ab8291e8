import { faultsTolerated } from '../adapter/contract.js';
import type { Counterexample } from '../check/driver.js';
import type { Violation } from '../property.js';
import type { ReplicaErrorFact } from '../sim/facts.js';
import type { TraceEvent } from '../sim/trace.js';
import { explainCounterexample, type Explanation } from './explain.js';
import { forgeryMark, forgeryTexts, omissionMarks, whyNotTexts } from './explanation-text.js';
import { nodeName } from './message-label.js';
import { sequenceDiagram } from './mermaid.js';
import { notReproducedSuffix, notReproducedText } from './not-reproduced.js';
import { replayCommand, type CounterexampleReport } from './report-input.js';
import { describeScenario } from './summary-text.js';
import { plural } from './plural.js';

/** Escapes untrusted text for Markdown prose: one line, no emphasis, links, tables or HTML. */
export function markdownText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/[\\`*_[\]<>&|~#!]/g, (c) => `\\${c}`);
}

/** A fenced code block whose fence is longer than any backtick run inside, so content cannot close it. */
export function fenced(content: string, language: string): string {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${content}\n${fence}`;
}

/** The property names of a verdict, in order of first appearance. */
export function violatedProperties(violations: readonly Violation[]): string[] {
  return [...new Set(violations.map((v) => v.property))];
}

function evidenceLine(v: Violation): string {
  const parts: string[] = [];
  if (v.nodes.length > 0) parts.push(`nodes ${v.nodes.join(', ')}`);
  if (v.seqs.length > 0) parts.push(`seq ${v.seqs.join(', ')}`);
  if (v.steps.length > 0) parts.push(`trace steps ${v.steps.join(', ')}`);
  return parts.join(' · ');
}

/** Beyond-f violations are the expected outcome; within f they are bugs. Says which, in words. */
export function regimeSentence(cx: Counterexample): string {
  const s = cx.scenario;
  const f = faultsTolerated(s.n);
  const faulty = s.byzantine.length;
  if (cx.verdict.regime === 'beyond-f') {
    return `**Regime: expected: more than f faulty** (${faulty} faulty replicas, n=${s.n} tolerates f=${f}). A safety violation here is the expected result: it shows the bound is tight, not a bug.`;
  }
  return `**Regime: within f** (${faulty} faulty of n=${s.n}, f=${f}). The protocol promises safety here: this is a bug.`;
}

function faultyLine(cx: Counterexample): string {
  const s = cx.scenario;
  if (s.byzantine.length === 0) return 'No replica was faulty: the network schedule alone broke it.';
  const who = s.byzantine.map((b) => `${nodeName(b.node, s.n)} ran the \`${markdownText(b.adversary)}\` strategy`);
  return `${who.join('; ')}.`;
}

function summarySection(report: CounterexampleReport): string[] {
  const cx = report.counterexample;
  const lines = ['## What broke', ''];
  for (const v of cx.verdict.violations) {
    lines.push(`- **${markdownText(v.property)}**: ${markdownText(v.message)}  `, `  evidence: ${evidenceLine(v)}`);
  }
  lines.push(...replicaStacks(cx.facts.replicaErrors));
  lines.push('', faultyLine(cx), '', `**Scenario:** ${markdownText(describeScenario(cx.scenario))}`, '', regimeSentence(cx), '');
  lines.push(`Found at run ${cx.failedAtRun} of target \`${markdownText(report.settings.target)}\` (seed ${cx.seed}), shrunk in ${plural(cx.shrinks, 'step')} to ${plural(cx.events, 'event')}. Trace hash \`${cx.traceHash}\`.`);
  for (const line of notReproducedText(cx)) lines.push('', `> **Warning:** ${markdownText(line)}`);
  return lines;
}

/** Where each replica error was thrown (stacks stay out of traces and verdicts: they hold this machine's paths). */
function replicaStacks(errors: readonly ReplicaErrorFact[]): string[] {
  return errors.flatMap((e) => (e.stack === undefined ? [] : ['', `Stack of replica ${e.replica}'s error:`, '', '```text', e.stack.replaceAll('```', "'''"), '```']));
}

/** "Why it didn't happen": for violations about something that did not happen, what the waiting replica missed. */
function whyNotSection(report: CounterexampleReport, x: Explanation): string[] {
  const cx = report.counterexample;
  const blocks = whyNotTexts(x, cx.trace, cx.scenario.n, report.codec);
  if (blocks.length === 0) return [];
  const lines = ['## Why it didn\'t happen', ''];
  for (const b of blocks) {
    lines.push(`**${markdownText(b.heading)}**`, '');
    for (const l of b.lines) lines.push(`- ${markdownText(l)}`);
    lines.push('');
  }
  return lines;
}

/** Forged or altered messages of faulty replicas in the slice, as diffs against what they were derived from. */
function forgerySection(report: CounterexampleReport, x: Explanation): string[] {
  const cx = report.counterexample;
  const lines = forgeryTexts(x, cx.trace, cx.scenario.n, report.codec);
  if (lines.length === 0) return [];
  return ['## Forged or altered messages', '', ...lines.map((l) => `- ${markdownText(l)}`), ''];
}

function diagramSection(report: CounterexampleReport, x: Explanation): string[] {
  const cx = report.counterexample;
  const n = cx.scenario.n;
  const at = (i: number) => cx.trace[i] as TraceEvent;
  const events = x.slice.map(at);
  const violating = new Set(x.slice.filter((i) => x.hot.has(i)).map(at));
  const omitted = new Map([...omissionMarks(x, cx.trace, n)].map(([i, text]) => [at(i), text]));
  const forged = new Map(x.slice.flatMap((i) => {
    const f = x.forgedAt.get(i);
    return f === undefined ? [] : [[at(i), forgeryMark(f, n)] as const];
  }));
  const blocks = whyNotTexts(x, cx.trace, n, report.codec);
  const silences = new Map(blocks.flatMap((b) => b.silences).map((s) => [s.after, s] as const));
  const whyNot = [
    ...[...silences.values()].map((s) => ({ after: at(s.after), over: [s.node], text: s.text })),
    ...blocks.map((b) => ({ after: undefined, over: [b.node], text: b.note })),
  ];
  return [
    '## Causal slice',
    '',
    `Only the events the violation depends on: ${events.length} of ${cx.trace.length} trace events. Arrows are delivered messages, \`x\` arrows dropped ones (MISSING: one the violation needed); ⚠ marks the evidence and forged messages. The full trace is in \`counterexample.json\` and \`counterexample.html\`.`,
    '',
    fenced(sequenceDiagram({ scenario: cx.scenario, events, violating, codec: report.codec, omitted, forged, whyNot }), 'mermaid'),
  ];
}

/** The Markdown report of a counterexample (counterexample.md): summary, replay command and a Mermaid diagram of its causal slice. */
export function counterexampleMarkdown(report: CounterexampleReport): string {
  const cx = report.counterexample;
  const x = explainCounterexample(cx.trace, cx.verdict.violations, cx.scenario, report.codec);
  const properties = violatedProperties(cx.verdict.violations).map(markdownText).join(', ');
  const lines = [
    `# Counterexample: ${properties} violated${notReproducedSuffix(cx)}`,
    '',
    ...summarySection(report),
    '',
    '## Replay',
    '',
    fenced(replayCommand(report.reportPath), 'sh'),
    '',
    ...whyNotSection(report, x),
    ...forgerySection(report, x),
    ...diagramSection(report, x),
  ];
  return `${lines.join('\n')}\n`;
}
