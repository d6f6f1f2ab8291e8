import type { ClientRequest, Codec, PayloadFields } from '../../src/adapter/contract.js';
import { pbftBuild, pbftCertificates, pbftSignedItems, pbftWithItemFields } from './codec-structure.js';
import { seal } from './messages.js';
import type {
  CheckpointMsg, CommitMsg, PbftMessage, PrePrepareMsg, PrepareMsg, PreparedCert, ViewChangeMsg,
} from './messages.js';

type Obj = Record<string, unknown>;

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null;
const isNat = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;
const isStr = (x: unknown): x is string => typeof x === 'string';

/** True for a structurally valid client request (range checks are the replica's job). */
export function isClientRequest(x: unknown): x is ClientRequest {
  return isObj(x) && isNat(x['client']) && isNat(x['requestId']) && isStr(x['operation']);
}

// Every message has these; checked first so the per-type checks stay short.
function hasEnvelope(x: Obj): boolean {
  return isNat(x['sender']) && isStr(x['sig']);
}

function isVote(x: Obj): boolean {
  return isNat(x['view']) && isNat(x['seq']) && isStr(x['digest']) && hasEnvelope(x);
}

// Indexed, not for-of: every delivery's check runs it, and an array iterator per list showed in the
// allocation profile.
function isArrayOf<T>(x: unknown, item: (y: unknown) => y is T): x is T[] {
  if (!Array.isArray(x)) return false;
  for (let i = 0; i < x.length; i++) if (!item(x[i])) return false;
  return true;
}

/** Structural check of a PRE-PREPARE, including its batch. */
export function isPrePrepare(x: unknown): x is PrePrepareMsg {
  return isObj(x) && x['type'] === 'PRE-PREPARE' && isVote(x) && isArrayOf(x['requests'], isClientRequest);
}
const isPrepare = (x: unknown): x is PrepareMsg => isObj(x) && x['type'] === 'PREPARE' && isVote(x);
const isCommit = (x: unknown): x is CommitMsg => isObj(x) && x['type'] === 'COMMIT' && isVote(x);
const isCheckpoint = (x: unknown): x is CheckpointMsg =>
  isObj(x) && x['type'] === 'CHECKPOINT' && isNat(x['seq']) && isStr(x['digest']) && hasEnvelope(x);
const isPreparedCert = (x: unknown): x is PreparedCert =>
  isObj(x) && isPrePrepare(x['prePrepare']) && isArrayOf(x['prepares'], isPrepare);

/** Structural check of a VIEW-CHANGE, including its proofs. */
export function isViewChange(x: unknown): x is ViewChangeMsg {
  return isObj(x) && x['type'] === 'VIEW-CHANGE' && isNat(x['view']) && isNat(x['seq']) && hasEnvelope(x)
    && isArrayOf(x['checkpointProof'], isCheckpoint) && isArrayOf(x['prepared'], isPreparedCert);
}

/**
 * Structural validation of an untrusted payload: the replica must never throw on what a Byzantine
 * node or a mutating adversary sends, so anything not shaped like a message is dropped here.
 */
export function isPbftMessage(x: unknown): x is PbftMessage {
  if (!isObj(x)) return false;
  switch (x['type']) {
    case 'PREPARE':
    case 'COMMIT':
      return isVote(x);
    case 'PRE-PREPARE': return isPrePrepare(x);
    case 'CHECKPOINT': return isCheckpoint(x);
    case 'REQUEST': return isClientRequest(x['request']) && hasEnvelope(x);
    case 'VIEW-CHANGE': return isViewChange(x);
    case 'NEW-VIEW':
      return isNat(x['view']) && hasEnvelope(x) && isArrayOf(x['viewChanges'], isViewChange) && isArrayOf(x['prePrepares'], isPrePrepare);
    case 'STATUS': return isNat(x['view']) && isNat(x['seq']) && isNat(x['stable']) && hasEnvelope(x);
    case 'STATE':
      return isNat(x['seq']) && isStr(x['digest']) && isStr(x['snapshot']) && hasEnvelope(x) && isArrayOf(x['proof'], isCheckpoint);
    case 'COMMITTED': return isPrePrepare(x['prePrepare']) && isArrayOf(x['commits'], isCommit) && hasEnvelope(x);
    default: return false;
  }
}

/** Reads the protocol fields adversaries and reports use; unknown payloads yield no fields. */
export function pbftFields(m: PbftMessage): PayloadFields {
  if (!isObj(m)) return {};
  switch (m.type) {
    case 'PRE-PREPARE':
    case 'PREPARE':
    case 'COMMIT':
      return { type: m.type, view: m.view, seq: m.seq, digest: m.digest, sender: m.sender };
    case 'CHECKPOINT':
    case 'STATE':
      return { type: m.type, seq: m.seq, digest: m.digest, sender: m.sender };
    case 'VIEW-CHANGE':
    case 'STATUS':
      return { type: m.type, view: m.view, seq: m.seq, sender: m.sender };
    case 'NEW-VIEW': return { type: m.type, view: m.view, sender: m.sender };
    case 'COMMITTED': {
      const pp = m.prePrepare;
      return { type: m.type, view: pp.view, seq: pp.seq, digest: pp.digest, sender: m.sender };
    }
    case 'REQUEST': return { type: m.type, sender: m.sender };
    default: return {};
  }
}

/** Copies `m` with the given fields replaced where the message has them; signatures are not repaired. */
export function pbftWithFields(m: PbftMessage, f: PayloadFields): PbftMessage {
  if (!isObj(m)) return m;
  if (m.type === 'COMMITTED') {
    const pp = m.prePrepare;
    const prePrepare = { ...pp, view: f.view ?? pp.view, seq: f.seq ?? pp.seq, digest: f.digest ?? pp.digest };
    return { ...m, prePrepare, sender: f.sender ?? m.sender };
  }
  const copy: Obj = { ...m };
  if (f.type !== undefined) copy['type'] = f.type;
  if (f.sender !== undefined) copy['sender'] = f.sender;
  for (const key of ['view', 'seq', 'digest'] as const) {
    if (f[key] !== undefined && key in copy) copy[key] = f[key];
  }
  return copy as unknown as PbftMessage;
}

/** Signs a (modified) message afresh: how a Byzantine replica signs its own lies with its own key. */
export function pbftResign(m: PbftMessage, sign: (data: string) => string): PbftMessage {
  // A mutation may have made it malformed: such garbage cannot be signed, and is sent as it is.
  return isPbftMessage(m) ? seal({ ...m, sig: '' }, sign) : m;
}

/** The PBFT codec for adversaries and reports, with its nested structure (codec v2). */
export const pbftCodec: Codec<PbftMessage> = Object.freeze({
  fields: pbftFields, withFields: pbftWithFields, resign: pbftResign,
  signedItems: pbftSignedItems, certificates: pbftCertificates, withItemFields: pbftWithItemFields, build: pbftBuild,
});
