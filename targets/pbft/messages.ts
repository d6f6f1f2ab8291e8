import type { ClientRequest, NodeId } from '../../src/adapter/contract.js';
import { fnv64 } from './digest.js';

/** Digest of the null request the new primary uses to fill gaps in a NEW-VIEW. */
export const NULL_DIGEST = 'null';

/** A backup passing a client's request on to the primary. */
export interface RequestMsg {
  readonly type: 'REQUEST';
  readonly request: ClientRequest;
  readonly sender: NodeId;
  readonly sig: string;
}

/** ⟨PRE-PREPARE, v, n, d⟩σp with the batch piggybacked (the batch is bound through d). */
export interface PrePrepareMsg {
  readonly type: 'PRE-PREPARE';
  readonly view: number;
  readonly seq: number;
  readonly digest: string;
  readonly requests: readonly ClientRequest[];
  readonly sender: NodeId;
  readonly sig: string;
}

/** ⟨PREPARE, v, n, d, i⟩σi. */
export interface PrepareMsg {
  readonly type: 'PREPARE';
  readonly view: number;
  readonly seq: number;
  readonly digest: string;
  readonly sender: NodeId;
  readonly sig: string;
}

/** ⟨COMMIT, v, n, d, i⟩σi. */
export interface CommitMsg {
  readonly type: 'COMMIT';
  readonly view: number;
  readonly seq: number;
  readonly digest: string;
  readonly sender: NodeId;
  readonly sig: string;
}

/** ⟨CHECKPOINT, n, d, i⟩σi where d is the digest of the service state after executing n. */
export interface CheckpointMsg {
  readonly type: 'CHECKPOINT';
  readonly seq: number;
  readonly digest: string;
  readonly sender: NodeId;
  readonly sig: string;
}

/** A prepared certificate: the PRE-PREPARE and 2f matching PREPAREs from distinct backups. */
export interface PreparedCert {
  readonly prePrepare: PrePrepareMsg;
  readonly prepares: readonly PrepareMsg[];
}

/** ⟨VIEW-CHANGE, v+1, n, C, P, i⟩σi: n is the stable checkpoint, C its proof, P prepared certificates above n. */
export interface ViewChangeMsg {
  readonly type: 'VIEW-CHANGE';
  readonly view: number;
  readonly seq: number;
  readonly checkpointProof: readonly CheckpointMsg[];
  readonly prepared: readonly PreparedCert[];
  readonly sender: NodeId;
  readonly sig: string;
}

/** ⟨NEW-VIEW, v+1, V, O⟩σp. */
export interface NewViewMsg {
  readonly type: 'NEW-VIEW';
  readonly view: number;
  readonly viewChanges: readonly ViewChangeMsg[];
  readonly prePrepares: readonly PrePrepareMsg[];
  readonly sender: NodeId;
  readonly sig: string;
}

/** Progress summary used to detect and repair lag: last active view, last executed seq, stable checkpoint. */
export interface StatusMsg {
  readonly type: 'STATUS';
  readonly view: number;
  readonly seq: number;
  readonly stable: number;
  readonly sender: NodeId;
  readonly sig: string;
}

/** State transfer: a checkpoint's state with the 2f+1 CHECKPOINT messages that certify its digest. */
export interface StateMsg {
  readonly type: 'STATE';
  readonly seq: number;
  readonly digest: string;
  readonly snapshot: string;
  readonly proof: readonly CheckpointMsg[];
  readonly sender: NodeId;
  readonly sig: string;
}

/** Catch-up: a committed certificate (PRE-PREPARE plus 2f+1 matching COMMITs) for a lagging replica. */
export interface CommittedMsg {
  readonly type: 'COMMITTED';
  readonly prePrepare: PrePrepareMsg;
  readonly commits: readonly CommitMsg[];
  readonly sender: NodeId;
  readonly sig: string;
}

/** Every message of the protocol. */
export type PbftMessage =
  | RequestMsg | PrePrepareMsg | PrepareMsg | CommitMsg | CheckpointMsg
  | ViewChangeMsg | NewViewMsg | StatusMsg | StateMsg | CommittedMsg;

/** A message's `type` tag. */
export type PbftMessageType = PbftMessage['type'];

/** Canonical text of one client request (length-prefixed, so operations may contain any character). */
export function requestText(r: ClientRequest): string {
  return `${r.client}:${r.requestId}:${r.operation.length}:${r.operation}`;
}

/** Digest of a batch of requests; the empty batch is the null request. */
export function batchDigest(requests: readonly ClientRequest[]): string {
  if (requests.length === 0) return NULL_DIGEST;
  if (requests.length === 1) return fnv64(requestText(requests[0] as ClientRequest));
  let text = '';
  for (const r of requests) text += requestText(r) + '\n';
  return fnv64(text);
}

function viewChangeText(m: ViewChangeMsg): string {
  let c = '';
  for (const ck of m.checkpointProof) c += `${ck.sender}:${ck.digest},`;
  let p = '';
  for (const cert of m.prepared) {
    const pp = cert.prePrepare;
    p += `${pp.view}:${pp.seq}:${pp.digest}:`;
    for (const prep of cert.prepares) p += `${prep.sender}.`;
    p += ',';
  }
  return `VC|${m.view}|${m.seq}|${m.sender}|${c}|${p}`;
}

function newViewText(m: NewViewMsg): string {
  let v = '';
  for (const vc of m.viewChanges) v += `${vc.sender}:${vc.seq},`;
  let o = '';
  for (const pp of m.prePrepares) o += `${pp.seq}:${pp.digest},`;
  return `NV|${m.view}|${m.sender}|${v}|${o}`;
}

/**
 * The signed fields of a message as a fixed-order string. Embedded messages carry their own
 * signatures; the outer signature binds which ones (by sender and content) were embedded.
 */
export function signingText(m: PbftMessage): string {
  switch (m.type) {
    case 'REQUEST': return `RQ|${m.sender}|${m.request.client}|${m.request.requestId}|${m.request.operation}`;
    case 'PRE-PREPARE': return `PP|${m.view}|${m.seq}|${m.digest}|${m.sender}`;
    case 'PREPARE': return `P|${m.view}|${m.seq}|${m.digest}|${m.sender}`;
    case 'COMMIT': return `C|${m.view}|${m.seq}|${m.digest}|${m.sender}`;
    case 'CHECKPOINT': return `CK|${m.seq}|${m.digest}|${m.sender}`;
    case 'VIEW-CHANGE': return viewChangeText(m);
    case 'NEW-VIEW': return newViewText(m);
    case 'STATUS': return `ST|${m.view}|${m.seq}|${m.stable}|${m.sender}`;
    case 'STATE': return `SS|${m.seq}|${m.digest}|${m.sender}`;
    case 'COMMITTED': return `CM|${m.prePrepare.view}|${m.prePrepare.seq}|${m.prePrepare.digest}|${m.sender}`;
  }
}

/**
 * Fills in `m.sig` (built with an empty one) with `sign` over its signing text, and returns `m`.
 * Verification is never shared between receivers: a verdict reached by one replica (possibly a
 * Byzantine one running this code with a doctored verifier) must not stand in for another's.
 */
export function seal<M extends PbftMessage>(m: M, sign: (data: string) => string): M {
  (m as { sig: string }).sig = sign(signingText(m));
  return m;
}
