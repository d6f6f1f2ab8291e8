import type { ClientRequest, NodeId, RequestOrigin } from '../adapter/contract.js';
import { ContractError } from '../adapter/in-process.js';
import type { Tripwire } from '../property.js';
import type { FactKind, RunFacts } from './facts.js';
import type { TraceEvent } from './trace.js';

/** Where the world is in its run: facts and trace events are stamped with it. */
export interface RunClock {
  /** Index of the event being processed. */
  currentStep(): number;
  /** Virtual time in ms. */
  now(): number;
  /** True once the run has ended: nothing more is recorded. */
  isStopped(): boolean;
}

/**
 * What a run records: the facts properties judge (honest replicas only) and, when tracing, the
 * trace; it validates the fields replicas report (a bad one is a contract breach) and tells the
 * tripwire about each new fact, calling `trip` when a watched property is violated.
 */
export class Recorder {
  constructor(
    readonly facts: RunFacts,
    readonly trace: TraceEvent[] | null,
    private readonly clock: RunClock,
    private readonly tripwire: Tripwire | undefined,
    private readonly trip: () => void,
  ) {}

  /** A replica declared its decision at `seq`. */
  commit(node: NodeId, honest: boolean, seq: number, value: string): void {
    if (!Number.isInteger(seq)) throw new ContractError(`commit: 'seq' must be an integer, got ${String(seq)}`);
    if (typeof value !== 'string') throw new ContractError(`commit: 'value' must be a string, got ${typeof value}`);
    if (this.clock.isStopped()) return;
    const step = this.clock.currentStep();
    const t = this.clock.now();
    this.trace?.push({ step, t, kind: 'commit', node, seq, value });
    if (!honest) return;
    this.facts.commits.push({ replica: node, seq, value, step, timeMs: t });
    this.watch('commit');
  }

  /** A replica declared an execution. */
  execute(node: NodeId, honest: boolean, seq: number, operation: string, result: string, origin: RequestOrigin | undefined): void {
    if (!Number.isInteger(seq)) throw new ContractError(`execute: 'seq' must be an integer, got ${String(seq)}`);
    if (typeof operation !== 'string' || typeof result !== 'string') throw new ContractError(`execute: 'operation' and 'result' must be strings`);
    if (origin !== undefined && (typeof origin !== 'object' || origin === null || !Number.isInteger(origin.client) || !Number.isInteger(origin.requestId))) {
      throw new ContractError(`execute: 'origin' must be { client, requestId } with integer fields`);
    }
    if (this.clock.isStopped()) return;
    const step = this.clock.currentStep();
    const t = this.clock.now();
    this.trace?.push({ step, t, kind: 'execute', node, seq, operation, result });
    if (!honest) return;
    this.facts.executions.push({ replica: node, seq, operation, result, origin, step, timeMs: t });
    this.watch('execute');
  }

  /** A replica answered a client (the message itself is the world's to send). */
  reply(node: NodeId, honest: boolean, client: NodeId, requestId: number, result: string): void {
    if (!honest || this.clock.isStopped()) return;
    this.facts.replies.push({ replica: node, client, requestId, result, step: this.clock.currentStep() });
    this.watch('reply');
  }

  /** A replica installed state by state transfer. */
  install(node: NodeId, honest: boolean, seq: number, digest: string): void {
    if (!Number.isInteger(seq) || typeof digest !== 'string') throw new ContractError(`installState: 'seq' must be an integer and 'digest' a string`);
    if (this.clock.isStopped()) return;
    const step = this.clock.currentStep();
    const t = this.clock.now();
    this.trace?.push({ step, t, kind: 'install', node, seq, digest });
    if (honest) this.facts.installs.push({ replica: node, seq, digest, step, timeMs: t });
  }

  /** A replica declared its view from slot `fromSeq` on. */
  membership(node: NodeId, honest: boolean, fromSeq: number, members: readonly NodeId[]): void {
    if (!Number.isInteger(fromSeq) || !Array.isArray(members) || !members.every((m) => Number.isInteger(m) && m >= 0 && m < this.facts.n)) {
      throw new ContractError(`membership: 'fromSeq' must be an integer and 'members' an array of replica ids in 0..${this.facts.n - 1}`);
    }
    if (this.clock.isStopped()) return;
    const step = this.clock.currentStep();
    const t = this.clock.now();
    // Copied and sorted: the replica may keep mutating its own array, and views compare as sets.
    const sorted = [...members].sort((a, b) => a - b);
    this.trace?.push({ step, t, kind: 'membership', node, fromSeq, members: sorted });
    if (honest) this.facts.memberships.push({ replica: node, fromSeq, members: sorted, step, timeMs: t });
  }

  /** A client issued a request (first transmission). */
  submit(request: ClientRequest): void {
    const { client, requestId, operation } = request;
    const step = this.clock.currentStep();
    const t = this.clock.now();
    this.facts.submitted.push({ client, requestId, operation, step, timeMs: t });
    this.trace?.push({ step, t, kind: 'submit', node: client, requestId, operation });
    this.watch('submit');
  }

  /** A client accepted a result. */
  accept(client: NodeId, requestId: number, result: string, replicas: readonly NodeId[]): void {
    const step = this.clock.currentStep();
    const t = this.clock.now();
    this.facts.accepted.push({ client, requestId, result, replicas, step, timeMs: t });
    this.trace?.push({ step, t, kind: 'accept', node: client, requestId, result });
    this.watch('accept');
  }

  private watch(kind: FactKind): void {
    if (this.tripwire !== undefined && !this.clock.isStopped() && this.tripwire(this.facts, kind)) this.trip();
  }
}
