/**
 * The subprocess protocol's wire format (see docs/subprocess-protocol.md): the lines byzcheck
 * writes to a child replica, and the zod schemas every line the child writes back is checked
 * against. A line that fails its schema is reported naming the offending field.
 */
import { z } from 'zod';
import type { ClientRequest, Effect, NodeId, ReplicaConfig, TimerId } from '../contract.js';
import type { SignedFact } from './signature-book.js';
import { jsonDepthOver, MAX_JSON_DEPTH } from './json-depth.js';

/** The protocol version byzcheck greets a child with; every child must speak at least this one. */
export const PROTOCOL_VERSION = 1;

/**
 * The newest version this harness speaks, offered in its `hello`. A child answering 2 accepts
 * pipelined events (the next events of an instant written before its `done` for the previous one);
 * a child answering 3 also accepts `signed` facts on message and request lines; a child answering 4
 * also hosts several replica instances, named by a `replica` number on every event line; a child
 * answering 1 gets one event at a time, as before.
 */
export const NEWEST_PROTOCOL = 4;

/** The first version whose event lines may carry `signed` facts (see signature-book.ts). */
export const SIGNED_FACTS_PROTOCOL = 3;

/** The first version whose child may host several replica instances (see hosted-child.ts). */
export const HOSTING_PROTOCOL = 4;

/** A line byzcheck writes to the child, as an object (serialised with JSON.stringify plus `\n`). */
export type HarnessLine =
  | { readonly type: 'hello'; readonly protocol: number; readonly newest: number }
  | { readonly type: 'reset'; readonly config: ReplicaConfig }
  | { readonly type: 'init'; readonly now: number }
  | { readonly type: 'message'; readonly now: number; readonly from: NodeId; readonly payload: unknown; readonly signed?: readonly SignedFact[] }
  | { readonly type: 'timer'; readonly now: number; readonly id: TimerId }
  | ({ readonly type: 'request'; readonly now: number; readonly signed?: readonly SignedFact[] } & ClientRequest)
  | { readonly type: 'signature'; readonly signature: string }
  | { readonly type: 'verified'; readonly valid: boolean }
  | { readonly type: 'random'; readonly value: number };

const nodeId = z.number().int().nonnegative();
const nonNegative = z.number().finite().nonnegative();

const effectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('send'), to: nodeId, payload: z.unknown() }).strict(),
  z.object({ kind: z.literal('broadcast'), payload: z.unknown() }).strict(),
  z.object({ kind: z.literal('setTimer'), id: z.string(), afterMs: nonNegative }).strict(),
  z.object({ kind: z.literal('cancelTimer'), id: z.string() }).strict(),
  z.object({ kind: z.literal('commit'), seq: z.number().int(), value: z.string() }).strict(),
  z.object({
    kind: z.literal('execute'),
    seq: z.number().int(),
    operation: z.string(),
    result: z.string(),
    origin: z.object({ client: nodeId, requestId: z.number().int() }).strict().optional(),
  }).strict(),
  z.object({ kind: z.literal('reply'), client: nodeId, requestId: z.number().int(), result: z.string() }).strict(),
  z.object({ kind: z.literal('installState'), seq: z.number().int(), digest: z.string() }).strict(),
  z.object({ kind: z.literal('membership'), fromSeq: z.number().int(), members: z.array(nodeId) }).strict(),
  z.object({ kind: z.literal('log'), message: z.string() }).strict(),
]);

const childLineSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), protocol: z.number().int(), name: z.string().optional() }).strict(),
  z.object({ type: z.literal('done'), effects: z.array(effectSchema).optional() }).strict(),
  z.object({ type: z.literal('sign'), data: z.string() }).strict(),
  z.object({ type: z.literal('verify'), signer: nodeId, data: z.string(), signature: z.string() }).strict(),
  z.object({ type: z.literal('random') }).strict(),
  z.object({ type: z.literal('error'), message: z.string() }).strict(),
]);

/** A validated line from the child. */
export type ChildLine =
  | { readonly type: 'hello'; readonly protocol: number; readonly name?: string | undefined }
  | { readonly type: 'done'; readonly effects?: readonly Effect<unknown>[] | undefined }
  | { readonly type: 'sign'; readonly data: string }
  | { readonly type: 'verify'; readonly signer: NodeId; readonly data: string; readonly signature: string }
  | { readonly type: 'random' }
  | { readonly type: 'error'; readonly message: string };

/** The child broke the wire protocol (bad JSON, bad field, unexpected line): a finding about the child. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

/** `effects[0].to` from zod's `['effects', 0, 'to']`. */
function fieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : `${text === '' ? '' : '.'}${String(key)}`;
  return text === '' ? '(the line)' : text;
}

/** At most `max` characters of a line, for error messages. */
export function excerpt(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}

const EMPTY_DONE_TEXT = '{"type":"done"}';
const EMPTY_DONE: ChildLine = Object.freeze({ type: 'done' });

/** Parses and validates one line from the child; throws a {@link ProtocolError} naming the first bad field. */
export function parseChildLine(text: string): ChildLine {
  // Most steps have no effects: their answer needs neither JSON.parse nor the schema.
  if (text === EMPTY_DONE_TEXT) return EMPTY_DONE;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ProtocolError(`child wrote a line that is not JSON: ${JSON.stringify(excerpt(text))}`);
  }
  // Checked after parsing: a line that is not JSON gets the message saying so.
  if (jsonDepthOver(text) !== undefined) throw new ProtocolError(`child wrote a line nested deeper than ${MAX_JSON_DEPTH} levels (what the harness does with a payload next recurses) — in ${excerpt(text)}`);
  const parsed = childLineSchema.safeParse(value);
  if (parsed.success) return parsed.data as ChildLine;
  const problems = parsed.error.issues.slice(0, 3).map((issue) => {
    const what = issue.code === 'unrecognized_keys'
      ? `unknown field(s) ${issue.keys.map((k) => `'${k}'`).join(', ')}`
      : issue.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, ', but it is missing');
    return `field '${fieldPath(issue.path)}': ${what}`;
  });
  throw new ProtocolError(`child line ${problems.join('; ')} — in ${excerpt(text)}`);
}

/**
 * Serialises a harness line; a payload JSON cannot carry (a cycle, a BigInt) is a ProtocolError, not
 * a crash. `more` adds `"more":true` (protocol 2: another event line follows at once) and `replica`
 * adds `"replica":k` (protocol 4: the hosted instance the event is for); both are added here, never
 * to the line object, which transcripts replay one event at a time to a child of its own.
 */
export function encodeHarnessLine(line: HarnessLine, more = false, replica?: number): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(line);
  } catch (error) {
    throw new ProtocolError(`cannot send ${line.type} to the child: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!more && replica === undefined) return `${text}\n`;
  return `${text.slice(0, -1)}${more ? ',"more":true' : ''}${replica === undefined ? '' : `,"replica":${replica}`}}\n`;
}
