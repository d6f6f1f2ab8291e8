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
export function mermaidText(text: string): string {
  const oneLine = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  return truncate(oneLine, LABEL_CHARS).replace(MERMAID_SPECIAL, (c) => `#${c.charCodeAt(0)};`);
}

/** What the diagram needs besides the events themselves. */
export interface DiagramInput {
  readonly scenario: Scenario;
  /** Events to draw, in trace order (usually the causal slice). */
  readonly events: readonly TraceEvent[];
  /** Events to highlight as the violation's evidence (by identity). */
  readonly violating: ReadonlySet<TraceEvent>;
  readonly codec?: Codec<unknown> | undefined;
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
    case 'deliver':
      return [`  ${name(e.from)}->>${name(e.to)}: ${mermaidText(messageLabel(e.payload, e.from, e.to, n, input.codec))}`];
    case 'drop':
      return [`  ${name(e.from)}-x${name(e.to)}: ${mermaidText(`dropped (${e.reason}): ${messageLabel(e.payload, e.from, e.to, n, input.codec)}`)}`];
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
    case 'send':
      // Drawn at its delivery, where the receiver acts on it.
      return [];
  }
}

/** A Mermaid `sequenceDiagram` of the given events: one participant per replica and client, an arrow per delivery, an `-x` arrow per drop, notes for decisions. */
export function sequenceDiagram(input: DiagramInput): string {
  const lines = ['sequenceDiagram', ...participantLines(input.scenario)];
  for (const e of input.events) lines.push(...eventLines(e, input));
  return lines.join('\n');
}
