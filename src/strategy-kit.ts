/**
 * Helpers for writing strategies (public API, `import { interceptOutbox, rewrite } from 'byzcheck'`):
 * run the honest code behind a doctored context, read and rewrite payloads through the target's
 * codec (signed afresh with the faulty replica's own key), and share state within a coalition.
 * The built-in strategies are written with exactly these.
 */
import type { Certificate, ClientRequest, Codec, HandlerResult, NodeId, PayloadFields, PayloadPath, Replica, ReplicaContext, TimerId } from './adapter/contract.js';
import { removeAt, setAt, valueAt } from './adapter/declared/json-path.js';
import { settleHandler } from './adapter/in-process.js';
import { interpose, type AdversaryEnv } from './adversary.js';
import { buildLike, resignLikeOriginal, structureCodec } from './adapter/discovery.js';
import { mutateJson } from './mutate-json.js';
import { signatureToken } from './crypto/encoding.js';
import { LOOKAHEAD, lookaheadOf } from './sim/replica-hooks.js';
import { payloadText } from './sim/payload-text.js';
import { mutateNested, PositionBook, type NestedKind } from './nested-mutation.js';
import { roleOfType, type MessageRole } from './adapter/message-roles.js';
import type { RoleBook } from './adapter/structural-roles.js';

export { mutateJson } from './mutate-json.js';
export { checkpointProofs, oneVoiceProof, type OneVoiceForger } from './one-voice-proof.js';
export { forgeOwnList, ownLists, OWN_LIST_FORGERIES, type ItemList, type OwnListForgery, type OwnListForger, type Renew } from './own-lists.js';
export { mutateNested, nestedSites, NESTED_KINDS, pathShape, PositionBook, type NestedKind, type NestedMutationContext } from './nested-mutation.js';

/**
 * Finishes an inner replica's handler call through the adversary's doctored context: effects the
 * inner replica *returns* must pass the adversary too, not only those it calls on the context.
 */
export function through(ctx: ReplicaContext<unknown>, result: HandlerResult<unknown>): Promise<void> | undefined {
  return settleHandler(ctx, result);
}

/** Combines the pending work of several inner calls into one handler result. */
export function all(pending: readonly (Promise<void> | undefined)[]): Promise<void> | undefined {
  const waiting = pending.filter((p): p is Promise<void> => p !== undefined);
  return waiting.length === 0 ? undefined : Promise.all(waiting).then(() => undefined);
}

/**
 * Handler calls on ONE replica, each started once the one before has settled: a subprocess
 * replica is one child that takes one step at a time, so calls overlapped there failed as "still
 * busy" (and read as the replica's nondeterminism). A call that settles at once (in-process) lets
 * the next run at once, so in-process runs are as they were.
 */
export function inSequence(calls: readonly (() => Promise<void> | undefined)[]): Promise<void> | undefined {
  for (let i = 0; i < calls.length; i++) {
    const pending = (calls[i] as () => Promise<void> | undefined)();
    if (pending !== undefined) {
      const rest = calls.slice(i + 1);
      return rest.length === 0 ? pending : pending.then(() => inSequence(rest));
    }
  }
  return undefined;
}

/** A replica whose handlers have already applied their effects: they return only pending work. */
export interface SettledReplica extends Replica<unknown> {
  init(): Promise<void> | undefined;
  onMessage(from: NodeId, payload: unknown): Promise<void> | undefined;
  onTimer(id: TimerId): Promise<void> | undefined;
  onRequest(request: ClientRequest): Promise<void> | undefined;
}

/** A replica that forwards every event to `inner`, with its effects applied through `ctx`. */
export function forwarding(inner: Replica<unknown>, ctx: ReplicaContext<unknown>): SettledReplica {
  return {
    init: () => through(ctx, inner.init?.()),
    onMessage: (from, payload) => through(ctx, inner.onMessage(from, payload)),
    onTimer: (id) => through(ctx, inner.onTimer?.(id)),
    onRequest: (request: ClientRequest) => through(ctx, inner.onRequest(request)),
  };
}

export { roleOfType, type MessageRole } from './adapter/message-roles.js';
export { RoleBook } from './adapter/structural-roles.js';

/** Reads a payload's protocol fields through the codec; garbage or no codec gives no fields. */
export function fieldsOf(codec: Codec<unknown> | undefined, payload: unknown): PayloadFields {
  if (codec === undefined) return {};
  try {
    return codec.fields(payload);
  } catch {
    return {};
  }
}

/**
 * The protocol role of a payload, from its codec type name; with no codec, from the run's
 * `roles` book (an adversary's `env.roles`): by type name, else by what the type's messages carry.
 */
export function roleOf(codec: Codec<unknown> | undefined, payload: unknown, roles?: RoleBook): MessageRole {
  if (codec === undefined && roles !== undefined) return roles.role(payload);
  return roleOfType(fieldsOf(codec, payload).type);
}


/**
 * A payload's certificates through codec v2, or undefined when the codec does not expose them
 * (strategies then keep their structure-blind behaviour); garbage has none.
 */
export function certificatesOf(codec: Codec<unknown> | undefined, payload: unknown): readonly Certificate[] | undefined {
  if (codec?.certificates === undefined) return undefined;
  try {
    return codec.certificates(payload);
  } catch {
    return [];
  }
}

/** Later paths first (deeper, then higher list index), so removing one leaves the others' paths valid. */
function laterFirst(a: Certificate, b: Certificate): number {
  for (let i = 0; i < Math.min(a.path.length, b.path.length); i++) {
    const x = a.path[i];
    const y = b.path[i];
    if (x === y) continue;
    return typeof x === 'number' && typeof y === 'number' ? y - x : String(y).localeCompare(String(x));
  }
  return b.path.length - a.path.length;
}

/** A copy of `payload` without the given certificates: a list certificate is emptied, a list element spliced out, a key removed. */
export function withoutCertificates(payload: unknown, certificates: readonly Certificate[]): unknown {
  let out = payload;
  for (const cert of [...certificates].sort(laterFirst)) {
    const at = valueAt(out, cert.path);
    out = Array.isArray(at) ? setAt(out, cert.path, []) : at instanceof Map ? setAt(out, cert.path, new Map()) : removeAt(out, cert.path);
  }
  return out;
}

/**
 * Rewrites fields of a payload the way a Byzantine replica would: through the codec, then signed
 * afresh with the faulty replica's own key (it cannot sign as anyone else). Without a codec that
 * can write fields, falls back to a generic JSON mutation.
 */
export function rewrite(env: AdversaryEnv, payload: unknown, fields: PayloadFields, variant: number): unknown {
  const codec = env.codec;
  if (codec?.withFields === undefined) return mutateJson(payload, variant);
  const changed = codec.withFields(payload, fields);
  return codec.resign === undefined ? changed : codec.resign(changed, (data) => env.ctx.sign(data));
}

/**
 * `changed`, a rewrite of the signed message (or nested signed item) `original`, signed afresh with
 * the faulty replica's own key: through the codec when it can re-sign, else as discovery learnt the
 * original was signed; unchanged when neither can tell (receivers must then refuse it).
 */
export function renewSignature(env: AdversaryEnv, original: unknown, changed: unknown): unknown {
  if (env.codec?.resign !== undefined) return env.codec.resign(changed, (data) => env.ctx.sign(data));
  return env.signatures === undefined ? changed : resignLikeOriginal(original, changed, env.signatures, (data) => env.ctx.sign(data));
}

/**
 * A signed item of the faulty replica's own like `template` (a message or nested item of the run),
 * carrying `fields`: built and signed by the codec when it can, else copied from the template and
 * signed as discovery learnt it was made; undefined when neither can.
 */
export function ownItemLike(env: AdversaryEnv, template: unknown, fields: PayloadFields): unknown {
  const codec = env.codec;
  const sign = (data: string): string => env.ctx.sign(data);
  if (codec !== undefined) {
    let type: string | undefined;
    try {
      type = codec.fields(template).type;
    } catch {
      type = undefined;
    }
    const built = type === undefined ? undefined : codec.build?.(type, { ...codec.fields(template), ...fields });
    return built === undefined || codec.resign === undefined ? undefined : codec.resign(built, sign);
  }
  return env.signatures === undefined ? undefined : buildLike(template, fields, env.signatures, sign);
}

/**
 * For a target with no codec: a copy of a signed payload with the fields `change` asks for (given
 * the fields discovery reads, by key name or inferred from what the signature covers), signed
 * afresh with the faulty replica's key as discovery learnt the original was signed. Undefined when
 * the payload carries no signature this run issued, `change` asks nothing of it, or the signature
 * could not be renewed — a lie a receiver would drop for its signature is no equivocation.
 */
export function rewriteDiscovered(env: AdversaryEnv, payload: unknown, change: (fields: PayloadFields) => PayloadFields | undefined): unknown {
  const table = env.signatures;
  if (env.codec !== undefined || table === undefined) return undefined;
  const structure = structureCodec(undefined, table);
  const wanted = change(structure.fields(payload));
  if (wanted === undefined || structure.withFields === undefined) return undefined;
  const changed = structure.withFields(payload, wanted);
  const renewed = resignLikeOriginal(payload, changed, table, (data) => env.ctx.sign(data));
  // The trace's text, not JSON: a payload with a bigint must compare, not throw.
  const same = (a: unknown, b: unknown): boolean => payloadText(a) === payloadText(b);
  return same(changed, payload) || same(renewed, changed) ? undefined : renewed;
}

/** Bit `node` of `mask`, for masks that pick a subset of replicas or clients. */
export function inMask(mask: number, node: number): boolean {
  return node >= 0 && node < 31 && ((mask >>> node) & 1) === 1;
}

/** Tracks the timers an inner replica has armed, so a strategy can fire or forget them. */
export class TimerBook {
  private readonly armed = new Map<TimerId, number>();
  private epoch = 0;

  /** Records a timer armed in the current epoch. */
  arm(id: TimerId): void {
    this.armed.set(id, this.epoch);
  }

  /** Records a cancellation. */
  cancel(id: TimerId): void {
    this.armed.delete(id);
  }

  /** True (and forgets it) when a firing timer was armed in the current epoch; stale ones return false. */
  fire(id: TimerId): boolean {
    const armedIn = this.armed.get(id);
    this.armed.delete(id);
    return armedIn === this.epoch;
  }

  /** Forgets every armed timer, as a crash does. */
  crash(): void {
    this.armed.clear();
    this.epoch++;
  }

  /** Timers currently armed, in the order they were armed. */
  pending(): TimerId[] {
    return [...this.armed.keys()];
  }
}

/** A timer id the harness' strategies use for themselves; inner replicas are not expected to use this prefix. */
export function ownTimer(name: string): TimerId {
  return `byzcheck:${name}`;
}

/** Recipients of a broadcast from `self`: every other replica. */
export function peersOf(ctx: ReplicaContext<unknown>): NodeId[] {
  const peers: NodeId[] = [];
  for (let to = 0; to < ctx.config.n; to++) if (to !== ctx.config.id) peers.push(to);
  return peers;
}

/** How an outbox strategy treats traffic; `post` puts one payload on the wire to `to`. */
export interface OutboxHooks {
  /** Called for every message the honest code sends to a replica (broadcasts are expanded). */
  send(to: NodeId, payload: unknown, post: (to: NodeId, payload: unknown) => void): void;
  /** Sees every message the node receives before the honest code does. */
  observe?(from: NodeId, payload: unknown): void;
}

/**
 * The common shape of most strategies: run the honest code, but pass every message it sends to a
 * replica through `hooks.send`, which may drop, alter, multiply or redirect it. Client replies pass
 * unchanged.
 */
export function interceptOutbox(env: AdversaryEnv, hooks: OutboxHooks): Replica<unknown> {
  const { ctx } = env;
  const post = (to: NodeId, payload: unknown): void => ctx.send(to, payload);
  const send = (to: NodeId, payload: unknown): void => {
    if (to >= ctx.config.n) ctx.send(to, payload);
    else hooks.send(to, payload, post);
  };
  const doctored = interposeSends(ctx, send);
  const honest = env.createHonest(doctored);
  const inner = forwarding(honest, doctored);
  const observe = hooks.observe;
  const replica: Replica<unknown> = observe === undefined ? inner : { ...inner, onMessage: (from, payload) => (observe(from, payload), inner.onMessage(from, payload)) };
  // The honest code gets exactly the World's events, in order (only its sends are doctored), so a
  // child process behind it may still be told its next events ahead (see src/sim/lookahead.ts).
  const lookahead = lookaheadOf(honest);
  if (lookahead !== undefined) Object.defineProperty(replica, LOOKAHEAD, { value: lookahead, enumerable: false });
  return replica;
}

/** A context whose sends and broadcasts all go through `send`. */
export function interposeSends(ctx: ReplicaContext<unknown>, send: (to: NodeId, payload: unknown) => void): ReplicaContext<unknown> {
  return interpose(ctx, {
    send,
    broadcast: (payload) => {
      for (let to = 0; to < ctx.config.n; to++) if (to !== ctx.config.id) send(to, payload);
    },
  });
}

/**
 * A second copy of the faulty replica's own code whose only effect is what it sends: sends go to
 * `capture` (broadcasts to each peer, or to `broadcast` when given), timers live under `timerPrefix`,
 * and its decisions, replies and views are nobody's — how twins and shadows build valid rival messages.
 */
export function silentCopy(
  env: AdversaryEnv,
  timerPrefix: string,
  capture: (to: NodeId, payload: unknown) => void,
  broadcast?: (payload: unknown) => void,
): SettledReplica {
  const { ctx } = env;
  const copyCtx = interpose(interposeSends(ctx, capture), {
    ...(broadcast === undefined ? {} : { broadcast }),
    setTimer: (id, afterMs) => ctx.setTimer(timerPrefix + id, afterMs),
    cancelTimer: (id) => ctx.cancelTimer(timerPrefix + id),
    commit: () => undefined,
    execute: () => undefined,
    reply: () => undefined,
    installState: () => undefined,
    membership: () => undefined,
    log: () => undefined,
  });
  return forwarding(env.createHonest(copyCtx), copyCtx);
}

/**
 * The coalition's shared value under `key`, created by `create` for the first faulty replica that
 * asks: how colluding replicas coordinate (the blackboard is per run and invisible to honest ones).
 */
export function coalitionShared<T>(env: AdversaryEnv, key: string, create: () => T): T {
  if (!env.blackboard.has(key)) env.blackboard.set(key, create());
  return env.blackboard.get(key) as T;
}

/** Signed-item discovery: codec v2 structure for any payload, through the run's issued-signature table (`env.signatures`). */
export { discoverCertificates, discoverSignedItems, guessFields, guessWithFields, resignLikeOriginal, structureCodec } from './adapter/discovery.js';

/** The strings the coalition has seen at each position of the run's messages (one book per run, shared). */
export function positionBook(env: AdversaryEnv): PositionBook {
  return coalitionShared(env, 'byzcheck:position-book', () => new PositionBook());
}

/**
 * One codec-free mutation of `kind` at a nested site of `payload` (see {@link mutateNested}), sent
 * the way a Byzantine replica would: the outer signature, when discovery can tell how it was made,
 * is renewed with the faulty replica's own key (and is never itself the site mutated). Undefined
 * when the payload has no site for that kind.
 */
export function mutateNestedSigned(env: AdversaryEnv, payload: unknown, kind: NestedKind, selector: number): unknown {
  const table = env.signatures;
  const outer = (path: PayloadPath): boolean => path.length === 1 && table !== undefined && signatureToken(table, valueAt(payload, path)) !== undefined;
  const changed = mutateNested(payload, kind, selector, { n: env.ctx.config.n, book: positionBook(env), protect: outer });
  if (changed === undefined || table === undefined) return changed;
  return resignLikeOriginal(payload, changed, table, (data) => env.ctx.sign(data));
}
