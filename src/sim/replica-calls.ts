import type { ClientRequest, HandlerResult, NodeId, Replica, ReplicaContext, ReplicaFactory } from '../adapter/contract.js';
import { ContractError, drainPendingWork, settleHandler } from '../adapter/in-process.js';
import { DELIVER, eventName, INIT, TIMER, type EventQueue, type SimEvent } from './event-queue.js';
import type { RunFacts } from './facts.js';
import { runningHandler, type AsyncWorkOwner, type HandlerScope } from './handler-scope.js';
import { offerLookahead, offerNext, type Horizon } from './lookahead.js';
import { isPlainIo, lookaheadOf } from './replica-hooks.js';
import type { RunState } from './run-state.js';
import { SimContext, type ReplicaHost } from './sim-context.js';
import type { SettleGuard } from './settle-guard.js';
import { DEFAULT_STEP_LIMITS, StepLimitError, type StepLimits } from './step-limits.js';
import type { ChoiceTape } from './tape.js';
import { payloadText, type TraceEvent } from './trace.js';
import { errorText, isInstance } from './thrown.js';
import { checkedReplica } from './replica-shape.js';
import { FROZEN_MESSAGE_HINT } from './freeze-payload.js';

/** Stands in for a replica whose factory threw; the run is already stopped with that finding. */
const INERT_REPLICA: Replica<unknown> = Object.freeze({ onMessage: () => undefined, onRequest: () => undefined });

/** What names the event a handler was called for. */
interface HandledEvent {
  readonly kind: number;
  readonly from: NodeId;
  readonly timerId: string;
}

/**
 * The replicas of a run and every call into them: who is running (effects from anyone else are
 * contract breaches), what its handler emitted this step (over the step limits is a flood), the
 * scope its promises are blamed on, and what a throw or rejection becomes (a finding for an honest
 * replica; an inert replica for a faulty one).
 */
export class ReplicaCalls implements AsyncWorkOwner {
  private readonly replicas: Replica<unknown>[] = [];
  private readonly contexts: ReplicaContext<unknown>[] = [];
  /** The replica whose handler is running, or -1. */
  private active = -1;
  /** The event whose handler runs (null while a factory runs): named only when a promise is born or a flood found. */
  private handling: HandledEvent | null = null;
  /** Scope of the promises the running handler creates, cached for its step. */
  private scope: HandlerScope | null = null;
  private readonly maxMessages: number;
  private readonly maxTimers: number;
  /** Queue size past which the next send or timer is a flood; raised past the queue when a faulty flooder is turned inert. */
  private maxQueued: number;
  /**
   * True when the target's own replicas are plain I/O (child processes): a faulty slot's wrapper
   * hides that mark, but its handlers' promises are still the child's answers, which the child's
   * step timeout (the user may set it longer than the settle limit) already bounds.
   */
  private childTarget = false;
  /** True for a timer event re-armed or cancelled since it was queued (the World's timers say). */
  isStaleTimer: (ev: SimEvent) => boolean = () => false;
  /** True when some replica looks ahead (a child process): the World then offers replicas their next events up front. */
  looksAhead = false;
  /** Messages and timers the running handler has emitted (reset per handler call). */
  private messagesThisStep = 0;
  private timersThisStep = 0;
  /** The error that aborted the last flooding handler, thrown again at each further attempt. */
  private floodError: StepLimitError | null = null;

  /**
   * Calls for the `n` replicas of a run; `drainAfterEachEvent` waits out pending promise work after
   * every handler; `guard` fails a handler's Promise that never settles (none: it stalls the run).
   */
  constructor(
    private readonly n: number,
    private readonly state: RunState,
    private readonly facts: RunFacts,
    private readonly trace: TraceEvent[] | null,
    private readonly tape: ChoiceTape,
    private readonly queue: EventQueue,
    private readonly drainAfterEachEvent: boolean,
    stepLimits: Partial<StepLimits> | undefined,
    private readonly guard: SettleGuard | undefined,
  ) {
    this.maxMessages = stepLimits?.messages ?? DEFAULT_STEP_LIMITS.messages;
    this.maxTimers = stepLimits?.timers ?? DEFAULT_STEP_LIMITS.timers;
    this.maxQueued = stepLimits?.queued ?? DEFAULT_STEP_LIMITS.queued;
  }

  /**
   * Builds each replica through its factory, in slot order, and queues its init right after it: a
   * factory may already send or set timers, and those events come before its init.
   */
  create(factories: readonly ReplicaFactory<unknown>[], host: ReplicaHost, clients: number): void {
    const clientIds: NodeId[] = [];
    for (let c = 0; c < clients; c++) clientIds.push(this.n + c);
    for (let id = 0; id < this.n; id++) {
      const ctx = new SimContext(host, Object.freeze({ id, n: this.n, f: this.facts.f, clients: clientIds }), this.facts.honest[id] !== false);
      this.contexts.push(ctx);
      const factory = factories[id];
      if (factory === undefined) throw new Error(`no replica factory for slot ${id}`);
      this.enter(id, null);
      try {
        const made = factory(ctx);
        // A faulty slot's replica is the adversary's: the target's own factory is checked in honest slots.
        this.replicas.push(this.facts.honest[id] === false ? made : checkedReplica(made));
      } catch (error) {
        this.replicas.push(INERT_REPLICA);
        if (!isInstance(error, StepLimitError)) this.failed(id, 'construction', error, 0);
      }
      runningHandler.owner = null;
      this.active = -1;
      this.queue.push(this.queue.allocate(0, INIT, id, id, undefined));
    }
    // Factories ran at step 0 like the first init: their cached scope must not name that event.
    this.scope = null;
    this.looksAhead = this.replicas.some((r) => lookaheadOf(r) !== undefined);
    this.childTarget = this.replicas.some((r, id) => this.facts.honest[id] !== false && isPlainIo(r));
  }

  /**
   * With `first` just popped (and picked) and no handler running, offers every replica that looks
   * ahead the events it certainly handles next (see lookahead.ts). Only when {@link looksAhead}.
   */
  offerNext(first: SimEvent, horizon: Horizon): void {
    offerNext(this.queue, first, this.replicas.map(lookaheadOf), horizon);
  }

  /** Marks replica `node` as running (for `ev`, or its factory) with fresh step counts; two field writes tell the promise hooks. */
  private enter(node: NodeId, ev: HandledEvent | null): void {
    this.active = node;
    this.handling = ev;
    this.messagesThisStep = 0;
    this.timersThisStep = 0;
    runningHandler.owner = this;
    runningHandler.node = node;
  }

  /** Calls replica `node`'s handler for `ev`; a throw or a rejected promise becomes a finding (see {@link failed}). */
  call(node: NodeId, ev: SimEvent): Promise<void> | undefined {
    const replica = this.replicas[node] as Replica<unknown>;
    this.enter(node, ev);
    try {
      const result = invoke(replica, ev, this.n);
      runningHandler.owner = null;
      let pending: Promise<void> | undefined;
      // An in-process replica's Promise is watched, a faulty one's too (its hang is handled like its
      // throw: see failed); a child process's answer is not, honest or wrapped by a strategy: its
      // step timeout bounds it already.
      let drain = false;
      let watched = false;
      // Synchronous replicas (most) return nothing: the hooks below cost them one check.
      if (result !== undefined) {
        if (ev.kind === DELIVER && this.tape.exhausted) offerLookahead(this.queue, replica, node, ev.time);
        drain = !isPlainIo(replica);
        watched = drain && !(this.childTarget && this.facts.honest[node] === false);
        pending = settleHandler(this.contexts[node] as ReplicaContext<unknown>, result, drain);
      }
      if (pending === undefined && this.drainAfterEachEvent) pending = drainPendingWork();
      if (pending === undefined) {
        this.active = -1;
        return undefined;
      }
      return this.awaitHandler(node, ev, watched && this.guard !== undefined ? this.guard.watch(pending) : pending);
    } catch (error) {
      runningHandler.owner = null;
      this.active = -1;
      // A flood is reported where it is found; the error that aborted the handler is that report.
      if (!isInstance(error, StepLimitError)) this.failed(node, eventName(ev.kind, ev.from, ev.timerId, this.n), error, this.state.step);
      return undefined;
    }
  }

  /** Waits for a handler's promise; the replica stays the active one until it settles. */
  private awaitHandler(node: NodeId, ev: SimEvent, pending: Promise<void>): Promise<void> {
    // The event goes back to the pool when the call returns: keep what naming it needs.
    const step = this.state.step;
    const { kind, from, timerId } = ev;
    this.handling = { kind, from, timerId };
    return pending.then(
      () => void (this.active = -1),
      (error: unknown) => {
        this.active = -1;
        if (!isInstance(error, StepLimitError)) this.failed(node, eventName(kind, from, timerId, this.n), error, step);
      },
    );
  }

  /** AsyncWorkOwner: the scope of a promise the running handler of `node` creates now. */
  scopeOf(node: NodeId): HandlerScope {
    const cached = this.scope;
    const step = this.state.step;
    if (cached !== null && cached.node === node && cached.step === step) return cached;
    return (this.scope = { owner: this, node, step, event: this.handlingName() });
  }

  /**
   * AsyncWorkOwner: work a handler started and never awaited rejected. Blamed on the replica and the
   * event that started it, at that event's step; once the run is sealed its verdict stands.
   */
  unawaitedRejection(scope: HandlerScope, error: unknown): void {
    if (this.state.sealed) return;
    this.failed(scope.node, `${scope.event} (work it started and never awaited)`, error, scope.step);
  }

  /** The event being handled as findings name it, or 'construction' while a factory runs. */
  private handlingName(): string {
    const ev = this.handling;
    return ev === null ? 'construction' : eventName(ev.kind, ev.from, ev.timerId, this.n);
  }

  /** Counts `added` messages of replica `node`'s running handler against the step limit (see {@link flooded}). */
  countMessages(node: NodeId, added: number): void {
    if ((this.messagesThisStep += added) > this.maxMessages) this.flooded(node, 'messages', this.messagesThisStep, added, this.maxMessages);
    if (this.queue.size >= this.maxQueued) this.overQueued(node);
  }

  /** Counts one timer set by replica `node`'s running handler against the step limit. */
  countTimer(node: NodeId): void {
    if (++this.timersThisStep > this.maxTimers) this.flooded(node, 'timers', this.timersThisStep, 1, this.maxTimers);
    if (this.queue.size >= this.maxQueued) this.overQueued(node);
  }

  /**
   * The run's queue is full as replica `node` adds to it. Blamed on the replica with the most events
   * queued (its messages in flight and its timers): the one acting may be an honest replica sending
   * its usual step into a queue another filled. The flooder's report is a throw's; when it is the one
   * acting its handler is aborted as at a step limit. Once a faulty flooder is turned inert the run
   * goes on, so the bound moves a full allowance past what it left queued.
   */
  private overQueued(node: NodeId): void {
    const { culprit, count, live } = this.mostQueued();
    const limit = this.maxQueued;
    this.maxQueued = this.queue.size + (limit > 0 ? limit : 1);
    // Re-armed and cancelled timers leave their old events queued until due: no flood of the replica's.
    if (live < limit) return;
    const message = `queued ${live.toLocaleString('en')} events in the run, ${count.toLocaleString('en')} of them its own messages in flight and timers, at the limit of ${limit.toLocaleString('en')} per run (a flood; Target.limits.queuedEvents raises it)`;
    if (culprit === node) {
      const error = new StepLimitError(message);
      this.floodError = error;
      this.failed(node, this.handlingName(), error, this.state.step);
      throw error;
    }
    // Another replica's flood: it is not running, so it is named by no event of its own.
    this.failed(culprit, 'its earlier steps (events it queued)', new StepLimitError(message), this.state.step);
  }

  /** The replica with the most live queued events (deliveries it sent, its armed timers; the lowest id on a tie), and the live total. */
  private mostQueued(): { culprit: NodeId; count: number; live: number } {
    const counts = new Array<number>(this.n).fill(0);
    let live = 0;
    const tally = (ev: SimEvent): void => {
      if (ev.kind === TIMER && this.isStaleTimer(ev)) return;
      live++;
      const owner = ev.kind === DELIVER ? ev.from : ev.to;
      if (owner < this.n) counts[owner] = (counts[owner] as number) + 1;
    };
    this.queue.forEachOfKind(DELIVER, tally);
    this.queue.forEachOfKind(TIMER, tally);
    let culprit = 0;
    for (let id = 1; id < this.n; id++) if ((counts[id] as number) > (counts[culprit] as number)) culprit = id;
    return { culprit, count: counts[culprit] as number, live };
  }

  /**
   * Past a step limit, the flood is reported once, as a throw would be (a finding, or a faulty
   * replica turned inert), and a StepLimitError aborts the handler: it must not go on filling memory.
   */
  private flooded(node: NodeId, what: 'messages' | 'timers', count: number, added: number, limit: number): never {
    // Reported when the count crosses the limit; a replica that catches the abort and goes on gets
    // the same error again, cheaply (a fresh Error per attempt would cost a stack trace each).
    if (count - added > limit && this.floodError !== null) throw this.floodError;
    const error = new StepLimitError(`${what === 'messages' ? 'sent' : 'set'} ${count} ${what} in one handler call, over the limit of ${limit} per step (a flood; Target.limits.${what}PerStep raises it)`);
    this.floodError = error;
    this.failed(node, this.handlingName(), error, this.state.step);
    throw error;
  }

  /**
   * True when replica `node` may act now. An effect from outside its own handler means the replica
   * started async work it did not return: a finding (the work would otherwise be lost or misplaced).
   */
  mayAct(node: NodeId, what: string): boolean {
    if (this.active === node) return true;
    const state = this.state;
    if (state.sealed || this.facts.honest[node] === false) return false;
    if (!this.facts.replicaErrors.some((e) => e.replica === node && e.event === 'work outside its handlers')) {
      const hint = 'a handler started async work without returning its Promise (return it, or set drainAfterEachEvent on the target)';
      this.facts.replicaErrors.push({ replica: node, event: 'work outside its handlers', message: `called ${what} ${state.stopped ? 'after the run ended' : 'while another event was being handled'}: ${hint}`, step: state.step, timeMs: state.time });
    }
    state.stop('replica-error');
    return false;
  }

  /**
   * An honest replica that throws is a finding and ends the run. A faulty one may crash — that is
   * Byzantine behaviour, not a finding — so it is traced and turned inert, and the run goes on. So
   * may it hang: its handler is the target's code, but under an adversary that chose its inputs and
   * owns its context, so a hang there is no verdict on the target (the same code hanging in an
   * honest slot is one); and a child process that stops answering is treated so already.
   */
  private failed(node: NodeId, what: string, error: unknown, step: number): void {
    const message = frozenHint(error, errorText(error) ?? `threw ${payloadText(error)}`);
    this.trace?.push({ step, t: this.state.time, kind: 'error', node, message: `${what}: ${message}` });
    if (this.facts.honest[node] === false) {
      this.replicas[node] = INERT_REPLICA;
      return;
    }
    this.facts.replicaErrors.push({ replica: node, event: what, message, step, timeMs: this.state.time, ...errorExtras(error) });
    this.state.stop('replica-error');
  }
}

/** What V8 says when code writes to a frozen object (strict mode; sloppy-mode writes are ignored silently). */
const FROZEN_WRITE = /^TypeError: Cannot (assign to read only property|add property|delete property|define property|redefine property)|object is not extensible/;

/** A finding's message, with why the object was frozen when the replica wrote to one (most likely a message). */
function frozenHint(error: unknown, message: string): string {
  return isInstance(error, TypeError) && FROZEN_WRITE.test(message) ? `${message} (if that object is a message or part of one: ${FROZEN_MESSAGE_HINT})` : message;
}

/** Calls the handler `ev` is for: a delivery from a client is a request, from a replica a message. */
function invoke(replica: Replica<unknown>, ev: SimEvent, n: number): HandlerResult<unknown> {
  if (ev.kind === DELIVER) return ev.from >= n ? replica.onRequest(ev.payload as ClientRequest) : replica.onMessage(ev.from, ev.payload);
  return ev.kind === TIMER ? replica.onTimer?.(ev.timerId) : replica.init?.();
}

/** The optional `detail` and `hang` an error may carry (see {@link ReplicaErrorFact}); never traced. */
function errorExtras(error: unknown): { stack?: string; detail?: string; hang?: true } {
  if (!isInstance(error, Error)) return {};
  try {
    const { detail, hang } = error as Error & { detail?: unknown; hang?: unknown };
    // A contract breach's or a child process's stack is byzcheck's own, not the replica's: no help to the reader.
    const raw = isInstance(error, ContractError) || typeof detail === 'string' ? undefined : (error as Error).stack;
    const stack = typeof raw === 'string' ? replicaFrames(raw) : undefined;
    return { ...(typeof stack === 'string' ? { stack } : {}), ...(typeof detail === 'string' ? { detail } : {}), ...(hang === true ? { hang: true as const } : {}) };
  } catch {
    // An Error whose own fields throw when read (getters): the finding's message says enough.
    return {};
  }
}

/**
 * The frames of a stack down to the harness's call into the replica: the frames below it are
 * byzcheck's loop and whoever called the run (a test, a worker), which differ between two calls of
 * one scenario and would make the facts of identical runs differ.
 */
function replicaFrames(stack: string): string {
  const lines = stack.split('\n');
  const cut = lines.findIndex((line) => /[\\/]sim[\\/]replica-calls\.[cm]?[jt]s:/.test(line));
  return cut < 0 ? stack : lines.slice(0, cut).join('\n');
}
