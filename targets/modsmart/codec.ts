import type { Codec, PayloadFields } from '../../src/adapter/contract.js';
import { isClientRequest } from '../pbft/codec.js';
import { seal } from './messages.js';
import type {
  AcceptMsg, CheckpointMsg, DecisionProof, ModSmartMessage, ProposeMsg, StopDataMsg, WriteCert, WriteMsg,
} from './messages.js';

type Obj = Record<string, unknown>;

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNat = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;
const isStr = (x: unknown): x is string => typeof x === 'string';

// Every message has these; checked first so the per-type checks stay short.
function hasEnvelope(x: Obj): boolean {
  return isNat(x['sender']) && isStr(x['sig']);
}

function isVoteOf(type: string, x: unknown): boolean {
  return isObj(x) && x['type'] === type && isNat(x['reg']) && isNat(x['cid']) && isStr(x['digest']) && hasEnvelope(x);
}

function isArrayOf<T>(x: unknown, item: (y: unknown) => y is T): x is T[] {
  if (!Array.isArray(x)) return false;
  for (const y of x) if (!item(y)) return false;
  return true;
}

/** Structural check of a PROPOSE, including its batch. */
export function isPropose(x: unknown): x is ProposeMsg {
  return isVoteOf('PROPOSE', x) && isArrayOf((x as Obj)['batch'], isClientRequest);
}
const isWrite = (x: unknown): x is WriteMsg => isVoteOf('WRITE', x);
const isAccept = (x: unknown): x is AcceptMsg => isVoteOf('ACCEPT', x);
const isCheckpoint = (x: unknown): x is CheckpointMsg =>
  isObj(x) && x['type'] === 'CHECKPOINT' && isNat(x['seq']) && isStr(x['digest']) && hasEnvelope(x);
const isDecisionProof = (x: unknown): x is DecisionProof =>
  isObj(x) && isPropose(x['propose']) && isArrayOf(x['accepts'], isAccept);
const isWriteCert = (x: unknown): x is WriteCert => isObj(x) && isPropose(x['propose']) && isArrayOf(x['writes'], isWrite);

/** Structural check of a STOPDATA, including its proofs. */
export function isStopData(x: unknown): x is StopDataMsg {
  return isObj(x) && x['type'] === 'STOPDATA' && isNat(x['reg']) && isNat(x['cid']) && hasEnvelope(x)
    && (x['decided'] === null || isDecisionProof(x['decided'])) && isArrayOf(x['written'], isPropose)
    && (x['accepted'] === null || isWriteCert(x['accepted']));
}

/**
 * Structural validation of an untrusted payload: the replica must never throw on what a Byzantine
 * node or a mutating adversary sends, so anything not shaped like a message is dropped here.
 */
export function isModSmartMessage(x: unknown): x is ModSmartMessage {
  if (!isObj(x)) return false;
  switch (x['type']) {
    case 'WRITE':
    case 'ACCEPT':
      return isVoteOf(x['type'], x);
    case 'PROPOSE': return isPropose(x);
    case 'STOP': return isNat(x['reg']) && hasEnvelope(x);
    case 'STOPDATA': return isStopData(x);
    case 'SYNC':
      return isNat(x['reg']) && hasEnvelope(x) && isArrayOf(x['stopData'], isStopData) && (x['propose'] === null || isPropose(x['propose']));
    case 'CHECKPOINT': return isCheckpoint(x);
    case 'STATUS': return isNat(x['reg']) && isNat(x['cid']) && isNat(x['stable']) && hasEnvelope(x);
    case 'STATE':
      return isNat(x['cid']) && isStr(x['digest']) && isStr(x['snapshot']) && hasEnvelope(x)
        && isArrayOf(x['proof'], isCheckpoint) && isDecisionProof(x['decided']);
    case 'DECIDED': return isDecisionProof(x['proof']) && hasEnvelope(x);
    default: return false;
  }
}

/** Reads the protocol fields adversaries and reports use (view = regency, seq = consensus instance). */
export function modSmartFields(m: ModSmartMessage): PayloadFields {
  if (!isObj(m)) return {};
  switch (m.type) {
    case 'PROPOSE':
    case 'WRITE':
    case 'ACCEPT':
      return { type: m.type, view: m.reg, seq: m.cid, digest: m.digest, sender: m.sender };
    case 'STOP':
    case 'SYNC':
      return { type: m.type, view: m.reg, sender: m.sender };
    case 'STOPDATA':
    case 'STATUS':
      return { type: m.type, view: m.reg, seq: m.cid, sender: m.sender };
    case 'CHECKPOINT': return { type: m.type, seq: m.seq, digest: m.digest, sender: m.sender };
    case 'STATE': return { type: m.type, seq: m.cid, digest: m.digest, sender: m.sender };
    case 'DECIDED': {
      const p = m.proof.propose;
      return { type: m.type, view: p.reg, seq: p.cid, digest: p.digest, sender: m.sender };
    }
    default: return {};
  }
}

/** Where each PayloadFields field lives in each message. */
const FIELD_KEYS = { view: 'reg', seq: 'cid', digest: 'digest' } as const;

/** Copies `m` with the given fields replaced where the message has them; signatures are not repaired. */
export function modSmartWithFields(m: ModSmartMessage, f: PayloadFields): ModSmartMessage {
  if (!isObj(m)) return m;
  const copy: Obj = { ...m };
  if (f.type !== undefined) copy['type'] = f.type;
  if (f.sender !== undefined) copy['sender'] = f.sender;
  for (const key of ['view', 'seq', 'digest'] as const) {
    const value = f[key];
    if (value === undefined) continue;
    const own = m.type === 'CHECKPOINT' && key === 'seq' ? 'seq' : FIELD_KEYS[key];
    if (own in copy) copy[own] = value;
  }
  return copy as unknown as ModSmartMessage;
}

/** Signs a (modified) message afresh: how a Byzantine replica signs its own lies with its own key. */
export function modSmartResign(m: ModSmartMessage, sign: (data: string) => string): ModSmartMessage {
  // A mutation may have made it malformed: such garbage cannot be signed, and is sent as it is.
  return isModSmartMessage(m) ? seal({ ...m, sig: '' }, sign) : m;
}

/** The Mod-SMaRt codec for adversaries and reports. */
export const modSmartCodec: Codec<ModSmartMessage> = Object.freeze({
  fields: modSmartFields, withFields: modSmartWithFields, resign: modSmartResign,
});
