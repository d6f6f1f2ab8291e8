/**
 * Seed 002's messages (`Msg(typ, view, seq, digest, sender)`), its digest, and the codec that shows
 * their fields to adversaries and reports. Payloads are plain JSON objects, so the Python replica
 * in `targets/seed002-python` exchanges exactly the same messages.
 */
import { createHash } from 'node:crypto';
import type { ClientRequest, Codec, PayloadFields } from '../../src/adapter/contract.js';

/** The three phase names, spelled as byzcheck's PBFT-aware adversaries expect (`seed002-faulty` among them). */
export type Seed002Type = 'PRE-PREPARE' | 'PREPARE' | 'COMMIT';

/** One protocol message; a PRE-PREPARE also carries the client request its digest is of. */
export interface Seed002Message {
  readonly type: Seed002Type;
  readonly view: number;
  readonly seq: number;
  readonly digest: string;
  readonly sender: number;
  readonly request?: ClientRequest;
}

/** The seed's `digest_of`: SHA-256 of the UTF-8 payload, in hex. */
export function digestOf(payload: string): string {
  return createHash('sha256').update(payload, 'utf8').digest('hex');
}

const TYPES: ReadonlySet<string> = new Set(['PRE-PREPARE', 'PREPARE', 'COMMIT']);
const isNat = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;

function isRequest(x: unknown): x is ClientRequest {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return isNat(r['client']) && isNat(r['requestId']) && typeof r['operation'] === 'string';
}

/** Structural check of an untrusted payload: a replica must drop, never throw on, what a Byzantine node sends. */
export function isSeed002Message(x: unknown): x is Seed002Message {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  if (!(typeof m['type'] === 'string' && TYPES.has(m['type']) && isNat(m['view']) && isNat(m['seq']) && typeof m['digest'] === 'string' && isNat(m['sender']))) return false;
  return m['type'] !== 'PRE-PREPARE' || isRequest(m['request']);
}

function fields(m: Seed002Message): PayloadFields {
  if (!isSeed002Message(m)) return {};
  return { type: m.type, view: m.view, seq: m.seq, digest: m.digest, sender: m.sender };
}

function withFields(m: Seed002Message, f: PayloadFields): Seed002Message {
  if (typeof m !== 'object' || m === null) return m;
  const type = f.type !== undefined && TYPES.has(f.type) ? (f.type as Seed002Type) : m.type;
  return { ...m, type, view: f.view ?? m.view, seq: f.seq ?? m.seq, digest: f.digest ?? m.digest, sender: f.sender ?? m.sender };
}

/** The codec (type / view / seq / digest / sender); the seed signs nothing, so there is nothing to re-sign. */
export const seed002Codec: Codec<Seed002Message> = Object.freeze({ fields, withFields });
