import type { NodeId, ReplicaConfig, ReplicaContext, RequestOrigin, TimerId } from '../adapter/contract.js';
import type { IssuedSignature } from '../crypto/provider.js';

/** The world as one replica's context reaches it: every effect names the acting replica (and its honesty where facts record it). */
export interface ReplicaHost {
  replicaSend(id: NodeId, to: NodeId, payload: unknown): void;
  replicaBroadcast(id: NodeId, payload: unknown): void;
  replicaSetTimer(id: NodeId, timerId: TimerId, afterMs: number): void;
  replicaCancelTimer(id: NodeId, timerId: TimerId): void;
  replicaCommit(id: NodeId, honest: boolean, seq: number, value: string): void;
  replicaExecute(id: NodeId, honest: boolean, seq: number, operation: string, result: string, origin: RequestOrigin | undefined): void;
  replicaReply(id: NodeId, honest: boolean, client: NodeId, requestId: number, result: string): void;
  replicaInstallState(id: NodeId, honest: boolean, seq: number, digest: string): void;
  replicaMembership(id: NodeId, honest: boolean, fromSeq: number, members: readonly NodeId[]): void;
  replicaLog(id: NodeId, message: string): void;
  now(): number;
  random(): number;
  replicaSign(id: NodeId, data: string): string;
  replicaVerify(honest: boolean, signer: NodeId, data: string, signature: string): boolean;
  /** Who signed what under `signature`, when the run's provider issued it (and can tell). */
  replicaIssued?(signature: string): IssuedSignature | undefined;
}

/**
 * The context a replica acts through: the world, the replica's config and honesty, and one field
 * per effect. The effects are functions shared by every context, reading those fields through
 * `this`, so building a world allocates one small object per replica instead of a closure per
 * effect. They are own, enumerable fields, not prototype methods: `{ ...ctx, send }`, the way tests
 * and wrappers derive a context, copies every effect along with the fields they act through.
 */
export class SimContext implements ReplicaContext<unknown> {
  readonly send: ReplicaContext<unknown>['send'] = contextSend;
  readonly broadcast: ReplicaContext<unknown>['broadcast'] = contextBroadcast;
  readonly setTimer: ReplicaContext<unknown>['setTimer'] = contextSetTimer;
  readonly cancelTimer: ReplicaContext<unknown>['cancelTimer'] = contextCancelTimer;
  readonly commit: ReplicaContext<unknown>['commit'] = contextCommit;
  readonly execute: ReplicaContext<unknown>['execute'] = contextExecute;
  readonly reply: ReplicaContext<unknown>['reply'] = contextReply;
  readonly installState: ReplicaContext<unknown>['installState'] = contextInstallState;
  readonly membership: NonNullable<ReplicaContext<unknown>['membership']> = contextMembership;
  readonly log: ReplicaContext<unknown>['log'] = contextLog;
  readonly now: ReplicaContext<unknown>['now'] = contextNow;
  readonly random: ReplicaContext<unknown>['random'] = contextRandom;
  readonly sign: ReplicaContext<unknown>['sign'] = contextSign;
  readonly verify: ReplicaContext<unknown>['verify'] = contextVerify;

  /** Built by the world for replica `config.id`; `honest` is false under an adversary. */
  constructor(readonly world: ReplicaHost, readonly config: ReplicaConfig, readonly honest: boolean) {}
}

function contextSend(this: SimContext, to: NodeId, payload: unknown): void {
  this.world.replicaSend(this.config.id, to, payload);
}

function contextBroadcast(this: SimContext, payload: unknown): void {
  this.world.replicaBroadcast(this.config.id, payload);
}

function contextSetTimer(this: SimContext, id: TimerId, afterMs: number): void {
  this.world.replicaSetTimer(this.config.id, id, afterMs);
}

function contextCancelTimer(this: SimContext, id: TimerId): void {
  this.world.replicaCancelTimer(this.config.id, id);
}

function contextCommit(this: SimContext, seq: number, value: string): void {
  this.world.replicaCommit(this.config.id, this.honest, seq, value);
}

function contextExecute(this: SimContext, seq: number, operation: string, result: string, origin?: RequestOrigin): void {
  this.world.replicaExecute(this.config.id, this.honest, seq, operation, result, origin);
}

function contextReply(this: SimContext, client: NodeId, requestId: number, result: string): void {
  this.world.replicaReply(this.config.id, this.honest, client, requestId, result);
}

function contextInstallState(this: SimContext, seq: number, digest: string): void {
  this.world.replicaInstallState(this.config.id, this.honest, seq, digest);
}

function contextMembership(this: SimContext, fromSeq: number, members: readonly NodeId[]): void {
  this.world.replicaMembership(this.config.id, this.honest, fromSeq, members);
}

function contextLog(this: SimContext, message: string): void {
  this.world.replicaLog(this.config.id, message);
}

function contextNow(this: SimContext): number {
  return this.world.now();
}

function contextRandom(this: SimContext): number {
  return this.world.random();
}

function contextSign(this: SimContext, data: string): string {
  return this.world.replicaSign(this.config.id, data);
}

function contextVerify(this: SimContext, signer: NodeId, data: string, signature: string): boolean {
  return this.world.replicaVerify(this.honest, signer, data, signature);
}

/**
 * True when `ctx` signs and verifies through the world's own crypto (no strategy rewired them), so
 * a signature it was handed or verified is a fact of the run's provider, valid for every replica.
 */
export function signsThroughWorld(ctx: Pick<ReplicaContext<unknown>, 'sign' | 'verify'>): boolean {
  return ctx.sign === contextSign && ctx.verify === contextVerify;
}

/**
 * The run's table of issued signatures as `ctx` reaches it, when `ctx` signs and verifies through
 * the world (see {@link signsThroughWorld}): every signature it lists verifies, for its signer and
 * text, through every such context of the run. Undefined otherwise.
 */
export function issuedThroughWorld(ctx: Pick<ReplicaContext<unknown>, 'sign' | 'verify'>): ((signature: string) => IssuedSignature | undefined) | undefined {
  if (!signsThroughWorld(ctx)) return undefined;
  const world = (ctx as Partial<Pick<SimContext, 'world'>>).world;
  if (world?.replicaIssued === undefined) return undefined;
  return (signature) => world.replicaIssued?.(signature);
}
