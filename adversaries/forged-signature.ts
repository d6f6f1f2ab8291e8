import fc from 'fast-check';
import { z } from 'zod';
import { defineAdversary } from '../src/adversary.js';
import { fieldsOf, interceptOutbox, structureCodec } from './kit.js';
import { mutateJson } from './mutate-json.js';

/** Parameters: forge every `everyK`-th outgoing message, impersonating replica (self + victimOffset) mod n. */
export interface ForgedSignatureParams {
  readonly everyK: number;
  readonly victimOffset: number;
}

/**
 * Forged signatures: every k-th message claims another replica as its author (with no codec, under
 * the author key signed-item discovery finds; failing that, its content is altered under the old
 * signature). A faulty node holds only its own key, so the
 * signature cannot match: honest replicas must reject these, and the run counts their rejections.
 */
export const forgedSignature = defineAdversary<ForgedSignatureParams>({
  name: 'forged-signature',
  description: 'sends messages that claim another replica as author, with signatures it cannot make',
  params: () => fc.record({ everyK: fc.integer({ min: 1, max: 8 }).map((k) => 9 - k), victimOffset: fc.integer({ min: 1, max: 9 }) }),
  schema: z.object({ everyK: z.number().int().positive(), victimOffset: z.number().int().positive() }).strict(),
  enact(env, { everyK, victimOffset }) {
    const { ctx, codec } = env;
    const n = ctx.config.n;
    const victim = (ctx.config.id + (victimOffset % (n - 1 || 1)) + 1) % n;
    let sent = 0;
    return interceptOutbox(env, {
      send: (to, payload, post) => {
        sent++;
        if (sent % everyK !== 0) return post(to, payload);
        const hasSender = fieldsOf(codec, payload).sender !== undefined && codec?.withFields !== undefined;
        if (hasSender && codec?.withFields !== undefined) return post(to, codec.withFields(payload, { sender: victim }));
        // Without a codec, discovery tells the author's key (by name, or as the number equal to the
        // signer): mangling the first string instead would send garbage, never an impersonation.
        const structure = codec === undefined && env.signatures !== undefined ? structureCodec(undefined, env.signatures) : undefined;
        const claimed = structure?.fields(payload).sender !== undefined ? structure.withFields?.(payload, { sender: victim }) : undefined;
        post(to, claimed ?? mutateJson(payload, 7));
      },
    });
  },
});
