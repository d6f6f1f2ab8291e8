import type { Codec } from '../adapter/contract.js';
import type { Scenario } from '../scenario/types.js';
import type { TraceEvent } from '../sim/trace.js';
import { abbreviate, messageLabel, nodeName, participants, truncate } from './message-label.js';

/** Longest text a diagram label carries: long labels make GitHub's diagram unreadably wide. */
const LABEL_CHARS = 80;

/** Longest value (operation, digest, result) inside a label, cut in the middle. */
const VALUE_CHARS = 28;

const v = (text: string): string => abbreviate(text, VALUE_CHARS);

/**
 * Characters with a meaning in Mermaid's sequence-diagram grammar or in the HTML it renders to
 * (`;` ends a statement, `#…;` is an entity, `<br>` breaks lines, `%%` starts a comment):
 * written as Mermaid entity codes (`#35;`), which Mermaid turns into HTML character references.
 */
const MERMAID_SPECIAL = /[#;<>&"%{}|`\\]/g;

/** Escapes untrusted text for a Mermaid label: one line, no grammar or markup characters. */
export function mermaidText(text: string, max = LABEL_CHARS): string {
  const oneLine = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  return truncate(oneLine, max).replace(MERMAID_SPECIAL, (c) => `#${c.charCodeAt(0)};`);
}

/** What the diagram needs besides the events themselves. */
export interface DiagramInput {
  readonly scenario: Scenario;
  /** Events to draw, in trace order (usually the causal slice). */
  readonly events: readonly TraceEvent[];
  /** Events to highlight as the violation's evidence (by identity). */
  readonly violating: ReadonlySet<TraceEvent>;
  readonly codec?: Codec<unknown> | undefined;
  /** Messages that were needed and did not arrive, with what happened to each (`dropped (tape)`, `never delivered`). */
  readonly omitted?: ReadonlyMap<TraceEvent, string>;
  /** Messages carrying forged or altered content, with a short mark (`forged: claims R2, signed by R0`). */
  readonly forged?: ReadonlyMap<TraceEvent, string>;
  /** Notes explaining what did not happen, drawn after the given event (or at the end). */
  readonly whyNot?: readonly DiagramNote[];
}

/** A note the diagram draws after an event: over the first node, or spanning to the second. */
export interface DiagramNote {
  readonly after: TraceEvent | undefined;
  readonly over: readonly number[];
  readonly text: string;
}

function participantLines(s: Scenario): string[] {
  return participants(s).map((p) => {
    const role = p.adversary !== null ? p.adversary : p.kind === 'client' ? 'client' : null;
    return role === null ? `  participant ${p.name}` : `  participant ${p.name} as ${p.name} (${mermaidText(role)})`;
  });
}

/** A note, boxed in red and marked ⚠ when it is part of the evidence. */
function note(node: string, text: string, violating: boolean): string[] {
  if (!violating) return [`  Note over ${node}: ${mermaidText(text)}`];
  return ['  rect rgb(255, 220, 220)', `  Note over ${node}: ⚠ ${mermaidText(text)}`, '  end'];
}

/** Commits and executions of one decision are drawn as one note: "commit seq 1 = x → result". */
function executedAlongside(e: TraceEvent & { kind: 'commit' }, events: readonly TraceEvent[]): (TraceEvent & { kind: 'execute' }) | undefined {
  return events.find((x): x is TraceEvent & { kind: 'execute' } => x.kind === 'execute' && x.step === e.step && x.node === e.node && x.seq === e.seq);
}

function eventLines(e: TraceEvent, input: DiagramInput): string[] {
  const n = input.scenario.n;
  const name = (node: number) => nodeName(node, n);
  const hot = input.violating.has(e);
  switch (e.kind) {
    case 'deliver': {
      const forged = input.forged?.get(e);
      const label = messageLabel(e.payload, e.from, e.to, n, input.codec);
      return [`  ${name(e.from)}->>${name(e.to)}: ${mermaidText(forged === undefined ? label : `⚠ ${forged} · ${label}`)}`];
    }
    case 'drop': {
      const missing = input.omitted?.get(e);
      const what = missing === undefined ? `dropped (${e.reason})` : `MISSING, ${missing}`;
      return [`  ${name(e.from)}-x${name(e.to)}: ${mermaidText(`${what}: ${messageLabel(e.payload, e.from, e.to, n, input.codec)}`)}`];
    }
    case 'commit': {
      const exec = executedAlongside(e, input.events);
      const text = `commit seq ${e.seq} = ${v(e.value)}${exec === undefined ? '' : ` → ${v(exec.result)}`}`;
      return note(name(e.node), text, hot || (exec !== undefined && input.violating.has(exec)));
    }
    case 'execute': {
      const committed = input.events.some((x) => x.kind === 'commit' && x.step === e.step && x.node === e.node && x.seq === e.seq);
      return committed ? [] : note(name(e.node), `execute seq ${e.seq}: ${v(e.operation)} → ${v(e.result)}`, hot);
    }
    case 'submit':
      return note(name(e.node), `submit request ${e.requestId}: ${v(e.operation)}`, hot);
    case 'accept':
      return note(name(e.node), `accept request ${e.requestId}: ${v(e.result)}`, hot);
    case 'error':
      return note(name(e.node), `error: ${e.message}`, hot);
    case 'install':
      return note(name(e.node), `installed state up to seq ${e.seq} (state transfer)`, hot);
    case 'membership':
      return note(name(e.node), `view from seq ${e.fromSeq}: replicas ${e.members.join(', ')}`, hot);
    case 'timer': {
      // A client's wake-up timer is explained by the submit it causes; other timers (view changes) are causes worth showing.
      const submits = input.events.some((x) => x.kind === 'submit' && x.step === e.step && x.node === e.node);
      return submits ? [] : note(name(e.node), `timer ${e.id}`, false);
    }
    case 'log':
      return note(name(e.node), `log: ${e.message}`, false);
    case 'send': {
      // Drawn at its delivery, where the receiver acts on it, unless it was needed and never arrived in time.
      const missing = input.omitted?.get(e);
      return missing === undefined ? [] : [`  ${name(e.from)}--x${name(e.to)}: ${mermaidText(`MISSING, ${missing}: ${messageLabel(e.payload, e.from, e.to, n, input.codec)}`)}`];
    }
  }
}

/** `Note over A` or `Note over A,B` spanning the lowest and highest of the given nodes. */
function noteOver(nodes: readonly number[], n: number, text: string): string {
  const lo = Math.min(...nodes);
  const hi = Math.max(...nodes);
  return `  Note over ${nodeName(lo, n)}${hi === lo ? '' : `,${nodeName(hi, n)}`}: ${mermaidText(text, 2 * LABEL_CHARS)}`;
}

/** Lost messages no explanation needs and timers that only show time passing: collapsed when they come in runs. */
function collapsible(e: TraceEvent, input: DiagramInput): boolean {
  if (input.violating.has(e)) return false;
  if (e.kind === 'drop') return input.omitted?.has(e) !== true;
  return e.kind === 'timer';
}

/** One line for a run of collapsible events: `3 timers (R1 view ×2, C4 retransmit) · 2 messages dropped`. */
function summaryLine(run: readonly TraceEvent[], n: number): string {
  const timers = new Map<string, number>();
  let drops = 0;
  for (const e of run) {
    if (e.kind === 'timer') timers.set(`${nodeName(e.node, n)} ${e.id}`, (timers.get(`${nodeName(e.node, n)} ${e.id}`) ?? 0) + 1);
    else drops++;
  }
  const timerCount = run.length - drops;
  const parts: string[] = [];
  if (timerCount > 0) parts.push(`${timerCount} timer${timerCount === 1 ? '' : 's'} (${[...timers].map(([k, c]) => (c === 1 ? k : `${k} ×${c}`)).join(', ')})`);
  if (drops > 0) parts.push(`${drops} message${drops === 1 ? '' : 's'} dropped, none needed`);
  const nodes = run.map((e) => (e.kind === 'drop' ? e.from : e.kind === 'timer' ? e.node : 0));
  const lo = Math.min(...nodes);
  const hi = Math.max(...nodes);
  return `  Note over ${nodeName(lo, n)}${hi === lo ? '' : `,${nodeName(hi, n)}`}: ${mermaidText(`⋯ ${parts.join(' · ')} ⋯`)}`;
}

/**
 * A Mermaid `sequenceDiagram` of the given events: one participant per replica and client, an arrow
 * per delivery, an `-x` arrow per drop (`--x` for a needed message never delivered), notes for
 * decisions and for what did not happen; runs of unneeded drops and timers become one line.
 */
export function sequenceDiagram(input: DiagramInput): string {
  const n = input.scenario.n;
  const lines = ['sequenceDiagram', ...participantLines(input.scenario)];
  let run: TraceEvent[] = [];
  const flush = (): void => {
    if (run.length === 1) lines.push(...eventLines(run[0] as TraceEvent, input));
    else if (run.length > 1) lines.push(summaryLine(run, n));
    run = [];
  };
  const notesAfter = (e: TraceEvent | undefined): void => {
    for (const note of input.whyNot ?? []) if (note.after === e) lines.push(noteOver(note.over, n, note.text));
  };
  for (const e of input.events) {
    const drawn = eventLines(e, input);
    if (drawn.length > 0 && collapsible(e, input)) run.push(e);
    else {
      if (drawn.length > 0) flush();
      lines.push(...drawn);
    }
    if ((input.whyNot ?? []).some((note) => note.after === e)) {
      flush();
      notesAfter(e);
    }
  }
  flush();
  notesAfter(undefined);
  return lines.join('\n');
}
