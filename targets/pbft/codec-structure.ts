/**
 * Codec v2 for PBFT: the signed messages nested in a payload (checkpoint proofs, prepared
 * certificates, a NEW-VIEW's VIEW-CHANGEs and PRE-PREPAREs, committed certificates, clients'
 * requests) and the certificates they form, plus a writer for a nested message's fields and a
 * builder of votes.
 */
import { type Certificate, type ClientRequest, type PayloadFields, type PayloadPath, type SignedItem } from '../../src/adapter/contract.js';
import { setAt, valueAt } from '../../src/adapter/declared/json-path.js';
import { isPbftMessage, pbftFields, pbftWithFields } from './codec.js';
import { requestSigningData, signingText, type PbftMessage, type ViewChangeMsg } from './messages.js';

function messageItem(m: PbftMessage, path: PayloadPath): SignedItem {
  return { path, signer: m.sender, data: signingText(m), signature: m.sig, fields: pbftFields(m) };
}

function requestItems(requests: readonly ClientRequest[], path: PayloadPath): SignedItem[] {
  const items: SignedItem[] = [];
  requests.forEach((r, i) => {
    if (typeof r.signature === 'string') items.push({ path: [...path, i], signer: r.client, data: requestSigningData(r), signature: r.signature, fields: {} });
  });
  return items;
}

// Built with pushes rather than spreads of mapped arrays: strategies ask for a VIEW-CHANGE's
// certificates at every delivery, and each spread was one more array per certificate.
function viewChangeCertificates(vc: ViewChangeMsg, at: PayloadPath): Certificate[] {
  const certificates: Certificate[] = [{
    path: [...at, 'checkpointProof'],
    claim: { type: 'CHECKPOINT', seq: vc.seq },
    votes: vc.checkpointProof.map((ck, i) => messageItem(ck, [...at, 'checkpointProof', i])),
  }];
  vc.prepared.forEach((cert, k) => {
    const pp = cert.prePrepare;
    const votes = [messageItem(pp, [...at, 'prepared', k, 'prePrepare'])];
    cert.prepares.forEach((p, j) => votes.push(messageItem(p, [...at, 'prepared', k, 'prepares', j])));
    certificates.push({ path: [...at, 'prepared', k], claim: { type: 'PREPARED', view: pp.view, seq: pp.seq, digest: pp.digest }, votes });
  });
  return certificates;
}

/**
 * The certificates and signed items of messages that nest others, by message object. Strategies
 * ask for them at every delivery to a faulty replica, a VIEW-CHANGE comes again at every status
 * tick and inside NEW-VIEWs, and building them afresh (a path, a field record and a signing text
 * per vote) was ~5 % of a default campaign. A message never changes once built (honest code seals
 * it and leaves it; strategies change copies, see json-path's setAt), so an object's answer stands
 * and a copy is a new key; the answers are readonly by the codec's contract, so sharing them is safe.
 */
const certificatesByMessage = new WeakMap<PbftMessage, readonly Certificate[]>();
const itemsByMessage = new WeakMap<PbftMessage, readonly SignedItem[]>();

/** Every certificate of a well-formed PBFT message, outermost first. */
export function pbftCertificates(m: PbftMessage): readonly Certificate[] {
  if (!isPbftMessage(m)) return [];
  switch (m.type) {
    case 'VIEW-CHANGE': case 'NEW-VIEW': case 'STATE': case 'COMMITTED': break;
    default: return [];
  }
  let certificates = certificatesByMessage.get(m);
  if (certificates === undefined) certificatesByMessage.set(m, (certificates = certificatesOf(m, true)));
  return certificates;
}

// The certificates of a message already checked well formed; a NEW-VIEW's own (its VIEW-CHANGEs as
// votes) only when `own`, since its signed items list those VIEW-CHANGEs already.
function certificatesOf(m: PbftMessage, own: boolean): Certificate[] {
  switch (m.type) {
    case 'VIEW-CHANGE': return viewChangeCertificates(m, []);
    case 'NEW-VIEW': {
      const nested = m.viewChanges.flatMap((vc, i) => viewChangeCertificates(vc, ['viewChanges', i]));
      if (!own) return nested;
      return [{ path: ['viewChanges'], claim: { type: 'NEW-VIEW', view: m.view }, votes: m.viewChanges.map((vc, i) => messageItem(vc, ['viewChanges', i])) }, ...nested];
    }
    case 'STATE': return [{ path: ['proof'], claim: { type: 'CHECKPOINT', seq: m.seq, digest: m.digest }, votes: m.proof.map((ck, i) => messageItem(ck, ['proof', i])) }];
    case 'COMMITTED': {
      const pp = m.prePrepare;
      return [{ path: ['commits'], claim: { type: 'COMMITTED', view: pp.view, seq: pp.seq, digest: pp.digest }, votes: m.commits.map((c, i) => messageItem(c, ['commits', i])) }];
    }
    default: return [];
  }
}

/** Every signed item nested in a well-formed PBFT message (votes, embedded messages, clients' requests), outermost first. */
export function pbftSignedItems(m: PbftMessage): readonly SignedItem[] {
  if (!isPbftMessage(m)) return [];
  // Strategies ask this of every message they see, and most carry nothing nested: votes,
  // checkpoints and STATUS have no items, a PRE-PREPARE only its batch's requests.
  switch (m.type) {
    case 'PREPARE': case 'COMMIT': case 'CHECKPOINT': case 'STATUS': return [];
    case 'PRE-PREPARE': return requestItems(m.requests, ['requests']);
    default: {
      let items = itemsByMessage.get(m);
      if (items === undefined) itemsByMessage.set(m, (items = nestedItems(m)));
      return items;
    }
  }
}

// Each nested message once (paths never repeat: a NEW-VIEW's own certificate, whose votes are its
// VIEW-CHANGEs, is left out), then the clients' requests of every nested PRE-PREPARE, shortest path first.
function nestedItems(m: PbftMessage): SignedItem[] {
  const items: SignedItem[] = [];
  if (m.type === 'NEW-VIEW') m.viewChanges.forEach((vc, i) => items.push(messageItem(vc, ['viewChanges', i])));
  for (const cert of certificatesOf(m, false)) for (const vote of cert.votes) items.push(vote);
  if (m.type === 'NEW-VIEW') m.prePrepares.forEach((pp, i) => items.push(messageItem(pp, ['prePrepares', i])));
  if (m.type === 'COMMITTED') items.push(messageItem(m.prePrepare, ['prePrepare']));
  if (m.type === 'REQUEST') items.push(...requestItems([m.request], ['request']));
  const nested = items.length;
  for (let i = 0; i < nested; i++) {
    const at = (items[i] as SignedItem).path;
    const type = (items[i] as SignedItem).fields.type;
    const pp = type === 'PRE-PREPARE' || type === undefined ? valueAt(m, at) : undefined;
    if (pp !== undefined && isPbftMessage(pp) && pp.type === 'PRE-PREPARE') items.push(...requestItems(pp.requests, [...at, 'requests']));
  }
  return items.sort((a, b) => a.path.length - b.path.length);
}

/** A copy of `m` with the fields of the message nested at `path` replaced (signatures are not repaired). */
export function pbftWithItemFields(m: PbftMessage, path: PayloadPath, fields: PayloadFields): PbftMessage {
  const item = valueAt(m, path);
  if (path.length === 0 || !isPbftMessage(item)) return m;
  return setAt(m, path, pbftWithFields(item, fields)) as PbftMessage;
}

/** An unsigned vote, checkpoint or (empty) proposal carrying `fields`; undefined for other types or missing fields. */
export function pbftBuild(type: string, f: PayloadFields): PbftMessage | undefined {
  const { view, seq, digest, sender } = f;
  if (seq === undefined || digest === undefined || sender === undefined) return undefined;
  if (type === 'CHECKPOINT') return { type, seq, digest, sender, sig: '' };
  if (view === undefined) return undefined;
  if (type === 'PREPARE' || type === 'COMMIT') return { type, view, seq, digest, sender, sig: '' };
  if (type === 'PRE-PREPARE') return { type, view, seq, digest, requests: [], sender, sig: '' };
  return undefined;
}
