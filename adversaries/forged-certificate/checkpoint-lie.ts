/**
 * The forger's checkpoint lie: in a message it signs that carries a checkpoint proof (its
 * VIEW-CHANGE, its own VIEW-CHANGE inside its NEW-VIEW, a STATE it serves), it claims a stable
 * checkpoint past every seq the message mentions and backs the claim with a proof that breaks one
 * rule of a checkpoint certificate: the genuine votes of its real checkpoint, for another seq
 * (`stale`); its own vote repeated (`repeat`); its own vote copied under the genuine signers' names,
 * unsigned by them (`claim`); its own vote alone, fewer than a quorum (`short`). Accepted, the claim
 * becomes min-s of the next view: replicas await a state nobody holds and no slot below it is ever
 * filled. Found by codec v2 or signature discovery, so it works on any target whose proofs are lists
 * of signed items.
 */
import type { Certificate, Codec, NodeId, PayloadFields, PayloadPath, SignedItem } from '../../src/adapter/contract.js';
import { removeAt, setAt, valueAt } from '../../src/adapter/declared/json-path.js';
import { belowDropped, checkpointProofs } from '../../src/one-voice-proof.js';
import { roleOfType } from '../kit.js';

/** The rules a lying checkpoint proof breaks, one at a time. */
export const CHECKPOINT_LIE_RULES = ['short', 'repeat', 'claim', 'stale'] as const;

/** One rule a lying checkpoint proof breaks (see the module's comment). */
export type CheckpointLieRule = (typeof CHECKPOINT_LIE_RULES)[number];

/** What the lie is built with: the payload structure, who lies, a vote of its own like a template, and how a rewritten item is re-signed. */
export interface CheckpointLiar {
  readonly structure: Codec<unknown>;
  readonly self: NodeId;
  readonly n: number;
  /** An item like `template` carrying `fields`, signed by the liar; undefined when it cannot make one. */
  readonly ownLike: (template: unknown, fields: PayloadFields) => unknown;
  /** `changed` signed afresh by the liar as `original` was signed. */
  readonly renew: (original: unknown, changed: unknown) => unknown;
}

/**
 * How far past the highest seq its message mentions the claimed checkpoint lies: past what any
 * replica executed by then, so nobody holds that state and the slots below it are never proposed.
 */
export const CHECKPOINT_LIE_AHEAD = 10;

const isPrefix = (prefix: PayloadPath, path: PayloadPath): boolean => prefix.length < path.length && prefix.every((k, i) => path[i] === k);

/** The innermost signed item holding `path` ([] for the payload itself), and its signer. */
function holderOf(items: readonly SignedItem[], path: PayloadPath): { at: PayloadPath; signer: NodeId | undefined } | undefined {
  const holders = items.filter((i) => isPrefix(i.path, path)).sort((a, b) => b.path.length - a.path.length);
  const inner = holders[0];
  return inner === undefined ? { at: [], signer: undefined } : { at: inner.path, signer: inner.signer };
}

/** The proof's list rewritten by `rule` for checkpoint (`seq`, `digest`); undefined when it cannot be built. */
function liedList(liar: CheckpointLiar, holder: unknown, cert: Certificate, rule: CheckpointLieRule, seq: number, digest: string | undefined): unknown[] | undefined {
  const list = valueAt(holder, cert.path);
  if (!Array.isArray(list)) return undefined;
  if (rule === 'stale') return list;
  const template = cert.votes.find((v) => v.signer === liar.self) ?? cert.votes[0];
  if (template === undefined) return undefined;
  const own = liar.ownLike(valueAt(holder, template.path), { seq, ...(digest === undefined ? {} : { digest }), sender: liar.self });
  if (own === undefined) return undefined;
  if (rule === 'short') return [own];
  if (rule === 'repeat') return list.map(() => own);
  // claim: its own vote first, then copies naming the genuine signers (their signatures do not cover them).
  const signers = cert.votes.map((v) => v.signer).filter((s): s is NodeId => s !== undefined && s !== liar.self);
  const copies = signers.map((sender) => liar.structure.withFields?.(own, { sender }));
  return copies.some((c) => c === undefined) ? undefined : [own, ...copies.slice(0, Math.max(0, list.length - 1))];
}

/** `holder` (a signed item of the liar's, relative paths) with `cert` lied about by `rule`; undefined when it cannot be. */
function liedHolder(liar: CheckpointLiar, holder: unknown, cert: Certificate, rule: CheckpointLieRule): { lied: unknown; seq: number } | undefined {
  const { structure } = liar;
  const claimed = cert.claim.seq ?? cert.votes[0]?.fields.seq;
  if (claimed === undefined) return undefined;
  const digest = cert.claim.digest ?? cert.votes[0]?.fields.digest;
  const highest = Math.max(claimed, ...(structure.signedItems?.(holder) ?? []).map((i) => i.fields.seq ?? 0));
  const seq = highest + CHECKPOINT_LIE_AHEAD;
  const list = liedList(liar, holder, cert, rule, seq, digest);
  if (list === undefined) return undefined;
  const withProof = belowDropped(structure, setAt(holder, cert.path, list), seq);
  // The holder's own claim moves with it: its seq, where the proof's claim is the holder's (a VIEW-CHANGE's, a STATE's).
  const lied = structure.fields(holder).seq === claimed ? structure.withFields?.(withProof, { seq }) : undefined;
  return lied === undefined ? undefined : { lied, seq };
}

/**
 * `payload` with the first checkpoint proof held by an item the liar signs lied about by `rule`
 * (see the module's comment): a nested holder (its VIEW-CHANGE in its NEW-VIEW) re-signed, and its
 * own proposals at or below the claimed checkpoint dropped, as O would leave them out. The outer
 * signature is the caller's to renew. Undefined when it signs no message with a proof here.
 */
export function checkpointLie(liar: CheckpointLiar, payload: unknown, rule: CheckpointLieRule): unknown {
  const { structure, self } = liar;
  const items = structure.signedItems?.(payload) ?? [];
  const top = structure.fields(payload);
  for (const cert of checkpointProofs(structure, payload)) {
    const holder = holderOf(items, cert.path);
    if (holder === undefined || (holder.at.length === 0 ? top.sender !== self : holder.signer !== self)) continue;
    const { at } = holder;
    const inner = valueAt(payload, at);
    const relative = { ...cert, path: cert.path.slice(at.length), votes: cert.votes.map((v) => ({ ...v, path: v.path.slice(at.length) })) };
    const done = liedHolder(liar, inner, relative, rule);
    if (done === undefined) continue;
    if (at.length === 0) return done.lied;
    let out = setAt(payload, at, liar.renew(inner, done.lied));
    const proposals = (structure.signedItems?.(out) ?? []).filter((i) => i.signer === self && typeof i.path[i.path.length - 1] === 'number'
      && roleOfType(i.fields.type) === 'proposal' && (i.fields.seq ?? Infinity) <= done.seq);
    // Later list elements first, so removing one leaves the others' paths valid.
    for (const item of [...proposals].reverse()) out = removeAt(out, item.path);
    return out;
  }
  return undefined;
}

/** Whether `payload` is a view change (by its type's role), the kind of message whose lie the liar sends a view ahead too. */
export function isViewChange(structure: Codec<unknown>, payload: unknown): boolean {
  return roleOfType(structure.fields(payload).type) === 'view-change';
}

/**
 * Its lying view change asked again for the next view, sent with the first: stored by the next
 * view's leader before any honest replica asks for that view, so it is in that view's set of view
 * changes whichever replicas ask later. Undefined when the payload names no view. Unsigned: the
 * caller renews the signature.
 */
export function nextViewAsk(structure: Codec<unknown>, payload: unknown): unknown {
  const view = structure.fields(payload).view;
  return view === undefined ? undefined : structure.withFields?.(payload, { view: view + 1 });
}
