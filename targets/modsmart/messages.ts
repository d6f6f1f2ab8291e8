import type { ClientRequest, NodeId } from '../../src/adapter/contract.js';
import type { CheckpointMsg } from '../pbft/messages.js';

export { batchDigest, requestText } from '../pbft/messages.js';
export type { CheckpointMsg } from '../pbft/messages.js';

/** ⟨PROPOSE, r, i, h, batch⟩ from the leader of regency r for consensus instance i (h binds the batch). */
export interface ProposeMsg {
  readonly type: 'PROPOSE';
  readonly reg: number;
  readonly cid: number;
  readonly digest: string;
  readonly batch: readonly ClientRequest[];
  readonly sender: NodeId;
  readonly sig: string;
}

/** ⟨WRITE, r, i, h⟩: the sender wrote the proposal with hash h in regency r. */
export interface WriteMsg {
  readonly type: 'WRITE';
  readonly reg: number;
  readonly cid: number;
  readonly digest: string;
  readonly sender: NodeId;
  readonly sig: string;
}

/** ⟨ACCEPT, r, i, h⟩: the sender saw a quorum of matching WRITEs. */
export interface AcceptMsg {
  readonly type: 'ACCEPT';
  readonly reg: number;
  readonly cid: number;
  readonly digest: string;
  readonly sender: NodeId;
  readonly sig: string;
}

/** A write certificate: a PROPOSE and a quorum of matching WRITEs of its regency (the value is "accepted"). */
export interface WriteCert {
  readonly propose: ProposeMsg;
  readonly writes: readonly WriteMsg[];
}

/** A decision proof: a PROPOSE and a quorum of matching ACCEPTs of its regency. */
export interface DecisionProof {
  readonly propose: ProposeMsg;
  readonly accepts: readonly AcceptMsg[];
}

/** ⟨STOP, r⟩: the sender wants regency r (its current leader is suspected). */
export interface StopMsg {
  readonly type: 'STOP';
  readonly reg: number;
  readonly sender: NodeId;
  readonly sig: string;
}

/**
 * ⟨STOPDATA, r, i, proof(i), written, accepted⟩ sent to the leader of r: the last decided instance i
 * with its proof, and what the sender wrote (signed PROPOSEs) and accepted in the open instance i+1.
 */
export interface StopDataMsg {
  readonly type: 'STOPDATA';
  readonly reg: number;
  readonly cid: number;
  readonly decided: DecisionProof | null;
  readonly written: readonly ProposeMsg[];
  readonly accepted: WriteCert | null;
  readonly sender: NodeId;
  readonly sig: string;
}

/** ⟨SYNC, r, S, p⟩: the new leader's quorum S of STOPDATAs and its PROPOSE for the open instance (null if none). */
export interface SyncMsg {
  readonly type: 'SYNC';
  readonly reg: number;
  readonly stopData: readonly StopDataMsg[];
  readonly propose: ProposeMsg | null;
  readonly sender: NodeId;
  readonly sig: string;
}

/** Progress summary, to detect and repair lag: last active regency, last executed instance, stable checkpoint. */
export interface StatusMsg {
  readonly type: 'STATUS';
  readonly reg: number;
  readonly cid: number;
  readonly stable: number;
  readonly sender: NodeId;
  readonly sig: string;
}

/** State transfer: a checkpoint's state, the CHECKPOINTs certifying its digest, and the decision of its instance. */
export interface StateMsg {
  readonly type: 'STATE';
  readonly cid: number;
  readonly digest: string;
  readonly snapshot: string;
  readonly proof: readonly CheckpointMsg[];
  readonly decided: DecisionProof;
  readonly sender: NodeId;
  readonly sig: string;
}

/** Catch-up: one decided instance with its proof, for a lagging replica. */
export interface DecidedMsg {
  readonly type: 'DECIDED';
  readonly proof: DecisionProof;
  readonly sender: NodeId;
  readonly sig: string;
}

/** Every message of the protocol. */
export type ModSmartMessage =
  | ProposeMsg | WriteMsg | AcceptMsg | StopMsg | StopDataMsg | SyncMsg | CheckpointMsg | StatusMsg | StateMsg | DecidedMsg;

function proofText(p: DecisionProof | WriteCert | null): string {
  if (p === null) return '-';
  const votes = 'accepts' in p ? p.accepts : p.writes;
  let s = `${p.propose.reg}:${p.propose.cid}:${p.propose.digest}:`;
  for (const v of votes) s += `${v.sender}.`;
  return s;
}

function stopDataText(m: StopDataMsg): string {
  let w = '';
  for (const p of m.written) w += `${p.reg}:${p.digest},`;
  return `SD|${m.reg}|${m.cid}|${m.sender}|${proofText(m.decided)}|${w}|${proofText(m.accepted)}`;
}

function syncText(m: SyncMsg): string {
  let s = '';
  for (const sd of m.stopData) s += `${sd.sender}:${sd.cid},`;
  const p = m.propose === null ? '-' : `${m.propose.cid}:${m.propose.digest}`;
  return `SY|${m.reg}|${m.sender}|${s}|${p}`;
}

/**
 * The signed fields of a message as a fixed-order string. Embedded messages carry their own
 * signatures; the outer signature binds which ones were embedded.
 */
export function signingText(m: ModSmartMessage): string {
  switch (m.type) {
    case 'PROPOSE': return `PR|${m.reg}|${m.cid}|${m.digest}|${m.sender}`;
    case 'WRITE': return `WR|${m.reg}|${m.cid}|${m.digest}|${m.sender}`;
    case 'ACCEPT': return `AC|${m.reg}|${m.cid}|${m.digest}|${m.sender}`;
    case 'STOP': return `SP|${m.reg}|${m.sender}`;
    case 'STOPDATA': return stopDataText(m);
    case 'SYNC': return syncText(m);
    case 'CHECKPOINT': return `CK|${m.seq}|${m.digest}|${m.sender}`;
    case 'STATUS': return `ST|${m.reg}|${m.cid}|${m.stable}|${m.sender}`;
    case 'STATE': return `SS|${m.cid}|${m.digest}|${m.sender}|${proofText(m.decided)}`;
    case 'DECIDED': return `DC|${proofText(m.proof)}|${m.sender}`;
  }
}

/** Fills in `m.sig` (built with an empty one) with `sign` over its signing text, and returns `m`. */
export function seal<M extends ModSmartMessage>(m: M, sign: (data: string) => string): M {
  (m as { sig: string }).sig = sign(signingText(m));
  return m;
}
