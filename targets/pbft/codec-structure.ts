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
  return requests.flatMap((r, i) =>
    typeof r.signature === 'string' ? [{ path: [...path, i], signer: r.client, data: requestSigningData(r), signature: r.signature, fields: {} }] : [],
  );
}

function viewChangeCertificates(vc: ViewChangeMsg, at: PayloadPath): Certificate[] {
  const checkpoint: Certificate = {
    path: [...at, 'checkpointProof'],
    claim: { type: 'CHECKPOINT', seq: vc.seq },
    votes: vc.checkpointProof.map((ck, i) => messageItem(ck, [...at, 'checkpointProof', i])),
  };
  const prepared = vc.prepared.map((cert, k): Certificate => {
    const pp = cert.prePrepare;
    return {
      path: [...at, 'prepared', k],
      claim: { type: 'PREPARED', view: pp.view, seq: pp.seq, digest: pp.digest },
      votes: [messageItem(pp, [...at, 'prepared', k, 'prePrepare']), ...cert.prepares.map((p, j) => messageItem(p, [...at, 'prepared', k, 'prepares', j]))],
    };
  });
  return [checkpoint, ...prepared];
}

/** Every certificate of a well-formed PBFT message, outermost first. */
export function pbftCertificates(m: PbftMessage): Certificate[] {
  if (!isPbftMessage(m)) return [];
  switch (m.type) {
    case 'VIEW-CHANGE': return viewChangeCertificates(m, []);
    case 'NEW-VIEW': {
      const own: Certificate = { path: ['viewChanges'], claim: { type: 'NEW-VIEW', view: m.view }, votes: m.viewChanges.map((vc, i) => messageItem(vc, ['viewChanges', i])) };
      return [own, ...m.viewChanges.flatMap((vc, i) => viewChangeCertificates(vc, ['viewChanges', i]))];
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
export function pbftSignedItems(m: PbftMessage): SignedItem[] {
  if (!isPbftMessage(m)) return [];
  // Strategies ask this of every message they see, and most carry nothing nested: votes,
  // checkpoints and STATUS have no items, a PRE-PREPARE only its batch's requests.
  switch (m.type) {
    case 'PREPARE': case 'COMMIT': case 'CHECKPOINT': case 'STATUS': return [];
    case 'PRE-PREPARE': return requestItems(m.requests, ['requests']);
    default: return nestedItems(m);
  }
}

function nestedItems(m: PbftMessage): SignedItem[] {
  const items: SignedItem[] = [];
  const seen = new Set<string>();
  const add = (item: SignedItem): void => {
    const key = item.path.join('.');
    if (!seen.has(key)) (seen.add(key), items.push(item));
  };
  if (m.type === 'NEW-VIEW') m.viewChanges.forEach((vc, i) => add(messageItem(vc, ['viewChanges', i])));
  for (const cert of pbftCertificates(m)) cert.votes.forEach(add);
  if (m.type === 'NEW-VIEW') m.prePrepares.forEach((pp, i) => add(messageItem(pp, ['prePrepares', i])));
  if (m.type === 'COMMITTED') add(messageItem(m.prePrepare, ['prePrepare']));
  if (m.type === 'REQUEST') requestItems([m.request], ['request']).forEach(add);
  // Clients' requests inside every PRE-PREPARE found so far, the top-level one included.
  const proposals: { pp: unknown; at: PayloadPath }[] = [{ pp: m, at: [] }, ...items.map((i) => ({ pp: valueAt(m, i.path), at: i.path }))];
  for (const { pp, at } of proposals) {
    if (isPbftMessage(pp) && pp.type === 'PRE-PREPARE') requestItems(pp.requests, [...at, 'requests']).forEach(add);
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
