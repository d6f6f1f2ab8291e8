/**
 * The Go seed-001 replica's messages for adversaries: the fields of targets/seed001's messages, but
 * its REQUEST payload is Go-shaped (`ClientID` a string, `Timestamp` an RFC 3339 time) and a
 * signature covers the hex SHA-256 of `serializeMessage`, as the seed signs the digest.
 */
import { createHash } from 'node:crypto';
import type { Codec } from '../../src/adapter/contract.js';
import { payloadDigest, seed001Codec, serializeMessage, type Seed001Message } from '../seed001/messages.js';

const TYPE_NAMES = ['REQUEST', 'PRE-PREPARE', 'PREPARE', 'COMMIT', 'VIEW-CHANGE', 'NEW-VIEW'] as const;

/** The text the Go node signs: the hex of `serializeMessage`'s SHA-256 (lines 590–611). */
export function signedData(m: Omit<Seed001Message, 'sig'>): string {
  return createHash('sha256').update(serializeMessage(m)).digest('hex');
}

// A Byzantine node that "changes the digest" sends another operation under the same client and id.
function alterPayload(payload: string, tag: string): string {
  try {
    const p = JSON.parse(payload) as unknown;
    if (typeof p === 'object' && p !== null && typeof (p as Record<string, unknown>)['Operation'] === 'string') {
      const r = p as Record<string, unknown>;
      return JSON.stringify({ ...r, Operation: `${String(r['Operation'])}~${tag.slice(-4)}` });
    }
  } catch {
    // Not JSON: altered below.
  }
  return `${payload}~${tag}`;
}

/** Protocol fields for adversaries and reports; a changed digest is carried as a changed operation. */
export const seed001GoCodec: Codec<Seed001Message> = {
  fields: seed001Codec.fields,
  withFields: (m, f) => {
    const type = f.type === undefined ? m.type : Math.max(0, TYPE_NAMES.indexOf(f.type as (typeof TYPE_NAMES)[number]));
    const payload = f.digest === undefined || f.digest === payloadDigest(m.payload) ? m.payload : alterPayload(m.payload, f.digest);
    return { ...m, type, view: f.view ?? m.view, seq: f.seq ?? m.seq, nodeId: f.sender ?? m.nodeId, payload };
  },
  resign: (m, sign) => ({ ...m, sig: sign(signedData(m)) }),
};
