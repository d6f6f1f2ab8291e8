import fc from 'fast-check';
import { z } from 'zod';
import { defineAdversary, type AdversaryEnv } from '../src/adversary.js';
import { certificatesOf, fieldsOf, forgeOwnList, interceptOutbox, OWN_LIST_FORGERIES, ownLists, renewSignature, rewrite, roleOf, structureCodec } from './kit.js';

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

function lie(env: AdversaryEnv, payload: unknown, v: number, step: number): unknown {
  const role = roleOf(env.codec, payload);
  const f = fieldsOf(env.codec, payload);
  const own = role === 'new-view' ? lieInOwnList(env, payload, v, step) : undefined;
  if (own !== undefined) return own;
  if (role === 'checkpoint') return rewrite(env, payload, { digest: `fabricated-state-${v}`, ...(f.seq !== undefined && v % 2 === 0 ? { seq: f.seq + v } : {}) }, v);
  const fabricated = lieInVotes(env, payload, v) ?? fabricate(payload, v, 0, { digest: false, seq: false });
  return env.codec?.resign === undefined ? fabricated : env.codec.resign(fabricated, (data) => env.ctx.sign(data));
}

/**
 * Lying proofs: in CHECKPOINT messages it claims a state digest (or a checkpoint) that never
 * existed; in VIEW-CHANGE / NEW-VIEW messages it fabricates the certificates inside (digests and
 * sequence numbers of prepared requests) — every nested vote when the codec exposes certificates,
 * else the first digest and seq below the top — re-signing the outer message with its own key. Honest
 * replicas must not be fooled: a proof needs the signatures of others, which it cannot forge.
 */
export const lyingProofs = defineAdversary<LyingProofsParams>({
  name: 'lying-proofs',
  description: 'fabricates checkpoint claims and prepared certificates in CHECKPOINT / VIEW-CHANGE / NEW-VIEW',
  params: () => fc.record({ plan: fc.array(fc.nat(9), { minLength: 1, maxLength: 8 }) }),
  schema: z.object({ plan: z.array(z.number().int().nonnegative()).min(1) }).strict(),
  enact(env, { plan }) {
    let counter = 0;
    return interceptOutbox(env, {
      send: (to, payload, post) => {
        const role = roleOf(env.codec, payload);
        if (role !== 'checkpoint' && role !== 'view-change' && role !== 'new-view') return post(to, payload);
        const step = counter++;
        const v = plan[step % plan.length] ?? 0;
        post(to, v === 0 ? payload : lie(env, payload, v, step));
      },
    });
  },
});
