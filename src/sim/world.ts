import type { ClientOptions, ClientRequest, Codec, NodeId, Replica, ReplicaContext, ReplicaFactory, RequestOrigin, TimerId } from '../adapter/contract.js';
import { faultsTolerated } from '../adapter/contract.js';
import { ContractError, drainPendingWork, settleHandler } from '../adapter/in-process.js';
import { GenericClient, type ClientHost } from '../client/generic-client.js';
import type { CryptoProvider } from '../crypto/provider.js';
import type { RequestPlan, Scenario } from '../scenario/types.js';
import type { Tripwire } from '../property.js';
import type { RunFacts, StopReason } from './facts.js';
import { EventHeap, type Timed } from './heap.js';
import { LinkFilter } from './link-filter.js';
import { LostMessages } from './lost-messages.js';
import { isPlainIo, lookaheadOf, type UpcomingDelivery } from './replica-hooks.js';
import { Recorder, type RunClock } from './recorder.js';
import { Prng } from './prng.js';
import { ChoiceTape, TAPE_MAX } from './tape.js';
import { payloadText, type TraceEvent } from './trace.js';
import { ViewWatch } from './view-watch.js';
import { SimContext, type ReplicaHost } from './sim-context.js';
import { runningHandler, type AsyncWorkOwner, type HandlerScope } from './handler-scope.js';
import { DEFAULT_STEP_LIMITS, StepLimitError, type StepLimits } from './step-limits.js';

const DELIVER = 0;
const TIMER = 1;
const INIT = 2;

/** Stands in for a replica whose factory threw; the run is already stopped with that finding. */
const INERT_REPLICA: Replica<unknown> = Object.freeze({ onMessage: () => undefined, onRequest: () => undefined });

/** What names the event a handler was called for. */
interface HandledEvent {
  readonly kind: number;
  readonly from: NodeId;
  readonly timerId: string;
}

/** A queued event; pooled and reused, so a delivery allocates nothing beyond its payload. */
class SimEvent implements Timed {
  time = 0;
  seq = 0;
  kind = DELIVER;
  to = 0;
  from = 0;
  payload: unknown = undefined;
  /** The payload as JSON, made once at send when tracing (a delivery reuses it). */
  text = '';
  timerId = '';
  gen = 0;
}

/** Everything a world needs besides the scenario: who runs at each replica slot, and how. */
export interface WorldOptions {
  /** The scenario to run. */
  readonly scenario: Scenario;
  /** One factory per replica slot (honest replicas, or replicas wrapped by an adversary). */
  readonly factories: readonly ReplicaFactory<unknown>[];
  /** honest[i] is false for replicas under an adversary. */
  readonly honest: readonly boolean[];
  /** When the first faulty replica may first deviate from the honest code (default: from the start if any is faulty). */
  readonly faultsFromMs?: number;
  /** Client behaviour. */
  readonly client: ClientOptions;
  /** Signatures for this run. */
  readonly crypto: CryptoProvider;
  /** Record a full trace (slower; used to replay failures). */
  readonly trace: boolean;
  /** The target's codec, which gives messages their protocol round for round partitions. */
  readonly codec?: Codec<unknown>;
  /** The target's liveness bound per request, copied into the facts for the liveness property. */
  readonly livenessBoundMs?: number;
  /**
   * The target's timeliness bound per request for a network whose largest delay is the argument: the
   * facts get it for the largest delay the calm part of the run took (see `RunFacts.timelinessBoundMs`).
   */
  readonly timelinessBound?: (delayMsMax: number) => number | undefined;
  /** Drain pending promise work after every event, for replicas that start async work they do not return. */
  readonly drainAfterEachEvent?: boolean;
  /** Stops the run at the first fact that violates a watched safety property. */
  readonly tripwire?: Tripwire;
  /** What one handler call may emit (default {@link DEFAULT_STEP_LIMITS}); more is a flood, a finding. */
  readonly stepLimits?: Partial<StepLimits>;
}

/**
 * The discrete-event simulator: virtual clock, event heap, network, timers, clients and replicas.
 * Pure and deterministic: it reads only the scenario (its tape and seed) and the replicas' effects.
 */
export class World implements ClientHost, RunClock, ReplicaHost, AsyncWorkOwner {
  /** The run's compact summary, judged by properties. */
  readonly facts: RunFacts;
  /** The full trace, or null on the fast path. */
  readonly trace: TraceEvent[] | null;

  private readonly n: number;
  private readonly totalNodes: number;
  private readonly queue = new EventHeap<SimEvent>();
  private readonly pool: SimEvent[] = [];
  private readonly tape: ChoiceTape;
  private readonly prng: Prng;
  private readonly timers: Map<string, number>[] = [];
  private readonly replicas: Replica<unknown>[] = [];
  private readonly contexts: ReplicaContext<unknown>[] = [];
  private readonly clients: GenericClient[] = [];
  private readonly dropThreshold: number;
  private readonly duplicateThreshold: number;
  private readonly links: LinkFilter;
  private readonly lost: LostMessages;
  private readonly preGstDelaySpan: number;
  private readonly delaySpan: number;
  private readonly crypto: CryptoProvider;
  private readonly scenario: Scenario;
  private time = 0;
  private step = 0;
  private insertions = 0;
  private timerGenerations = 0;
  private stopped = false;
  private sealed = false;
  /** The replica whose handler is running (effects from anyone else are contract breaches), or -1. */
  private active = -1;
  private readonly drainAfterEachEvent: boolean;
  private readonly recorder: Recorder;
  /** Reads the views honest replicas send in, while the run can be judged for timeliness; else null. */
  private viewWatch: ViewWatch | null = null;
  private readonly timelinessBound: ((delayMsMax: number) => number | undefined) | undefined;
  /** The event whose handler runs (null while a factory runs): named only when a promise is born or a flood found. */
  private handling: HandledEvent | null = null;
  /** Scope of the promises the running handler creates, cached for its step. */
  private scope: HandlerScope | null = null;
  private readonly maxMessages: number;
  private readonly maxTimers: number;
  /** Messages and timers the running handler has emitted (reset per handler call). */
  private messagesThisStep = 0;
  private timersThisStep = 0;
  /** The error that aborted the last flooding handler, thrown again at each further attempt. */
  private floodError: StepLimitError | null = null;

  constructor(options: WorldOptions) {
    const s = options.scenario;
    this.scenario = s;
    this.n = s.n;
    this.totalNodes = s.n + s.clients;
    this.crypto = options.crypto;
    this.tape = new ChoiceTape(s.tape);
    this.prng = new Prng(s.seed);
    this.trace = options.trace ? [] : null;
    this.dropThreshold = Math.round((s.network.dropPercent / 100) * TAPE_MAX);
    this.duplicateThreshold = Math.round(((s.network.duplicatePercent ?? 0) / 100) * TAPE_MAX);
    this.links = new LinkFilter(s.network, s.n, options.codec);
    this.lost = new LostMessages(s.network.lost);
    this.drainAfterEachEvent = options.drainAfterEachEvent === true;
    this.preGstDelaySpan = Math.max(1, s.network.preGstDelayMsMax - s.network.delayMsMin + 1);
    this.delaySpan = Math.max(1, s.network.delayMsMax - s.network.delayMsMin + 1);
    this.facts = {
      n: s.n, f: faultsTolerated(s.n), honest: options.honest, gstMs: s.gstMs, livenessBoundMs: options.livenessBoundMs,
      timelinessBoundMs: undefined,
      commits: [], executions: [], replies: [], installs: [], memberships: [], submitted: [], accepted: [], replicaErrors: [], views: [],
      events: 0, deliveries: 0, drops: 0, lostAfterGst: 0, faultsFromMs: options.faultsFromMs ?? (options.honest.every((h) => h) ? Number.POSITIVE_INFINITY : 0), calmUntilMs: Number.POSITIVE_INFINITY, calmDelayMsMax: 0, rejectedSignatures: 0, endTimeMs: 0, stopReason: 'quiescent',
    };
    this.recorder = new Recorder(this.facts, this.trace, this, options.tripwire, () => this.stop('violation'));
    this.timelinessBound = options.timelinessBound;
    this.maxMessages = options.stepLimits?.messages ?? DEFAULT_STEP_LIMITS.messages;
    this.maxTimers = options.stepLimits?.timers ?? DEFAULT_STEP_LIMITS.timers;
    if (options.timelinessBound !== undefined && options.codec !== undefined && this.facts.faultsFromMs > 0) {
      this.viewWatch = new ViewWatch(options.codec, this.facts, this);
    }
    for (let i = 0; i < this.totalNodes; i++) this.timers.push(new Map());
    this.createReplicas(options.factories);
    // Factories ran at step 0 like the first init: their cached scope must not name that event.
    this.scope = null;
    this.createClients(options.client);
  }

  /**
   * Ends the run for good: effects arriving later are ignored. Call after draining pending work, so
   * that work a replica started without returning it is reported (not lost) before the facts freeze.
   */
  seal(): void {
    this.sealed = true;
  }

  /** Runs to the end: synchronously for synchronous replicas, as a Promise once any handler is async. */
  run(): RunFacts | Promise<RunFacts> {
    const pending = this.loop();
    return pending === undefined ? this.facts : pending.then(() => this.facts);
  }

  // ---- ClientHost -------------------------------------------------------------------------

  /** Current virtual time in ms. */
  now(): number {
    return this.time;
  }

  /** Sends a client's request over the network. */
  sendFromClient(from: NodeId, to: NodeId, payload: ClientRequest): void {
    this.sendMessage(from, to, payload);
  }

  /** Arms (or re-arms) a timer of any node. */
  setTimer(node: NodeId, id: string, afterMs: number): void {
    if (typeof id !== 'string') throw new ContractError(`setTimer: 'id' must be a string, got ${typeof id}`);
    if (!(afterMs >= 0) || !Number.isFinite(afterMs)) {
      throw new ContractError(`setTimer: 'afterMs' must be a finite number ≥ 0, got ${String(afterMs)}`);
    }
    const gen = ++this.timerGenerations;
    (this.timers[node] as Map<string, number>).set(id, gen);
    const ev = this.allocate(this.time + Math.ceil(afterMs), TIMER, node, node, undefined);
    ev.timerId = id;
    ev.gen = gen;
    this.queue.push(ev);
  }

  /** Disarms a timer of any node. */
  cancelTimer(node: NodeId, id: string): void {
    (this.timers[node] as Map<string, number>).delete(id);
  }

  /** Signs as a client: clients hold their own keys like replicas do. */
  signAsClient(client: NodeId, data: string): string {
    return this.crypto.sign(client, data);
  }

  /** Records a client's first transmission of a request. */
  submitted(request: ClientRequest): void {
    this.recorder.submit(request);
  }

  /** Records a result a client accepted. */
  accepted(client: NodeId, requestId: number, result: string, replicas: readonly NodeId[]): void {
    this.recorder.accept(client, requestId, result, replicas);
  }

  /** Index of the event being processed (RunClock). */
  currentStep(): number {
    return this.step;
  }

  /** True once the run has ended (RunClock). */
  isStopped(): boolean {
    return this.stopped;
  }

  // ---- the event loop ---------------------------------------------------------------------

  private loop(): Promise<void> | undefined {
    const timeLimit = this.scenario.limits.timeMs;
    const eventLimit = this.scenario.limits.events;
    while (!this.stopped) {
      let ev = this.queue.pop();
      if (ev === undefined) return this.stop('quiescent');
      // A cancelled timer is no event at all: it must not end a quiet run as a time-limit one.
      if (ev.kind === TIMER && (this.timers[ev.to] as Map<string, number>).get(ev.timerId) !== ev.gen) {
        this.release(ev);
        continue;
      }
      if (ev.time > timeLimit) return this.stop('time-limit');
      if (this.facts.events >= eventLimit) return this.stop('event-limit');
      if (ev.kind === DELIVER && !this.tape.exhausted) ev = this.pickReady(ev);
      this.time = ev.time;
      this.step = this.facts.events++;
      const pending = this.dispatch(ev);
      this.release(ev);
      if (pending !== undefined) return pending.then(() => this.loop());
    }
    return undefined;
  }

  /** The tape picks which of the messages due at this instant is delivered first. */
  private pickReady(first: SimEvent): SimEvent {
    const choice = this.tape.next();
    if (choice === 0) return first;
    const ready = [first];
    const others: SimEvent[] = [];
    for (let top = this.queue.peek(); top !== undefined && top.time === first.time; top = this.queue.peek()) {
      const ev = this.queue.pop() as SimEvent;
      (ev.kind === DELIVER ? ready : others).push(ev);
    }
    const chosen = ready[choice % ready.length] as SimEvent;
    for (const ev of ready) if (ev !== chosen) this.queue.push(ev);
    for (const ev of others) this.queue.push(ev);
    return chosen;
  }

  private dispatch(ev: SimEvent): Promise<void> | undefined {
    const to = ev.to;
    if (ev.kind === DELIVER) {
      this.facts.deliveries++;
      if (this.trace !== null) {
        this.trace.push({ step: this.step, t: this.time, kind: 'deliver', msg: ev.seq, from: ev.from, to, payload: ev.text });
      }
      if (to >= this.n) {
        (this.clients[to - this.n] as GenericClient).onReply(ev.from, ev.payload);
        return undefined;
      }
      return this.callReplica(to, ev);
    }
    if (ev.kind === TIMER) {
      (this.timers[to] as Map<string, number>).delete(ev.timerId);
      this.trace?.push({ step: this.step, t: this.time, kind: 'timer', node: to, id: ev.timerId });
      if (to >= this.n) {
        (this.clients[to - this.n] as GenericClient).onTimer(ev.timerId);
        return undefined;
      }
      return this.callReplica(to, ev);
    }
    return this.callReplica(to, ev);
  }

  /** What a handler was called for, as findings name it; built only for a finding, not per event. */
  private eventName(kind: number, from: NodeId, timerId: string): string {
    if (kind === DELIVER) return from >= this.n ? `request from client ${from}` : `message from ${from}`;
    return kind === TIMER ? `timer ${JSON.stringify(timerId)}` : 'init';
  }

  /** Calls one replica handler; a throw or a rejected promise becomes a finding and ends the run. */
  private callReplica(node: NodeId, ev: SimEvent): Promise<void> | undefined {
    const replica = this.replicas[node] as Replica<unknown>;
    const ctx = this.contexts[node] as ReplicaContext<unknown>;
    this.active = node;
    this.handling = ev;
    this.messagesThisStep = 0;
    this.timersThisStep = 0;
    runningHandler.owner = this;
    runningHandler.node = node;
    try {
      let result;
      if (ev.kind === DELIVER) {
        result = ev.from >= this.n ? replica.onRequest(ev.payload as ClientRequest) : replica.onMessage(ev.from, ev.payload);
      } else if (ev.kind === TIMER) {
        result = replica.onTimer?.(ev.timerId);
      } else {
        result = replica.init?.();
      }
      runningHandler.owner = null;
      let pending: Promise<void> | undefined;
      // Synchronous replicas (most) return nothing: the hooks below cost them one check.
      if (result !== undefined) {
        if (ev.kind === DELIVER && this.tape.exhausted) this.offerLookahead(replica, node, ev.time);
        pending = settleHandler(ctx, result, !isPlainIo(replica));
      }
      if (pending === undefined && this.drainAfterEachEvent) pending = drainPendingWork();
      if (pending === undefined) {
        this.active = -1;
        return undefined;
      }
      // The event goes back to the pool when this returns: keep what naming it needs.
      const step = this.step;
      const { kind, from, timerId } = ev;
      this.handling = { kind, from, timerId };
      return pending.then(
        () => void (this.active = -1),
        (error: unknown) => {
          this.active = -1;
          if (!(error instanceof StepLimitError)) this.replicaFailed(node, this.eventName(kind, from, timerId), error, step);
        },
      );
    } catch (error) {
      runningHandler.owner = null;
      this.active = -1;
      // A flood is reported where it is found; the error that aborted the handler is that report.
      if (!(error instanceof StepLimitError)) this.replicaFailed(node, this.eventName(ev.kind, ev.from, ev.timerId), error, this.step);
      return undefined;
    }
  }

  /** Tells a replica that can use it which deliveries it handles next at this instant (see lookahead.ts). */
  private offerLookahead(replica: Replica<unknown>, node: NodeId, time: number): void {
    const hook = lookaheadOf(replica);
    if (hook === undefined) return;
    const due: SimEvent[] = [];
    for (let top = this.queue.peek(); top !== undefined && top.time === time; top = this.queue.peek()) due.push(this.queue.pop() as SimEvent);
    const upcoming: UpcomingDelivery[] = [];
    let open = true;
    for (const ev of due) {
      this.queue.push(ev);
      if (!open || ev.to !== node) continue;
      if (ev.kind !== DELIVER) open = false;
      else upcoming.push({ from: ev.from, payload: ev.payload });
    }
    if (upcoming.length > 0) hook(upcoming);
  }

  /** AsyncWorkOwner: the scope of a promise the running handler of `node` creates now. */
  scopeOf(node: NodeId): HandlerScope {
    const cached = this.scope;
    if (cached !== null && cached.node === node && cached.step === this.step) return cached;
    const ev = this.handling;
    const event = ev === null ? 'construction' : this.eventName(ev.kind, ev.from, ev.timerId);
    return (this.scope = { owner: this, node, step: this.step, event });
  }

  /**
   * AsyncWorkOwner: work a handler started and never awaited rejected. Blamed on the replica and the
   * event that started it, at that event's step; once the run is sealed its verdict stands.
   */
  unawaitedRejection(scope: HandlerScope, error: unknown): void {
    if (this.sealed) return;
    this.replicaFailed(scope.node, `${scope.event} (work it started and never awaited)`, error, scope.step);
  }

  /**
   * Counts one more message (or timer) of the running handler against the step limit. Past it, the
   * flood is reported once, as a throw would be (a finding, or a faulty replica turned inert), and
   * a StepLimitError aborts the handler: it must not go on filling memory.
   */
  private flooded(node: NodeId, what: 'messages' | 'timers', count: number, added: number, limit: number): never {
    // Reported when the count crosses the limit; a replica that catches the abort and goes on gets
    // the same error again, cheaply (a fresh Error per attempt would cost a stack trace each).
    if (count - added > limit && this.floodError !== null) throw this.floodError;
    const error = new StepLimitError(`${what === 'messages' ? 'sent' : 'set'} ${count} ${what} in one handler call, over the limit of ${limit} per step (a flood; Target.limits.${what}PerStep raises it)`);
    this.floodError = error;
    const ev = this.handling;
    this.replicaFailed(node, ev === null ? 'construction' : this.eventName(ev.kind, ev.from, ev.timerId), error, this.step);
    throw error;
  }

  /**
   * True when replica `node` may act now. An effect from outside its own handler means the replica
   * started async work it did not return: a finding (the work would otherwise be lost or misplaced).
   */
  private mayAct(node: NodeId, what: string): boolean {
    if (this.active === node) return true;
    if (this.sealed || this.facts.honest[node] === false) return false;
    if (!this.facts.replicaErrors.some((e) => e.replica === node && e.event === 'work outside its handlers')) {
      const hint = 'a handler started async work without returning its Promise (return it, or set drainAfterEachEvent on the target)';
      this.facts.replicaErrors.push({ replica: node, event: 'work outside its handlers', message: `called ${what} ${this.stopped ? 'after the run ended' : 'while another event was being handled'}: ${hint}`, step: this.step, timeMs: this.time });
    }
    this.stop('replica-error');
    return false;
  }

  /**
   * An honest replica that throws is a finding and ends the run. A faulty one may crash — that is
   * Byzantine behaviour, not a finding — so it is traced and turned inert, and the run goes on.
   */
  private replicaFailed(node: NodeId, what: string, error: unknown, step: number): void {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : `threw ${payloadText(error)}`;
    this.trace?.push({ step, t: this.time, kind: 'error', node, message: `${what}: ${message}` });
    if (this.facts.honest[node] === false) {
      this.replicas[node] = INERT_REPLICA;
      return;
    }
    this.facts.replicaErrors.push({ replica: node, event: what, message, step, timeMs: this.time, ...errorExtras(error) });
    this.stop('replica-error');
  }

  private stop(reason: StopReason): undefined {
    if (!this.stopped) {
      this.stopped = true;
      this.facts.stopReason = reason;
      this.facts.endTimeMs = this.time;
      this.facts.timelinessBoundMs = this.timelinessBound?.(Math.max(this.facts.calmDelayMsMax, this.scenario.network.delayMsMin));
    }
    return undefined;
  }

  // ---- network ----------------------------------------------------------------------------

  /** Puts a message on the wire: the plan's lost messages never arrive; before GST partitions cut it and the tape decides drop and duplication; the tape picks each delay. */
  private sendMessage(from: NodeId, to: NodeId, payload: unknown): void {
    if (!Number.isInteger(to) || to < 0 || to >= this.totalNodes) {
      throw new ContractError(`send: 'to' must be a node id in 0..${this.totalNodes - 1}, got ${String(to)}`);
    }
    if (this.stopped) return;
    // Counted first, so that every message on a link has its number whatever else happens to it.
    const lost = this.lost.active && this.lost.lose(from, to);
    if (this.time >= this.scenario.gstMs) {
      if (!lost) this.enqueue(from, to, payload, this.delaySpan);
      else this.dropLost(from, to, payload);
      return;
    }
    const partitioned = !lost && this.links.active && this.links.cut(from, to, payload, this.time);
    if (lost || partitioned || this.tapeSays(this.dropThreshold)) {
      this.facts.drops++;
      this.networkFailed();
      this.trace?.push({ step: this.step, t: this.time, kind: 'drop', from, to, payload: payloadText(payload), reason: lost ? 'lost' : partitioned ? 'partition' : 'tape' });
      return;
    }
    this.enqueue(from, to, payload, this.preGstDelaySpan);
    if (this.tapeSays(this.duplicateThreshold)) {
      this.networkFailed();
      this.enqueue(from, to, payload, this.preGstDelaySpan);
    }
  }

  /** The network misbehaved with a message sent now: the run is calm no longer (see `RunFacts.calmUntilMs`). */
  private networkFailed(): void {
    if (this.facts.calmUntilMs !== Number.POSITIVE_INFINITY) return;
    this.facts.calmUntilMs = this.time;
    this.viewWatch = null;
  }

  /** A named message lost at or after GST: a safety counterexample may lose any message, but the liveness premise no longer holds. */
  private dropLost(from: NodeId, to: NodeId, payload: unknown): void {
    this.facts.drops++;
    this.facts.lostAfterGst++;
    this.networkFailed();
    this.trace?.push({ step: this.step, t: this.time, kind: 'drop', from, to, payload: payloadText(payload), reason: 'lost' });
  }

  /** Reads a fault decision from the tape: yes for entries 1..threshold; no tape is read when the fault is off. */
  private tapeSays(threshold: number): boolean {
    if (threshold === 0) return false;
    const v = this.tape.next();
    return v !== 0 && v <= threshold;
  }

  private enqueue(from: NodeId, to: NodeId, payload: unknown, span: number): void {
    const at = this.time + this.scenario.network.delayMsMin + this.tape.choose(span);
    // Only a delay a synchronous network could not have taken breaks calm: one drawn before GST may be short.
    const delay = at - this.time;
    if (delay > this.scenario.network.delayMsMax) this.networkFailed();
    else if (this.facts.calmUntilMs === Number.POSITIVE_INFINITY && delay > this.facts.calmDelayMsMax) this.facts.calmDelayMsMax = delay;
    const ev = this.allocate(at, DELIVER, to, from, payload);
    this.queue.push(ev);
    if (this.trace !== null) {
      ev.text = payloadText(payload);
      this.trace.push({ step: this.step, t: this.time, kind: 'send', msg: ev.seq, from, to, payload: ev.text, at });
    }
  }

  private allocate(time: number, kind: number, to: NodeId, from: NodeId, payload: unknown): SimEvent {
    const ev = this.pool.pop() ?? new SimEvent();
    ev.time = time;
    ev.seq = this.insertions++;
    ev.kind = kind;
    ev.to = to;
    ev.from = from;
    ev.payload = payload;
    return ev;
  }

  private release(ev: SimEvent): void {
    ev.payload = undefined;
    ev.text = '';
    this.pool.push(ev);
  }

  // ---- construction -----------------------------------------------------------------------

  private createReplicas(factories: readonly ReplicaFactory<unknown>[]): void {
    const clientIds: NodeId[] = [];
    for (let c = 0; c < this.scenario.clients; c++) clientIds.push(this.n + c);
    for (let id = 0; id < this.n; id++) {
      const ctx = new SimContext(this, Object.freeze({ id, n: this.n, f: this.facts.f, clients: clientIds }), this.facts.honest[id] !== false);
      this.contexts.push(ctx);
      const factory = factories[id];
      if (factory === undefined) throw new Error(`no replica factory for slot ${id}`);
      this.active = id;
      this.handling = null;
      this.messagesThisStep = 0;
      this.timersThisStep = 0;
      runningHandler.owner = this;
      runningHandler.node = id;
      try {
        this.replicas.push(factory(ctx));
      } catch (error) {
        this.replicas.push(INERT_REPLICA);
        if (!(error instanceof StepLimitError)) this.replicaFailed(id, 'construction', error, 0);
      }
      runningHandler.owner = null;
      this.active = -1;
      this.queue.push(this.allocate(0, INIT, id, id, undefined));
    }
  }

  private createClients(options: ClientOptions): void {
    const byClient: RequestPlan[][] = [];
    for (let c = 0; c < this.scenario.clients; c++) byClient.push([]);
    for (const plan of this.scenario.requests) byClient[plan.client]?.push(plan);
    for (let c = 0; c < this.scenario.clients; c++) {
      const plans = (byClient[c] as RequestPlan[]).slice().sort((a, b) => a.atMs - b.atMs);
      const client = new GenericClient(this.n + c, plans, this.n, this.facts.f, options, this);
      this.clients.push(client);
      client.start();
    }
  }

  // ---- effects of replicas, through their SimContext ------------------------------------------
  // One method per ReplicaContext effect, taking the acting replica's id: the contexts hold no
  // closures, so building a world allocates one small object per replica.

  /** Feeds an honest send to the view watch, dropping the watch once it can record nothing more (sends are the hot path). */
  private watchView(id: NodeId, payload: unknown): void {
    if (this.facts.honest[id] === true && this.viewWatch?.sent(id, payload) === false) this.viewWatch = null;
  }

  /** ReplicaContext.send of replica `id`. */
  replicaSend(id: NodeId, to: NodeId, payload: unknown): void {
    if (!this.mayAct(id, 'send')) return;
    if (++this.messagesThisStep > this.maxMessages) this.flooded(id, 'messages', this.messagesThisStep, 1, this.maxMessages);
    if (this.viewWatch !== null) this.watchView(id, payload);
    this.sendMessage(id, to, payload);
  }

  /** ReplicaContext.broadcast of replica `id`. */
  replicaBroadcast(id: NodeId, payload: unknown): void {
    if (!this.mayAct(id, 'broadcast')) return;
    if ((this.messagesThisStep += this.n - 1) > this.maxMessages) this.flooded(id, 'messages', this.messagesThisStep, this.n - 1, this.maxMessages);
    if (this.viewWatch !== null) this.watchView(id, payload);
    for (let to = 0; to < this.n; to++) if (to !== id) this.sendMessage(id, to, payload);
  }

  /** ReplicaContext.setTimer of replica `id`. */
  replicaSetTimer(id: NodeId, timerId: TimerId, afterMs: number): void {
    if (!this.mayAct(id, 'setTimer')) return;
    if (++this.timersThisStep > this.maxTimers) this.flooded(id, 'timers', this.timersThisStep, 1, this.maxTimers);
    this.setTimer(id, timerId, afterMs);
  }

  /** ReplicaContext.cancelTimer of replica `id`. */
  replicaCancelTimer(id: NodeId, timerId: TimerId): void {
    if (this.mayAct(id, 'cancelTimer')) this.cancelTimer(id, timerId);
  }

  /** ReplicaContext.commit of replica `id`. */
  replicaCommit(id: NodeId, honest: boolean, seq: number, value: string): void {
    if (this.mayAct(id, 'commit')) this.recorder.commit(id, honest, seq, value);
  }

  /** ReplicaContext.execute of replica `id`. */
  replicaExecute(id: NodeId, honest: boolean, seq: number, operation: string, result: string, origin: RequestOrigin | undefined): void {
    if (this.mayAct(id, 'execute')) this.recorder.execute(id, honest, seq, operation, result, origin);
  }

  /** ReplicaContext.reply of replica `id`. */
  replicaReply(id: NodeId, honest: boolean, client: NodeId, requestId: number, result: string): void {
    if (!this.mayAct(id, 'reply')) return;
    if (!Number.isInteger(client) || client < this.n || client >= this.totalNodes) {
      throw new ContractError(`reply: 'client' must be a client id in ${this.n}..${this.totalNodes - 1}, got ${String(client)}`);
    }
    this.recorder.reply(id, honest, client, requestId, result);
    this.sendMessage(id, client, { replica: id, requestId, result });
  }

  /** ReplicaContext.installState of replica `id`. */
  replicaInstallState(id: NodeId, honest: boolean, seq: number, digest: string): void {
    if (this.mayAct(id, 'installState')) this.recorder.install(id, honest, seq, digest);
  }

  /** ReplicaContext.membership of replica `id`. */
  replicaMembership(id: NodeId, honest: boolean, fromSeq: number, members: readonly NodeId[]): void {
    if (this.mayAct(id, 'membership')) this.recorder.membership(id, honest, fromSeq, members);
  }

  /** ReplicaContext.log of replica `id`. */
  replicaLog(id: NodeId, message: string): void {
    this.trace?.push({ step: this.step, t: this.time, kind: 'log', node: id, message: String(message) });
  }

  /** ReplicaContext.random. */
  random(): number {
    return this.prng.next();
  }

  /** ReplicaContext.sign of replica `id`. */
  replicaSign(id: NodeId, data: string): string {
    return this.crypto.sign(id, data);
  }

  /** ReplicaContext.verify; an honest replica's failed check is counted. */
  replicaVerify(honest: boolean, signer: NodeId, data: string, signature: string): boolean {
    const valid = this.crypto.verify(signer, data, signature);
    if (!valid && honest) this.facts.rejectedSignatures++;
    return valid;
  }
}

/** The optional `detail` and `hang` an error may carry (see {@link ReplicaErrorFact}); never traced. */
function errorExtras(error: unknown): { stack?: string; detail?: string; hang?: true } {
  if (!(error instanceof Error)) return {};
  const { detail, hang } = error as Error & { detail?: unknown; hang?: unknown };
  // A contract breach's or a child process's stack is byzcheck's own, not the replica's: no help to the reader.
  const stack = error instanceof ContractError || typeof detail === 'string' ? undefined : error.stack;
  return { ...(stack === undefined ? {} : { stack }), ...(typeof detail === 'string' ? { detail } : {}), ...(hang === true ? { hang: true as const } : {}) };
}
