import type { Codec, NodeId, PayloadFields } from '../adapter/contract.js';
import type { Scenario } from '../scenario/types.js';

/** Longest payload excerpt a label shows before it is cut with an ellipsis. */
const EXCERPT_CHARS = 40;

/** A node's short name in reports: `R0` for replicas, `C4` for clients (node ids ≥ n). */
export function nodeName(node: NodeId, n: number): string {
  return `${node < n ? 'R' : 'C'}${node}`;
}

/** A word boundary: a cut there leaves whole words (and whole numbers and digests) on both sides. */
const BOUNDARY = /[\s,;:=()[\]{}]/;

/** How much of a cut text a word boundary may give up: a longer last word is cut inside. */
const SLACK = 0.4;

/** The first `keep` characters, moved back to the last word boundary when one is near enough. */
function headAtWord(chars: readonly string[], keep: number): string {
  for (let k = keep; k >= Math.ceil(keep * (1 - SLACK)); k--) {
    if (k === chars.length || BOUNDARY.test(chars[k] ?? '')) return chars.slice(0, k).join('').trimEnd();
  }
  return chars.slice(0, keep).join('');
}

/** The last `keep` characters, moved forward to the next word boundary when one is near enough. */
function tailAtWord(chars: readonly string[], keep: number): string {
  const start = chars.length - keep;
  for (let k = start; k <= start + Math.floor(keep * SLACK); k++) {
    if (k === 0 || BOUNDARY.test(chars[k - 1] ?? '')) return chars.slice(k).join('').trimStart();
  }
  return chars.slice(start).join('');
}

/** Cuts `text` to at most `max` characters at a word boundary, ending with an ellipsis when it was longer. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${headAtWord(chars, Math.max(0, max - 1))}…`;
}

/**
 * Shortens `text` to at most `max` characters by cutting its middle at word boundaries: values that
 * differ only at the end (a mutated `get a~1` against `get a`) stay distinguishable, unlike with a
 * cut tail.
 */
export function abbreviate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const head = Math.ceil((max - 1) / 2);
  const tail = Math.max(0, max - 1 - head);
  return `${headAtWord(chars, head)}…${tail === 0 ? '' : tailAtWord(chars, tail)}`;
}

/** One participant of a run as reports draw it: a replica (faulty or not) or a client. */
export interface Participant {
  readonly node: NodeId;
  /** `R0` or `C4`. */
  readonly name: string;
  readonly kind: 'replica' | 'client';
  /** The adversary strategy controlling a faulty replica, or null. */
  readonly adversary: string | null;
}

/** Every replica and client of a scenario, in node order. */
export function participants(s: Scenario): Participant[] {
  const list: Participant[] = [];
  for (let node = 0; node < s.n + s.clients; node++) {
    const plan = s.byzantine.find((b) => b.node === node);
    list.push({ node, name: nodeName(node, s.n), kind: node < s.n ? 'replica' : 'client', adversary: plan?.adversary ?? null });
  }
  return list;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** The harness' own client messages (requests out, replies in), which no target codec describes. */
function clientLabel(payload: unknown, fromClient: boolean): string | null {
  const id = field(payload, 'requestId');
  const text = field(payload, fromClient ? 'operation' : 'result');
  if (typeof id !== 'number' || typeof text !== 'string') return null;
  return `${fromClient ? 'request' : 'reply'} ${id}: ${abbreviate(text, 24)}`;
}

/** Protocol fields as a label, e.g. `PREPARE v0 seq 3 d=ab12…`; null when the codec said nothing. */
function fieldsLabel(f: PayloadFields): string | null {
  const parts: string[] = [];
  if (f.type !== undefined) parts.push(truncate(String(f.type), 24));
  if (f.view !== undefined) parts.push(`v${f.view}`);
  if (f.seq !== undefined) parts.push(`seq ${f.seq}`);
  if (f.digest !== undefined) parts.push(`d=${abbreviate(String(f.digest), 16)}`);
  return parts.length === 0 ? null : parts.join(' ');
}

/** Labels by codec fields; a codec that throws on an adversary's garbage (or returns odd fields) must not break the report. */
function codecLabel(codec: Codec<unknown>, payload: unknown): string | null {
  try {
    return fieldsLabel(codec.fields(payload));
  } catch {
    return null;
  }
}

/** A codec-less payload by its top-level scalar fields, `type` first: `seq 1, op "get a", client 5`. */
function shapeLabel(payload: unknown): string | null {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return null;
  const entries = Object.entries(payload as Record<string, unknown>);
  const head = entries.filter(([k, v]) => /^(type|kind)$/i.test(k) && typeof v === 'string').map(([, v]) => String(v));
  const rest = entries
    .filter(([k, v]) => !/^(type|kind|sig|signature)$/i.test(k) && (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean'))
    .map(([k, v]) => `${k} ${typeof v === 'string' ? JSON.stringify(abbreviate(v, 16)) : String(v)}`);
  const nested = entries.filter(([, v]) => typeof v === 'object' && v !== null).map(([k]) => `${k} …`);
  const parts = [...head, [...rest, ...nested].join(', ')].filter((x) => x !== '');
  return parts.length === 0 ? null : parts.join(' ');
}

/**
 * A label for a message, uncut: client requests and replies by their id, protocol messages by the
 * codec's type/view/seq/digest, other JSON objects by their scalar fields, anything else by its text.
 */
export function fullMessageLabel(payload: string, from: NodeId, to: NodeId, n: number, codec?: Codec<unknown>): string {
  const parsed = parseJson(payload);
  if (from >= n || to >= n) {
    const label = parsed === undefined ? null : clientLabel(parsed, from >= n);
    if (label !== null) return label;
  } else if (codec !== undefined && parsed !== undefined) {
    const label = codecLabel(codec, parsed);
    if (label !== null) return label;
  }
  return shapeLabel(parsed) ?? payload;
}

/** A short label for a message: {@link fullMessageLabel} cut at a word boundary. */
export function messageLabel(payload: string, from: NodeId, to: NodeId, n: number, codec?: Codec<unknown>): string {
  return truncate(fullMessageLabel(payload, from, to, n, codec), EXCERPT_CHARS);
}
