import type { Codec, NodeId, PayloadFields } from '../../src/adapter/contract.js';
import { fnv64 } from '../pbft/digest.js';

/** Seed 001's `MessageType` (Go iota order). REPLY goes to clients through the contract instead. */
export const MSG = Object.freeze({ REQUEST: 0, PRE_PREPARE: 1, PREPARE: 2, COMMIT: 3, VIEW_CHANGE: 4, NEW_VIEW: 5 });

const TYPE_NAMES = ['REQUEST', 'PRE-PREPARE', 'PREPARE', 'COMMIT', 'VIEW-CHANGE', 'NEW-VIEW'] as const;

/** Seed 001's `Message`: Type, View, Sequence, NodeID, Payload, Signature (the Timestamp is not signed and not ported). */
export interface Seed001Message {
  readonly type: number;
  readonly view: number;
  readonly seq: number;
  readonly nodeId: NodeId;
  /** The JSON of a {@link RequestPayload}, or empty. */
  readonly payload: string;
  readonly sig: string;
}

/** Seed 001's `RequestPayload`; `Timestamp` becomes the harness' per-client request id. */
export interface RequestPayload {
  readonly Operation: string;
  readonly ClientID: NodeId;
  readonly Timestamp: number;
}

/** `serializeMessage`: the signed text is Type:View:Sequence:NodeID:Payload (the seed hashes it with SHA-256 first). */
export function serializeMessage(m: Omit<Seed001Message, 'sig'>): string {
  return `${m.type}:${m.view}:${m.seq}:${m.nodeId}:${m.payload}`;
}

/** `messagesEqual`: same Type, View, Sequence and Payload. */
export function messagesEqual(a: Seed001Message, b: Seed001Message): boolean {
  return a.type === b.type && a.view === b.view && a.seq === b.seq && a.payload === b.payload;
}

/** The structural check Go's static types give for free. */
export function isSeed001Message(x: unknown): x is Seed001Message {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  const nat = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;
  return nat(m['type']) && nat(m['view']) && nat(m['seq']) && nat(m['nodeId']) && typeof m['payload'] === 'string' && typeof m['sig'] === 'string';
}

/** Parses a request payload as `json.Unmarshal` would into `RequestPayload`; null on failure. */
export function parsePayload(payload: string): RequestPayload | null {
  try {
    const v = JSON.parse(payload) as Record<string, unknown>;
    if (typeof v['Operation'] !== 'string' || typeof v['ClientID'] !== 'number' || typeof v['Timestamp'] !== 'number') return null;
    return { Operation: v['Operation'], ClientID: v['ClientID'], Timestamp: v['Timestamp'] };
  } catch {
    return null;
  }
}

/** Digest of a payload, as the value a replica decides (the seed decides on the payload itself). */
export function payloadDigest(payload: string): string {
  return payload === '' ? 'empty' : fnv64(payload);
}

/** Protocol fields for adversaries and reports; a changed digest is carried as a changed payload. */
export const seed001Codec: Codec<Seed001Message> = {
  fields: (m): PayloadFields => ({ type: TYPE_NAMES[m.type] ?? `TYPE-${m.type}`, view: m.view, seq: m.seq, digest: payloadDigest(m.payload), sender: m.nodeId }),
  withFields: (m, f) => {
    const type = f.type === undefined ? m.type : Math.max(0, TYPE_NAMES.indexOf(f.type as (typeof TYPE_NAMES)[number]));
    const payload = f.digest === undefined || f.digest === payloadDigest(m.payload) ? m.payload : alterPayload(m.payload, f.digest);
    return { ...m, type, view: f.view ?? m.view, seq: f.seq ?? m.seq, nodeId: f.sender ?? m.nodeId, payload };
  },
  resign: (m, sign) => ({ ...m, sig: sign(serializeMessage(m)) }),
};

// A Byzantine node that "changes the digest" sends another operation under the same client and id.
function alterPayload(payload: string, tag: string): string {
  const p = parsePayload(payload);
  return p === null ? `${payload}~${tag}` : JSON.stringify({ ...p, Operation: `${p.Operation}~${tag.slice(-4)}` });
}
