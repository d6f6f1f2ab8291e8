/**
 * The malformed-input capability of a faulty replica: whatever its strategy, chosen outgoing
 * messages are replaced by malformed ones (see malformed-payload.ts). A capability beside the
 * strategy rather than a strategy of its own, so it reaches every message any strategy sends
 * (a forged VIEW-CHANGE with a null certificate, an equivocating PRE-PREPARE whose batch is a
 * string), and so a random campaign draws it from a part of the scenario drawn after all others:
 * adding it moved no existing draw, only the runs that now carry malformed sends behave anew.
 */
import type { NodeId, PayloadPath, ReplicaContext } from './adapter/contract.js';
import { valueAt } from './adapter/declared/json-path.js';
import { resignLikeOriginal } from './adapter/discovery.js';
import { interpose } from './adversary.js';
import { signatureToken } from './crypto/encoding.js';
import type { SignatureTable } from './crypto/provider.js';
import { malformedEntry, malformPayload } from './malformed-payload.js';
import type { MalformedSend } from './scenario/types.js';

/** Whether outgoing message number `count` is one `send` malforms. */
function hits(send: MalformedSend, count: number): boolean {
  if (count === send.at) return true;
  return send.every > 0 && count > send.at && (count - send.at) % send.every === 0;
}

/**
 * The malformed copy of `payload` the first of `sends` hitting message `count` asks for; the
 * payload itself when none does or its kind has no site in it. A field-level change keeps the
 * outer signature valid (renewed as discovery learnt it was made), so the bad field reaches the
 * receiver's checks past signature verification; a whole-payload change carries no signature.
 */
export function malformedAt(sends: readonly MalformedSend[], count: number, payload: unknown, table: SignatureTable | undefined, sign: (data: string) => string): unknown {
  const send = sends.find((s) => hits(s, count));
  if (send === undefined) return payload;
  const { kind, selector } = malformedEntry(send.kind);
  const outer = (path: PayloadPath): boolean => path.length === 1 && table !== undefined && signatureToken(table, valueAt(payload, path)) !== undefined;
  const changed = malformPayload(payload, kind, selector, outer);
  if (changed === undefined) return payload;
  return table === undefined ? changed.value : resignLikeOriginal(payload, changed.value, table, sign);
}

/**
 * `ctx` with every message to a replica counted (a broadcast once per recipient, in id order) and
 * the ones `sends` name malformed; messages to clients pass untouched and uncounted.
 */
export function malformingContext(ctx: ReplicaContext<unknown>, sends: readonly MalformedSend[], table: SignatureTable | undefined): ReplicaContext<unknown> {
  let count = 0;
  const sign = (data: string): string => ctx.sign(data);
  const send = (to: NodeId, payload: unknown): void => {
    if (to >= ctx.config.n) return ctx.send(to, payload);
    ctx.send(to, malformedAt(sends, count++, payload, table, sign));
  };
  return interpose(ctx, {
    send,
    broadcast: (payload) => {
      for (let to = 0; to < ctx.config.n; to++) if (to !== ctx.config.id) send(to, payload);
    },
  });
}
