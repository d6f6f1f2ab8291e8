import type { Codec, PayloadFields } from '../adapter/contract.js';

// How reports relate a message to a slot or a request without knowing the protocol: through the
// target's codec when it has one, and by the payload's shape (searched at any depth) always, so a
// NEW-VIEW that carries a slot's certificate relates to that slot as well as its PRE-PREPARE does.

/** Key names that hold a sequence number (slot) in the payloads of the protocols byzcheck knows. */
const SEQ_KEY = /^(seq|seqno|seq_?num(ber)?|sequence(_?number)?|slot|sn)$/i;
const REQUEST_ID_KEY = /^(request_?id|req_?id|rid)$/i;
const CLIENT_KEY = /^(client(_?id)?)$/i;

/** The parsed payload, or undefined when the trace holds something that is not JSON. */
export function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The codec's reading of a payload; empty when there is no codec or it throws on an adversary's garbage. */
export function codecFields(codec: Codec<unknown> | undefined, payload: unknown): PayloadFields {
  if (codec === undefined || payload === undefined) return {};
  try {
    const f = codec.fields(payload);
    return typeof f === 'object' && f !== null ? f : {};
  } catch {
    return {};
  }
}

/** True when some object at any depth of `value` satisfies `test`. */
export function someObject(value: unknown, test: (o: Record<string, unknown>) => boolean, depth = 0): boolean {
  if (depth > 12 || typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some((v) => someObject(v, test, depth + 1));
  const o = value as Record<string, unknown>;
  return test(o) || Object.values(o).some((v) => someObject(v, test, depth + 1));
}

/** True when a string equal to `text` appears at any depth of `value`. */
export function containsString(value: unknown, text: string, depth = 0): boolean {
  if (typeof value === 'string') return value === text;
  if (depth > 12 || typeof value !== 'object' || value === null) return false;
  return Object.values(value).some((v) => containsString(v, text, depth + 1));
}

/** True when the payload names slot `seq`: by the codec's seq, or a seq-like key at any depth. */
export function mentionsSeq(payload: unknown, fields: PayloadFields, seq: number): boolean {
  if (fields.seq === seq) return true;
  return someObject(payload, (o) => Object.entries(o).some(([k, v]) => v === seq && SEQ_KEY.test(k)));
}

/** True when the payload carries client `client`'s request `requestId` (an object naming both) at any depth. */
export function mentionsRequest(payload: unknown, client: number, requestId: number): boolean {
  return someObject(payload, (o) => {
    const entries = Object.entries(o);
    return entries.some(([k, v]) => v === requestId && REQUEST_ID_KEY.test(k)) && entries.some(([k, v]) => v === client && CLIENT_KEY.test(k));
  });
}

/**
 * What kind of message a payload is, for comparing like with like: the codec's type, else its
 * `type`/`kind` field, else its top-level keys.
 */
export function kindKey(payload: unknown, fields: PayloadFields): string {
  if (fields.type !== undefined) return `type:${String(fields.type)}`;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return typeof payload;
  const o = payload as Record<string, unknown>;
  for (const k of ['type', 'kind', 'msgType', 'tag']) if (typeof o[k] === 'string') return `type:${o[k]}`;
  return `keys:${Object.keys(o).sort().join(',')}`;
}

/** The slot a payload is about (codec seq, else a top-level seq-like key), or undefined. */
export function slotOfPayload(payload: unknown, fields: PayloadFields): number | undefined {
  if (fields.seq !== undefined) return fields.seq;
  if (typeof payload !== 'object' || payload === null) return undefined;
  for (const [k, v] of Object.entries(payload)) if (typeof v === 'number' && SEQ_KEY.test(k)) return v;
  return undefined;
}
