/**
 * A checkpoint proof of one voice: the forger's own CHECKPOINT for a checkpoint no replica has
 * reached, with a digest nobody computed, repeated as many times as the proof had votes — so the
 * proof has the right length, every signature verifies, and only a receiver that counts distinct
 * senders refuses it. Accepted, it makes replicas wait for a state nobody holds. Works on any
 * payload whose certificates the codec or signature discovery finds (`structureCodec`).
 */
import type { Certificate, Codec, NodeId, PayloadFields, PayloadPath } from './adapter/contract.js';
import { removeAt, setAt, valueAt } from './adapter/declared/json-path.js';

/** What the forgery needs: the payload structure, the forger's id, and a way to make a signed item of its own like a template. */
export interface OneVoiceForger {
  readonly structure: Codec<unknown>;
  readonly self: NodeId;
  /** An item like `template` (a signed item of the payload) carrying `fields` and the forger's signature; undefined when it cannot make one. */
  readonly ownLike: (template: unknown, fields: PayloadFields) => unknown;
}

/** The checkpoint proofs of a payload (certificates of CHECKPOINT-like votes). */
export function checkpointProofs(structure: Codec<unknown>, payload: unknown): Certificate[] {
  const certs = structure.certificates?.(payload) ?? [];
  return certs.filter((c) => c.votes.length > 0 && /check ?point/i.test(c.claim.type ?? c.votes[0]?.fields.type ?? ''));
}

/**
 * `payload` with the proof `cert` replaced by one own CHECKPOINT for `ahead` seqs past the highest
 * seq the payload mentions (digest `digest`), repeated, and the payload's own seq (and digest, if it carries one) set
 * to match. Undefined when no own item can be made. The outer signature is the caller's to renew.
 */
export function oneVoiceProof(forger: OneVoiceForger, payload: unknown, cert: Certificate, ahead: number, digest: string): unknown {
  const { structure } = forger;
  const claimed = cert.claim.seq ?? cert.votes[0]?.fields.seq;
  if (claimed === undefined) return undefined;
  // Past every seq the payload mentions (its prepared slots too), so no replica has executed it.
  const highest = Math.max(claimed, ...(structure.signedItems?.(payload) ?? []).map((i) => i.fields.seq ?? 0));
  const seq = highest + ahead;
  const template = cert.votes.find((v) => v.signer === forger.self) ?? cert.votes[0];
  if (template === undefined) return undefined;
  const own = forger.ownLike(valueAt(payload, template.path), { seq, digest, sender: forger.self });
  if (own === undefined) return undefined;
  const list = valueAt(payload, cert.path);
  if (!Array.isArray(list)) return undefined;
  const top = structure.fields(payload);
  const claim: PayloadFields = { ...(top.seq === claimed ? { seq } : {}), ...(top.digest !== undefined ? { digest } : {}) };
  const withProof = belowDropped(structure, setAt(payload, cert.path, list.map(() => own)), seq);
  return Object.keys(claim).length === 0 || structure.withFields === undefined ? withProof : structure.withFields(withProof, claim);
}

/**
 * What a certificate occupies: a list element for a codec's certificate; for a discovered list of
 * votes inside an unsigned holder that is itself a list element (a prepared certificate), the holder.
 */
function extent(payload: unknown, cert: Certificate, signed: ReadonlySet<string>): PayloadPath | undefined {
  if (!Array.isArray(valueAt(payload, cert.path))) return typeof cert.path[cert.path.length - 1] === 'number' ? cert.path : undefined;
  const parent = cert.path.slice(0, -1);
  return typeof parent[parent.length - 1] === 'number' && !signed.has(JSON.stringify(parent)) ? parent : undefined;
}

/** `payload` without its certificates (other than checkpoint proofs) for slots at or below `seq`: a message's prepared slots lie above its checkpoint. */
export function belowDropped(structure: Codec<unknown>, payload: unknown, seq: number): unknown {
  const signed = new Set((structure.signedItems?.(payload) ?? []).map((i) => JSON.stringify(i.path)));
  const below = (structure.certificates?.(payload) ?? []).filter((c) => !/check ?point/i.test(c.claim.type ?? c.votes[0]?.fields.type ?? '') && (c.claim.seq ?? c.votes[0]?.fields.seq ?? Infinity) <= seq);
  const paths = [...new Map(below.map((c) => extent(payload, c, signed)).filter((p): p is PayloadPath => p !== undefined).map((p) => [JSON.stringify(p), p])).values()];
  // Later list elements first, so removing one leaves the others' paths valid.
  paths.sort((a, b) => JSON.stringify(b).localeCompare(JSON.stringify(a), undefined, { numeric: true }));
  return paths.reduce((out, path) => removeAt(out, path), payload);
}
