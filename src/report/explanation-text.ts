import type { Codec, NodeId } from '../adapter/contract.js';
import type { TraceEvent } from '../sim/trace.js';
import type { Explanation } from './explain.js';
import type { Forgery } from './forgery.js';
import { changeText } from './json-diff.js';
import { abbreviate, messageLabel, nodeName } from './message-label.js';
import { missReasonText, type MissedMessage, type WhyNot } from './omissions.js';

// The words of an explanation, shared by counterexample.md and counterexample.html (which escape
// them each their own way).

/** Missed messages listed per waiting replica; the rest are counted. */
const MAX_MISSED = 8;
/** Forged or altered messages listed; the rest are counted. */
const MAX_FORGERIES = 10;
/** Changes listed per diff. */
const MAX_CHANGES = 6;

/** One "why it didn't happen" block: a heading and its lines. */
export interface WhyNotText {
  readonly heading: string;
  readonly lines: readonly string[];
  /** One line for the diagram. */
  readonly note: string;
  readonly node: NodeId;
  /** Notes to draw after a trace index: a replica that heard of the subject there and said nothing more about it. */
  readonly silences: readonly { readonly after: number; readonly node: NodeId; readonly text: string }[];
}

interface Ctx {
  readonly trace: readonly TraceEvent[];
  readonly n: number;
  readonly codec: Codec<unknown> | undefined;
}

function wireText(c: Ctx, i: number): string {
  const e = c.trace[i];
  if (e === undefined || (e.kind !== 'send' && e.kind !== 'drop' && e.kind !== 'deliver')) return `event ${i}`;
  return `${nodeName(e.from, c.n)} → ${nodeName(e.to, c.n)} ${messageLabel(e.payload, e.from, e.to, c.n, c.codec)} (step ${e.step}, ${e.t} ms)`;
}

function missedLine(c: Ctx, m: MissedMessage): string {
  if (m.reason === 'never-sent') {
    const e = c.trace[m.index];
    const label = e !== undefined && (e.kind === 'send' || e.kind === 'drop') ? messageLabel(e.payload, e.from, e.to, c.n, c.codec) : 'it';
    return `Never sent: ${nodeName(m.from, c.n)} sent ${label} to ${(m.sentTo ?? []).map((r) => nodeName(r, c.n)).join(', ')} but never to ${nodeName(m.to, c.n)}.`;
  }
  return `Missing: ${wireText(c, m.index)}: ${missReasonText(m, c.trace)}.`;
}

function names(c: Ctx, nodes: readonly NodeId[]): string {
  return nodes.map((r) => nodeName(r, c.n)).join(', ');
}

/** "request 1 from C4 ×4 (steps 9, 15, 20, 26)": the received messages grouped by sender and label. */
function receivedText(c: Ctx, indices: readonly number[]): string {
  const groups = new Map<string, number[]>();
  for (const i of indices) {
    const e = c.trace[i];
    if (e?.kind !== 'deliver') continue;
    const key = `${messageLabel(e.payload, e.from, e.to, c.n, c.codec)} from ${nodeName(e.from, c.n)}`;
    groups.set(key, [...(groups.get(key) ?? []), e.step]);
  }
  return [...groups].map(([k, steps]) => `${k}${steps.length > 1 ? ` ×${steps.length}` : ''} (step${steps.length > 1 ? 's' : ''} ${steps.join(', ')})`).join('; ');
}

function timersText(c: Ctx, w: WhyNot): string {
  if (w.waited.length === 0) return `No timer fired at ${nodeName(w.node, c.n)} while it waited: no timeout made it act on ${w.subject}.`;
  const ids = new Map<string, number[]>();
  for (const i of w.waited) {
    const e = c.trace[i];
    if (e?.kind === 'timer') ids.set(e.id, [...(ids.get(e.id) ?? []), e.step]);
  }
  return `Timers at ${nodeName(w.node, c.n)} while it waited: ${[...ids].map(([id, steps]) => `${id} ×${steps.length} (steps ${steps.slice(0, 6).join(', ')}${steps.length > 6 ? ', …' : ''})`).join('; ')}.`;
}

function noteText(c: Ctx, w: WhyNot): string {
  const r = nodeName(w.node, c.n);
  const real = w.missed.filter((m) => m.reason !== 'never-sent');
  const parts = [`${r} waited in vain for ${w.subject}`];
  if (real.length > 0) parts.push(`${real.length} needed message${real.length === 1 ? '' : 's'} ${[...new Set(real.map((m) => m.reason === 'in-flight' ? 'undelivered' : m.reason === 'late' ? 'late' : `dropped (${m.reason})`))].join(', ')}`);
  const never = w.missed.filter((m) => m.reason === 'never-sent');
  if (never.length > 0) parts.push(`never sent by ${names(c, [...new Set(never.map((m) => m.from))])}`);
  if (w.silent.length > 0) parts.push(`nothing about it from ${names(c, w.silent)}`);
  parts.push(w.waited.length === 0 ? 'no timer fired' : `${w.waited.length} timer${w.waited.length === 1 ? '' : 's'} fired`);
  return parts.join('; ');
}

/** The "why it didn't happen" blocks of an explanation. */
export function whyNotTexts(x: Explanation, trace: readonly TraceEvent[], n: number, codec: Codec<unknown> | undefined): WhyNotText[] {
  const c: Ctx = { trace, n, codec };
  return x.whyNot.map((w) => {
    const r = nodeName(w.node, n);
    const lines = w.missed.slice(0, MAX_MISSED).map((m) => missedLine(c, m));
    if (w.missed.length > MAX_MISSED) lines.push(`… and ${w.missed.length - MAX_MISSED} more missing messages (all in counterexample.html).`);
    if (w.missed.length === 0) lines.push(`No message about ${w.subject} to ${r} was dropped, delayed or withheld from it alone.`);
    lines.push(w.received.length === 0 ? `${r} received nothing about ${w.subject}.` : `${r} received: ${receivedText(c, w.received)}.`);
    if (w.silent.length > 0) lines.push(`${names(c, w.silent)} sent nothing about ${w.subject} to anyone.`);
    for (const h of w.silentHeard) lines.push(`${nodeName(h.node, n)} heard of it (${wireText(c, h.index)}) and never passed anything about it on.`);
    lines.push(timersText(c, w));
    const silences = w.silentHeard.map((h) => ({ after: h.index, node: h.node, text: `${nodeName(h.node, n)} heard of ${w.subject} here and never sent anything about it to anyone` }));
    return { heading: `${w.property}: ${w.what}`, lines, note: noteText(c, w), node: w.node, silences };
  });
}

/** The short mark a forged or altered message carries on its arrow. */
export function forgeryMark(f: Forgery, n: number): string {
  const first = f.forged[0];
  if (first !== undefined) {
    const more = f.forged.length > 1 ? ` (+${f.forged.length - 1})` : '';
    return `forged: claims ${nodeName(first.claimedAs, n)}${first.issuedBy === undefined ? '' : `, signed by ${nodeName(first.issuedBy, n)}`}${more}`;
  }
  // Unsigned messages whose copies differ only in the sender they claim: the identity is what is forged.
  const changes = f.derived?.changes ?? [];
  const claimed = changes.length > 0 && changes.every((c) => /(^|\.)(sender|from|replica)$/.test(c.path)) ? changes[0]?.after : undefined;
  if (typeof claimed === 'number' && claimed !== f.from) return `forged: claims ${nodeName(claimed, n)}, unsigned`;
  return f.derived?.kind === 'equivocation' ? 'equivocation' : 'altered';
}

function derivationText(c: Ctx, f: Forgery): string | null {
  const d = f.derived;
  if (d === undefined) return null;
  const against = c.trace[d.against];
  if (against === undefined || (against.kind !== 'send' && against.kind !== 'drop' && against.kind !== 'deliver')) return null;
  const where =
    d.kind === 'equivocation' ? `differs from what ${nodeName(f.from, c.n)} sent ${nodeName(against.to, c.n)} at step ${against.step} (equivocation)`
    : d.kind === 'mutated' ? `altered from what ${nodeName(f.from, c.n)} received from ${nodeName(against.from, c.n)} at step ${against.step}`
    : `derived from ${nodeName(f.from, c.n)}'s own ${messageLabel(against.payload, against.from, against.to, c.n, c.codec)} of the same step`;
  const changes = d.changes.slice(0, MAX_CHANGES).map((ch) => changeText(ch, (t) => abbreviate(t, 24)));
  return `${where}: ${changes.join('; ')}${d.changes.length > MAX_CHANGES ? `; … ${d.changes.length - MAX_CHANGES} more` : ''}`;
}

/** What is forged in one message and how it differs from what it was derived from, in one line. */
export function forgeryLine(f: Forgery, trace: readonly TraceEvent[], n: number, codec: Codec<unknown> | undefined): string {
  const c: Ctx = { trace, n, codec };
  const parts = f.forged.map((item) => `forged signed item at ${item.path}: ${item.why}`);
  const derived = derivationText(c, f);
  if (derived !== null) parts.push(derived);
  return `${wireText(c, f.index)}: ${parts.join('. ')}.`;
}

/** One line per forged or altered message in the slice: what was forged, and the diff against what it was derived from. */
export function forgeryTexts(x: Explanation, trace: readonly TraceEvent[], n: number, codec: Codec<unknown> | undefined): string[] {
  const inSlice = new Set(x.slice);
  const shown = x.forgeries.filter((f) => inSlice.has(f.index) || (f.delivery !== undefined && inSlice.has(f.delivery)));
  const lines = shown.slice(0, MAX_FORGERIES).map((f) => forgeryLine(f, trace, n, codec));
  if (shown.length > MAX_FORGERIES) lines.push(`… and ${shown.length - MAX_FORGERIES} more (all in counterexample.html).`);
  return lines;
}

/** The mark of each needed-but-missing message, by trace index: what happened to it. */
export function omissionMarks(x: Explanation, trace: readonly TraceEvent[], n: number): Map<number, string> {
  const marks = new Map<number, string>();
  for (const w of x.whyNot) {
    for (const m of w.missed) {
      if (m.reason === 'never-sent') continue;
      const what = m.reason === 'in-flight' ? 'never delivered' : m.reason === 'late' ? `late (delivered at step ${(trace[m.deliveredAt ?? -1] as TraceEvent | undefined)?.step ?? '?'})` : `dropped (${m.reason})`;
      marks.set(m.index, `${what}, needed by ${nodeName(w.node, n)}`);
    }
  }
  return marks;
}
