/**
 * The adapter contract: what a replica under test sees of the world and what it may do to it.
 *
 * A replica is a deterministic event handler. The harness owns the network, the clock, timers,
 * randomness and keys; the replica receives events (`init`, `message`, `timer`, `request`) and
 * answers with effects. Effects are either called on the {@link ReplicaContext} (the fast,
 * allocation-free path) or returned from the handler as {@link Effect} objects (the shape the
 * subprocess binding serialises as JSON lines) — both may be mixed, and a handler may return a
 * Promise of either, which the harness drains before virtual time advances.
 */

import type { Arbitrary } from 'fast-check';
import type { z } from 'zod';

/** Index of a simulated process: replicas are `0 … n-1`, clients are `n … n+clients-1`. */
export type NodeId = number;

/** A replica-chosen timer name; setting a timer that is already pending restarts it. */
export type TimerId = string;

/** A client operation as submitted to the replicated service. */
export interface ClientRequest {
  /** The client's node id (≥ n). */
  readonly client: NodeId;
  /** Per-client request number, strictly increasing: PBFT's timestamp. */
  readonly requestId: number;
  /** The operation, opaque to the harness. */
  readonly operation: string;
  /**
   * The client's signature over {@link clientRequestSigningData}: the harness' clients sign every
   * request with their own key, so a replica can tell a real request from one a Byzantine replica
   * made up (check it with `ctx.verify(request.client, clientRequestSigningData(request), signature)`).
   */
  readonly signature?: string;
}

/** The canonical text a client signs for a request (length-prefixed, so no two requests share it). */
export function clientRequestSigningData(r: Pick<ClientRequest, 'client' | 'requestId' | 'operation'>): string {
  return `REQUEST|${r.client}|${r.requestId}|${r.operation.length}|${r.operation}`;
}

/** Which client request an executed operation came from: lets byzcheck check integrity (no request executed twice) and validity exactly. */
export interface RequestOrigin {
  readonly client: NodeId;
  readonly requestId: number;
}

/** A replica's answer to a client, as the client receives it. */
export interface ClientReply {
  /** Which replica answered. */
  readonly replica: NodeId;
  /** The request this answers. */
  readonly requestId: number;
  /** The result of executing the operation. */
  readonly result: string;
}

/** Static facts given to every replica at `init`. */
export interface ReplicaConfig {
  /** This replica's id. */
  readonly id: NodeId;
  /** Number of replicas. */
  readonly n: number;
  /** Tolerated faults, ⌊(n−1)/3⌋. */
  readonly f: number;
  /** Node ids of the simulated clients. */
  readonly clients: readonly NodeId[];
}

/** One effect, as data: what a handler may return instead of calling the context. */
export type Effect<M> =
  | { readonly kind: 'send'; readonly to: NodeId; readonly payload: M }
  | { readonly kind: 'broadcast'; readonly payload: M }
  | { readonly kind: 'setTimer'; readonly id: TimerId; readonly afterMs: number }
  | { readonly kind: 'cancelTimer'; readonly id: TimerId }
  | { readonly kind: 'commit'; readonly seq: number; readonly value: string }
  | { readonly kind: 'execute'; readonly seq: number; readonly operation: string; readonly result: string; readonly origin?: RequestOrigin }
  | { readonly kind: 'reply'; readonly client: NodeId; readonly requestId: number; readonly result: string }
  | { readonly kind: 'installState'; readonly seq: number; readonly digest: string }
  | { readonly kind: 'membership'; readonly fromSeq: number; readonly members: readonly NodeId[] }
  | { readonly kind: 'log'; readonly message: string };

/** What a handler returns: nothing (effects went through the context), effects, or a Promise of either. */
export type HandlerResult<M> = void | readonly Effect<M>[] | Promise<void | readonly Effect<M>[]>;

/** The sink through which a replica acts on the world, plus the harness-owned services it may use. */
export interface ReplicaContext<M> {
  /** Static facts about the cluster. */
  readonly config: ReplicaConfig;
  /** Sends a payload to one node (replica or client). */
  send(to: NodeId, payload: M): void;
  /** Sends a payload to every other replica (not to itself, not to clients). */
  broadcast(payload: M): void;
  /** Arms (or re-arms) the named timer to fire after `afterMs` virtual milliseconds. */
  setTimer(id: TimerId, afterMs: number): void;
  /** Disarms the named timer; a no-op if it is not pending. */
  cancelTimer(id: TimerId): void;
  /** Declares the value (usually a digest) this replica decided at sequence number `seq`. */
  commit(seq: number, value: string): void;
  /** Declares that this replica executed `operation` at `seq` with `result`; give `origin` whenever the operation came from a client request. */
  execute(seq: number, operation: string, result: string, origin?: RequestOrigin): void;
  /** Answers a client request. */
  reply(client: NodeId, requestId: number, result: string): void;
  /**
   * Declares that this replica installed the service state up to `seq` from its peers (state
   * transfer) instead of executing the operations it covers — so liveness counts them as done here.
   */
  installState(seq: number, digest: string): void;
  /**
   * Declares the membership (the view) this replica orders with from sequence number `fromSeq` on:
   * its initial view at `init` (use `fromSeq` 0), then every reconfiguration at the slot where it
   * takes effect. Replicas that never call it are all members for the whole run. Liveness and its
   * f-premise follow the declared view: a replica outside it need not execute, and the faulty
   * replicas counted are those inside it. Optional so contexts built by hand stay valid; the
   * harness always provides it.
   */
  membership?(fromSeq: number, members: readonly NodeId[]): void;
  /** Free-form diagnostic line, kept in traces. */
  log(message: string): void;
  /** Current virtual time in milliseconds. */
  now(): number;
  /** A deterministic pseudo-random number in [0, 1), seeded from the scenario. */
  random(): number;
  /** Signs `data` with this replica's own key. */
  sign(data: string): string;
  /** Checks that `signature` is `signer`'s signature of `data`. */
  verify(signer: NodeId, data: string, signature: string): boolean;
}

/** A replica instance: the event handlers of the contract. Handlers not provided ignore the event. */
export interface Replica<M> {
  /** Called once before any other event, at virtual time 0 (or at restart). */
  init?(): HandlerResult<M>;
  /** A message from another replica (or from itself, if it sent one to itself). */
  onMessage(from: NodeId, payload: M): HandlerResult<M>;
  /** A timer this replica armed has fired. */
  onTimer?(id: TimerId): HandlerResult<M>;
  /** A client request delivered by the network. */
  onRequest(request: ClientRequest): HandlerResult<M>;
}

/** Builds one replica; called once per replica per run with that replica's context. */
export type ReplicaFactory<M> = (ctx: ReplicaContext<M>) => Replica<M>;

/** Protocol fields an optional codec exposes so adversaries and reports can understand payloads. */
export interface PayloadFields {
  /** Message type, e.g. `PRE-PREPARE`. */
  readonly type?: string;
  /** View number. */
  readonly view?: number;
  /** Sequence number. */
  readonly seq?: number;
  /** Digest of the proposal. */
  readonly digest?: string;
  /** Claimed sender. */
  readonly sender?: NodeId;
}

/** A message's protocol round, as ByzzFuzz-style faults count them: its sequence number, else its view. */
export function protocolRound(fields: PayloadFields): number | undefined {
  return fields.seq ?? fields.view;
}

/** Where something sits inside a payload: object keys and list indices from the top, `[]` being the payload itself. */
export type PayloadPath = readonly (string | number)[];

/** A signed message nested inside a payload (a vote in a certificate, a VIEW-CHANGE in a NEW-VIEW). */
export interface SignedItem {
  /** Where the item sits in the payload. */
  readonly path: PayloadPath;
  /** Who signed it, as the item claims. */
  readonly signer?: NodeId;
  /** The text its signature covers (check it with `ctx.verify(signer, data, signature)`). */
  readonly data: string;
  /** Its signature. */
  readonly signature: string;
  /** Its own protocol fields (type, view, seq, digest, sender). */
  readonly fields: PayloadFields;
}

/** A list of votes justifying a claim: a prepared certificate, a checkpoint proof, a NEW-VIEW's VIEW-CHANGEs. */
export interface Certificate {
  /** Where the certificate sits in the payload: removing what is there removes the certificate. */
  readonly path: PayloadPath;
  /** What the votes justify, e.g. `{ type: 'PREPARED', view, seq, digest }`. */
  readonly claim: PayloadFields;
  /** The votes, each a signed item with its path in the payload. */
  readonly votes: readonly SignedItem[];
}

/**
 * Optional protocol knowledge: reads fields from a payload and writes modified copies. Version 2
 * adds the payload's structure — its nested signed items and certificates, a writer for a nested
 * item's fields, and a builder — all optional, so a codec of only `fields` stays valid.
 */
export interface Codec<M> {
  /** Reads the protocol fields of a payload. */
  fields(payload: M): PayloadFields;
  /** Returns a copy of `payload` with the given fields replaced (signatures are not repaired). */
  withFields?(payload: M, fields: PayloadFields): M;
  /**
   * Returns a copy of `payload` signed afresh with `sign` — how a Byzantine replica signs its own
   * lies with its own key, so that mutations are not trivially rejected for a bad signature.
   */
  resign?(payload: M, sign: (data: string) => string): M;
  /** Every signed item nested in a payload, at any depth, outermost first (not the payload itself). */
  signedItems?(payload: M): readonly SignedItem[];
  /** Every certificate in a payload, at any depth, outermost first. */
  certificates?(payload: M): readonly Certificate[];
  /** A copy of `payload` with the fields of the signed item at `path` replaced (its signature is not repaired). */
  withItemFields?(payload: M, path: PayloadPath, fields: PayloadFields): M;
  /** A new, unsigned payload of `type` carrying `fields` (sign it with {@link resign}); undefined for a type it cannot build. */
  build?(type: string, fields: PayloadFields): M | undefined;
}

/** How the simulated clients behave against a target. */
export interface ClientOptions {
  /** Where a client sends a request first: replica 0, or every replica. */
  readonly sendFirstTo: 'replica0' | 'all';
  /** Virtual milliseconds before a client retransmits to every replica. */
  readonly retransmitMs: number;
  /** Matching replies from distinct replicas a client needs to accept a result; default f + 1 (fewer is a client bug, for the zoo). */
  readonly acceptQuorum?: number;
}

/** What a target's timeliness bound may depend on: the cluster, the workload's width and the network's speed. */
export interface TimelinessShape {
  /** Number of replicas. */
  readonly n: number;
  /** Tolerated faults, ⌊(n−1)/3⌋. */
  readonly f: number;
  /** Simulated clients, each with at most one request outstanding. */
  readonly clients: number;
  /**
   * Largest one-way message delay, virtual ms: the largest a message took before the network's
   * first fault (never above the scenario's after-GST maximum) — a network that fast could have
   * produced the judged stretch, so the target's bound for it applies.
   */
  readonly delayMsMax: number;
}

/**
 * A target's option values, as its `options` schema outputs them (defaults filled in). `object` is
 * the erased form every target is held as; a target with options names its own type, e.g.
 * `Target<Msg, { strict: boolean }>`.
 */
export type TargetOptionValues = object;

/**
 * The schema of a target's options: validates what `--target-option key=value` and
 * `assertReplica(…, { targetOptions })` give, and fills in defaults (use `.default()` per field and
 * `.strict()`, so a misspelt option is named rather than ignored).
 */
export type TargetOptionsSchema<O extends TargetOptionValues> = z.ZodType<O>;

/**
 * A system under test: a replica factory plus what the harness needs to know about it. `O` is the
 * type of its options when it declares an `options` schema; they reach the factory and the bounds.
 */
export interface Target<M = unknown, O extends TargetOptionValues = TargetOptionValues> {
  /** CLI name (its folder under `targets/`, or the module path for users' targets). */
  readonly name: string;
  /** One line: what this replica is. */
  readonly description: string;
  /**
   * Builds a replica. `options` are the target's validated options (its schema's defaults when none
   * were given; `{}` for a target that declares none): a second argument rather than a context field,
   * so the context stays the same for every target and adversaries' doctored contexts need not carry them.
   */
  createReplica(ctx: ReplicaContext<M>, options: O): Replica<M>;
  /**
   * Options this target accepts (`--target-option key=value`): a zod schema with a default for every
   * field. The values given are recorded in every scenario, so a replay runs with the same ones.
   */
  readonly options?: TargetOptionsSchema<O>;
  /** Optional protocol knowledge for adversaries and reports. */
  readonly codec?: Codec<M>;
  /** Client behaviour; defaults to {@link DEFAULT_CLIENT_OPTIONS}. */
  readonly client?: Partial<ClientOptions>;
  /**
   * Default bounds of a run against this target (`timeMs`, `events`), and what one handler call may
   * emit before it counts as a flood (`messagesPerStep`, a broadcast counting n − 1, and
   * `timersPerStep`; 10,000 each by default), and how many events a run may hold queued at once
   * (`queuedEvents`, 100,000 by default; the replica with the most of them is blamed): a replica over
   * them is a `replica-contract` finding.
   * `handlerSettleMs` (wall-clock, default 10,000): how long a handler's Promise may stay pending
   * before it counts as one that never settles (it awaits something the harness does not own) — a
   * `replica-contract` finding instead of a campaign that hangs or a process that exits 13 (a
   * faulty replica's hang is no finding: it is turned inert, as when it throws).
   */
  readonly limits?: Partial<{ readonly timeMs: number; readonly events: number; readonly messagesPerStep: number; readonly timersPerStep: number; readonly queuedEvents: number; readonly handlerSettleMs: number }>;
  /**
   * Liveness bound: virtual ms within which a request submitted after GST (with at most f faulty
   * replicas) must be executed by every honest replica — derived from the target's own timeouts,
   * including the view changes needed to get past up to f faulty leaders. Without it, liveness is
   * not judged.
   */
  livenessBoundMs?(cluster: { readonly n: number; readonly f: number }, options: O): number;
  /**
   * Timeliness bound: virtual ms within which, while nothing excuses slowness (every replica running
   * the honest code and the network not yet late, lossy or duplicating), a request must be executed
   * by every honest replica — a few message delays, not timeouts. Given the cluster, its clients and
   * the network's largest delay; undefined for a network or workload the target's timers are not
   * tuned for. Without it, timeliness is not judged. Declaring it also says views change only on
   * suspicion of the leader: timeliness, recovery-timeliness and view-change-timeliness judge a view
   * change in a calm stretch as needless, so a protocol whose leader rotates in normal operation
   * (HotStuff, Tendermint rounds read as views) must leave it out or not report the rotating number
   * as the codec's view.
   */
  timelinessBoundMs?(run: TimelinessShape, options: O): number | undefined;
  /**
   * The replica that leads `view` (as the codec reads a payload's view) in a cluster of n, when the
   * protocol fixes one — e.g. `view mod n` for PBFT's primary and BFT-SMaRt's regency leader. With
   * it, view-change-timeliness knows a view whose leader is honest must work once faulty replicas
   * are silent; without it, only a view seen to execute a fresh request counts as working.
   */
  leaderOf?(view: number, cluster: { readonly n: number; readonly f: number }, options: O): NodeId | undefined;
  /**
   * With {@link leaderOf}: the longest an honest replica waits for the leader of a view it moved to
   * once it holds 2f+1 requests for that view (n − f when faulty replicas are silent), having made
   * `viewChanges` view changes since it last executed a client request (this one included; 0 if it
   * executed one since) — PBFT's doubled view-change timer — and, in a view whose normal case it
   * took part in, the longest it waits for that leader to order a client request it holds.
   * View-change-timeliness then requires a view whose leader is silent to be left within it (plus
   * the tight bound). Declare it only where the protocol bounds those waits so; leave it out where
   * it does not.
   */
  leaderTimeoutMs?(viewChanges: number, options: O): number;
  /**
   * Set for replicas that start async work without returning its Promise (typical behind an
   * injected network object): the harness then drains pending work after every event. Slower;
   * without it, such work is reported as a `replica-contract` finding instead of being lost.
   */
  readonly drainAfterEachEvent?: boolean;
  /**
   * Operations the simulated clients submit to a cluster of n replicas (f tolerated), when the
   * default key-value and bank commands are not enough — e.g. reconfiguration commands naming
   * replicas that exist at that size. Keep special operations a minority and list the plain ones
   * first (in a `oneof`), so that shrinking removes what a counterexample does not need.
   */
  readonly operations?: (cluster: { readonly n: number; readonly f: number }) => Arbitrary<string>;
  /** Cluster sizes a campaign draws from when the user names none (default 4, 7, 10). */
  readonly clusterSizes?: readonly number[];
}

/** Client behaviour when a target does not say otherwise. */
export const DEFAULT_CLIENT_OPTIONS: ClientOptions = Object.freeze({
  sendFirstTo: 'replica0',
  retransmitMs: 400,
});

/** Tolerated faults for a cluster of n replicas: ⌊(n−1)/3⌋. */
export function faultsTolerated(n: number): number {
  return Math.floor((n - 1) / 3);
}
