import type { NodeId } from '../adapter/contract.js';

/**
 * Where a promise was born: the run, the replica whose handler was running (or started the work it
 * came from), and the event it was handling. What a rejection nobody awaited is blamed on.
 */
export interface HandlerScope {
  /** The run the replica belongs to. */
  readonly owner: AsyncWorkOwner;
  /** The replica whose handler started the work. */
  readonly node: NodeId;
  /** The step being handled when the work started. */
  readonly step: number;
  /** That event, as findings name it (`message from 0`, `timer "t"`, …). */
  readonly event: string;
}

/** A run that can take the blame for async work its replicas started and never awaited. */
export interface AsyncWorkOwner {
  /** The scope of a promise created now by replica `node`'s running handler (cached per step: promise-heavy replicas allocate once). */
  scopeOf(node: NodeId): HandlerScope;
  /** Work started in `scope` rejected and nobody handled it: a finding about that replica. */
  unawaitedRejection(scope: HandlerScope, error: unknown): void;
}

/**
 * The replica handler running synchronously right now, or none. Two field writes per handler call
 * keep the synchronous fast path free of any async-context machinery; the tracker in
 * `src/adapter/replica-async-context.ts` reads it when (and only when) a promise is created.
 */
export const runningHandler: { owner: AsyncWorkOwner | null; node: NodeId } = { owner: null, node: -1 };
