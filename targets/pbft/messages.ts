import { clientRequestSigningData, type ClientRequest, type NodeId } from '../../src/adapter/contract.js';
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

/** A signing text with the field values it was made from; reused only while a message still holds them all. */
interface TextMemo {
  readonly type: PbftMessageType;
  readonly a: unknown;
  readonly b: unknown;
  readonly c: unknown;
  readonly d: unknown;
  readonly text: string;
}

/**
 * Signing texts by the signature made over them. Every receiver verifies a message against its
 * signing text, so rebuilding the text per receiver (and comparing it character by character with
 * the signer's) was a large share of a delivery's cost; here a receiver finds the text the sender
 * signed, by the signature the message carries, and reuses it if the message still holds the very
 * field values it was made from. Keyed by signature rather than by message, so nothing is added to
 * messages (JSON, spreads and equality checks see them unchanged) and lookups hash a string whose
 * hash is already cached. A pure cache: a miss or a stale entry just rebuilds the text.
 *
 * Receivers look a text up within a few message delays of its signing, so only the latest
 * signatures are worth keeping: two generations of {@link TEXT_GENERATION} entries, the older one
 * dropped when the newer fills. Keeping every signature of a run instead made the cache's live
 * size grow with the run, and with it the work of every young-generation collection.
 */
let recentTexts = new Map<string, TextMemo>();
let olderTexts = new Map<string, TextMemo>();

/** Entries per generation: hundreds of protocol steps even at n = 31, a few hundred KB at most. */
const TEXT_GENERATION = 1 << 10;

function findText(sig: string): TextMemo | undefined {
  return recentTexts.get(sig) ?? olderTexts.get(sig);
}

function isPrimitiveField(x: unknown): boolean {
  return typeof x === 'number' || typeof x === 'string';
}

// A message changed after signing (a Byzantine rewrite), or another message carrying the same
// signature, fails the comparison and gets its own text; fields that are not numbers or strings
// are never cached, so `===` on the stored primitives implies the very same text.
function cachedText(m: PbftMessage, a: unknown, b: unknown, c: unknown, d: unknown): string | undefined {
  const sig = m.sig;
  // A message being sealed has no signature yet: nothing to find, and two map misses saved.
  const memo = typeof sig === 'string' && sig !== '' ? findText(sig) : undefined;
  return memo !== undefined && memo.type === m.type && memo.a === a && memo.b === b && memo.c === c && memo.d === d ? memo.text : undefined;
}

/** A memo of `text` over four signed fields, or null unless all four are numbers or strings. */
function memoOf(type: PbftMessageType, a: unknown, b: unknown, c: unknown, d: unknown, text: string): TextMemo | null {
  return isPrimitiveField(a) && isPrimitiveField(b) && isPrimitiveField(c) && isPrimitiveField(d) ? { type, a, b, c, d, text } : null;
}

/** The memo of a message's signing text (its cacheable fields, at most four, read in place: sealing allocates no tuple), or null for VIEW-CHANGE and NEW-VIEW, whose texts are built from embedded messages. */
function textMemo(m: PbftMessage, text: string): TextMemo | null {
  switch (m.type) {
    case 'REQUEST': return memoOf(m.type, m.sender, m.request.client, m.request.requestId, m.request.operation, text);
    case 'PRE-PREPARE': case 'PREPARE': case 'COMMIT': return memoOf(m.type, m.view, m.seq, m.digest, m.sender, text);
    case 'CHECKPOINT': case 'STATE': return memoOf(m.type, m.seq, m.digest, m.sender, 0, text);
    case 'STATUS': return memoOf(m.type, m.view, m.seq, m.stable, m.sender, text);
    case 'COMMITTED': return memoOf(m.type, m.prePrepare.view, m.prePrepare.seq, m.prePrepare.digest, m.sender, text);
    default: return null;
  }
}

/**
 * The signed fields of a message as a fixed-order string. Embedded messages carry their own
 * signatures; the outer signature binds which ones (by sender and content) were embedded.
 */
export function signingText(m: PbftMessage): string {
  switch (m.type) {
    case 'REQUEST': {
      const r = m.request;
      return cachedText(m, m.sender, r.client, r.requestId, r.operation) ?? `RQ|${m.sender}|${r.client}|${r.requestId}|${r.operation}`;
    }
    case 'PRE-PREPARE': return cachedText(m, m.view, m.seq, m.digest, m.sender) ?? `PP|${m.view}|${m.seq}|${m.digest}|${m.sender}`;
    case 'PREPARE': return cachedText(m, m.view, m.seq, m.digest, m.sender) ?? `P|${m.view}|${m.seq}|${m.digest}|${m.sender}`;
    case 'COMMIT': return cachedText(m, m.view, m.seq, m.digest, m.sender) ?? `C|${m.view}|${m.seq}|${m.digest}|${m.sender}`;
    case 'CHECKPOINT': return cachedText(m, m.seq, m.digest, m.sender, 0) ?? `CK|${m.seq}|${m.digest}|${m.sender}`;
    case 'VIEW-CHANGE': return viewChangeText(m);
    case 'NEW-VIEW': return newViewText(m);
    case 'STATUS': return cachedText(m, m.view, m.seq, m.stable, m.sender) ?? `ST|${m.view}|${m.seq}|${m.stable}|${m.sender}`;
    case 'STATE': return cachedText(m, m.seq, m.digest, m.sender, 0) ?? `SS|${m.seq}|${m.digest}|${m.sender}`;
    case 'COMMITTED': {
      const pp = m.prePrepare;
      return cachedText(m, pp.view, pp.seq, pp.digest, m.sender) ?? `CM|${pp.view}|${pp.seq}|${pp.digest}|${m.sender}`;
    }
  }
}

/** A client request's signing data with the fields it was made from (see {@link requestSigningData}). */
interface RequestTextMemo {
  readonly client: number;
  readonly requestId: number;
  readonly operation: string;
  readonly text: string;
}

let recentRequestTexts = new Map<string, RequestTextMemo>();
let olderRequestTexts = new Map<string, RequestTextMemo>();

/**
 * {@link clientRequestSigningData} of a well-formed request, built once per signed request rather
 * than at every check: each replica checks a request's client signature when the client's copy
 * arrives, at each retransmission, in each forwarded REQUEST and each PRE-PREPARE batch. Found by
 * the request's signature and reused only while the request still holds the fields it was made
 * from, in the two generations {@link findText} keeps; a pure cache, as that one is.
 */
export function requestSigningData(r: ClientRequest): string {
  const sig = r.signature;
  if (typeof sig !== 'string') return clientRequestSigningData(r);
  const memo = recentRequestTexts.get(sig) ?? olderRequestTexts.get(sig);
  if (memo !== undefined && memo.client === r.client && memo.requestId === r.requestId && memo.operation === r.operation) return memo.text;
  const text = clientRequestSigningData(r);
  if (recentRequestTexts.size >= TEXT_GENERATION) {
    olderRequestTexts = recentRequestTexts;
    recentRequestTexts = new Map();
  }
  recentRequestTexts.set(sig, { client: r.client, requestId: r.requestId, operation: r.operation, text });
  return text;
}

/** Remembers the text `sig` was made over, for the receivers of `m` (see {@link findText}). */
function rememberText(m: PbftMessage, sig: string, text: string): void {
  const memo = textMemo(m, text);
  if (memo === null) return;
  if (recentTexts.size >= TEXT_GENERATION) {
    olderTexts = recentTexts;
    recentTexts = new Map();
  }
  recentTexts.set(sig, memo);
}

/**
 * Fills in `m.sig` (built with an empty one) with `sign` over its signing text, and returns `m`.
 * Verification is never shared between receivers: a verdict reached by one replica (possibly a
 * Byzantine one running this code with a doctored verifier) must not stand in for another's.
 */
export function seal<M extends PbftMessage>(m: M, sign: (data: string) => string): M {
  const text = signingText(m);
  const sig = sign(text);
  (m as { sig: string }).sig = sig;
  if (typeof sig === 'string') rememberText(m, sig, text);
  return m;
}
