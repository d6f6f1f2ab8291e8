import fc from 'fast-check';
import { z } from 'zod';
import type { PayloadPath } from '../src/adapter/contract.js';
import { removeAt, setAt, valueAt } from '../src/adapter/declared/json-path.js';
import { defineAdversary, type AdversaryEnv } from '../src/adversary.js';
import { certificatesOf, checkpointProofs, fieldsOf, forgeOwnList, interceptOutbox, oneVoiceProof, OWN_LIST_FORGERIES, ownItemLike, ownLists, renewSignature, rewrite, roleOf, roleOfType, structureCodec } from './kit.js';

/** Parameters: a cyclic plan, one entry per proof-carrying message (0 = tell the truth). */
export interface LyingProofsParams {
  readonly plan: readonly number[];
}

const DIGEST_KEY = /digest|hash|^d$/i;
const SEQ_KEY = /^(seq|n|sequence|lastStable|stable|checkpoint)$/i;

/** Tampers with the first digest-like string and seq-like number nested *below* the top level. */
function fabricate(value: unknown, v: number, depth: number, done: { digest: boolean; seq: boolean }): unknown {
  if (Array.isArray(value)) return value.map((item) => fabricate(item, v, depth + 1, done));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (depth > 0 && !done.digest && typeof field === 'string' && DIGEST_KEY.test(key)) {
      out[key] = `fabricated-${v}`;
      done.digest = true;
    } else if (depth > 0 && !done.seq && typeof field === 'number' && SEQ_KEY.test(key)) {
      out[key] = field + v;
      done.seq = true;
    } else {
      out[key] = fabricate(field, v, depth + 1, done);
    }
  }
  return out;
}

/**
 * Through codec v2: every vote of every certificate in the payload, at any depth, made to vouch for
 * the same fabricated digest (and a shifted seq) — a consistent lie only the votes' signatures
 * betray. Undefined when the codec cannot say where the votes are, or the payload carries none.
 */
function lieInVotes(env: AdversaryEnv, payload: unknown, v: number): unknown {
  const codec = env.codec;
  const certificates = certificatesOf(codec, payload);
  if (certificates === undefined || codec?.withItemFields === undefined) return undefined;
  const votes = certificates.flatMap((c) => c.votes).filter((vote) => vote.fields.digest !== undefined || vote.fields.seq !== undefined);
  if (votes.length === 0) return undefined;
  let out = payload;
  for (const { path, fields } of votes) {
    out = codec.withItemFields(out, path, {
      ...(fields.digest !== undefined ? { digest: `fabricated-${v}` } : {}),
      ...(fields.seq !== undefined ? { seq: fields.seq + v } : {}),
    });
  }
  return out;
}

/**
 * A leader's own aggregate lied about (odd plan entries): the list of items only it signed in its
 * NEW-VIEW (its PRE-PREPAREs) dropped, repeated, reordered, relabelled, shifted or padded, every
 * rewritten item signed afresh — which it can do, so only the receiver's recomputation of O can
 * refuse it. Undefined when the message holds no such list or the lie does not apply to it.
 */
function lieInOwnList(env: AdversaryEnv, payload: unknown, v: number, step: number): unknown {
  if (v % 2 === 0) return undefined;
  const forger = { structure: structureCodec(env.codec, env.signatures), self: env.ctx.config.id, n: env.ctx.config.n };
  const lists = ownLists(forger, payload);
  const list = lists[step % Math.max(1, lists.length)];
  const forgery = OWN_LIST_FORGERIES[((v >> 1) + step) % OWN_LIST_FORGERIES.length] ?? 'short';
  const lied = list === undefined ? undefined : forgeOwnList(forger, (original, changed) => renewSignature(env, original, changed), payload, list, forgery, v >> 1);
  return lied === undefined ? undefined : renewSignature(env, payload, lied);
}

/**
 * A checkpoint certified by its own voice alone (odd plan entries): a checkpoint proof in a message
 * it signs — its VIEW-CHANGE's, or its own VIEW-CHANGE's inside its NEW-VIEW — replaced by its own
 * CHECKPOINT for a checkpoint no replica has reached, with a digest nobody computed, repeated to the
 * proof's length (src/one-voice-proof.ts); the VIEW-CHANGE holding it re-signed; in a NEW-VIEW,
 * its own proposals at or below that checkpoint dropped, as O leaves them out. Undefined when it
 * signs no message with a proof here.
 */
function lieInProof(env: AdversaryEnv, payload: unknown, v: number, step: number): unknown {
  if (v % 2 === 0) return undefined;
  const structure = structureCodec(env.codec, env.signatures);
  const self = env.ctx.config.id;
  const items = structure.signedItems?.(payload) ?? [];
  const holderOf = (path: PayloadPath): PayloadPath => items.filter((i) => i.path.length < path.length && i.path.every((k, j) => path[j] === k)).reduce<PayloadPath>((best, i) => (i.path.length > best.length ? i.path : best), []);
  const proofs = checkpointProofs(structure, payload).map((cert) => ({ cert, at: holderOf(cert.path) }))
    .filter(({ at }) => at.length === 0 || items.find((i) => i.path === at || i.path.join('.') === at.join('.'))?.signer === self);
  const chosen = proofs[step % Math.max(1, proofs.length)];
  if (chosen === undefined) return undefined;
  const { cert, at } = chosen;
  const holder = valueAt(payload, at);
  const relative = { ...cert, path: cert.path.slice(at.length), votes: cert.votes.map((vote) => ({ ...vote, path: vote.path.slice(at.length) })) };
  const forger = { structure, self, ownLike: (template: unknown, fields: object) => ownItemLike(env, template, fields) };
  const lied = oneVoiceProof(forger, holder, relative, v, `fabricated-state-${v}`);
  if (lied === undefined) return undefined;
  if (at.length === 0) return renewSignature(env, payload, lied);
  const checkpoint = structure.fields(lied).seq ?? 0;
  let out = setAt(payload, at, renewSignature(env, holder, lied));
  for (const list of ownLists({ structure, self, n: env.ctx.config.n }, out)) {
    if (!list.items.every((i) => roleOfType(i.fields.type) === 'proposal')) continue;
    const below = list.items.filter((i) => (i.fields.seq ?? Infinity) <= checkpoint);
    for (const item of [...below].reverse()) out = removeAt(out, item.path);
  }
  return renewSignature(env, payload, out);
}

function lie(env: AdversaryEnv, payload: unknown, v: number, step: number): unknown {
  const role = roleOf(env.codec, payload, env.roles);
  const f = fieldsOf(env.codec, payload);
  const own = role === 'new-view' ? (v % 4 === 3 ? lieInProof(env, payload, v, step) : lieInOwnList(env, payload, v, step)) : role === 'view-change' ? lieInProof(env, payload, v, step) : undefined;
  if (own !== undefined) return own;
  if (role === 'checkpoint') return rewrite(env, payload, { digest: `fabricated-state-${v}`, ...(f.seq !== undefined && v % 2 === 0 ? { seq: f.seq + v } : {}) }, v);
  const fabricated = lieInVotes(env, payload, v) ?? fabricate(payload, v, 0, { digest: false, seq: false });
  return env.codec?.resign === undefined ? fabricated : env.codec.resign(fabricated, (data) => env.ctx.sign(data));
}

/**
 * Lying proofs: in CHECKPOINT messages it claims a state digest (or a checkpoint) that never
 * existed; in VIEW-CHANGE / NEW-VIEW messages it fabricates the certificates inside (digests and
 * sequence numbers of prepared requests) — every nested vote when the codec exposes certificates,
 * else the first digest and seq below the top — re-signing the outer message with its own key. On
 * odd plan entries it lies only where it can sign: the PRE-PREPAREs of its own NEW-VIEW rewritten
 * and re-signed, or a checkpoint proof made of its own CHECKPOINT repeated. Honest replicas must not
 * be fooled: a proof needs the signatures of others, which it cannot forge.
 */
export const lyingProofs = defineAdversary<LyingProofsParams>({
  name: 'lying-proofs',
  description: 'fabricates checkpoint claims and prepared certificates in CHECKPOINT / VIEW-CHANGE / NEW-VIEW; rewrites and re-signs its own NEW-VIEW proposals, or certifies a checkpoint with its own CHECKPOINT repeated',
  params: () => fc.record({ plan: fc.array(fc.nat(9), { minLength: 1, maxLength: 8 }) }),
  schema: z.object({ plan: z.array(z.number().int().nonnegative()).min(1) }).strict(),
  enact(env, { plan }) {
    let counter = 0;
    return interceptOutbox(env, {
      send: (to, payload, post) => {
        const role = roleOf(env.codec, payload, env.roles);
        if (role !== 'checkpoint' && role !== 'view-change' && role !== 'new-view') return post(to, payload);
        const step = counter++;
        const v = plan[step % plan.length] ?? 0;
        post(to, v === 0 ? payload : lie(env, payload, v, step));
      },
    });
  },
});
