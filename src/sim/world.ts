import type { ClientOptions, ClientRequest, Codec, NodeId, ReplicaFactory, RequestOrigin, TimerId } from '../adapter/contract.js';
import { faultsTolerated } from '../adapter/contract.js';
import { structureCodec } from '../adapter/discovery.js';
import type { GenericClient, ClientHost } from '../client/generic-client.js';
import type { CryptoProvider, IssuedSignature } from '../crypto/provider.js';
import type { Scenario } from '../scenario/types.js';
import type { Tripwire } from '../property.js';
import { DELIVER, EventQueue, TIMER, type SimEvent } from './event-queue.js';
import type { RunFacts } from './facts.js';
import { freezePayload } from './freeze-payload.js';
import { LogBudget } from './log-budget.js';
import { ContractError } from '../adapter/in-process.js';
import { checkMessage } from './message-check.js';
import { startClients } from './start-clients.js';
import { Network } from './network.js';
import { Recorder, type RunClock } from './recorder.js';
import { ReplicaCalls } from './replica-calls.js';
import { Prng } from './prng.js';
import { RunState } from './run-state.js';
import { SettleWatch } from './settle-watch.js';
import type { SettleGuard } from './settle-guard.js';
import type { ReplicaHost } from './sim-context.js';
import type { StepLimits } from './step-limits.js';
import { ChoiceTape } from './tape.js';
import { Timers } from './timers.js';
import type { TraceEvent } from './trace.js';
import { ViewWatch } from './view-watch.js';

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
  /** The target's leader timeouts by attempt (see `RunFacts.leaderTimeoutsMs`), when it declares them. */
  readonly leaderTimeoutsMs?: readonly number[];
  /** The leader of a view, when the target declares it: recorded with each view move. */
  readonly leaderOf?: (view: number) => NodeId | undefined;
  /** Drain pending promise work after every event, for replicas that start async work they do not return. */
  readonly drainAfterEachEvent?: boolean;
  /** Stops the run at the first fact that violates a watched safety property. */
  readonly tripwire?: Tripwire;
  /** What one handler call may emit (default {@link DEFAULT_STEP_LIMITS}); more is a flood, a finding. */
  readonly stepLimits?: Partial<StepLimits>;
  /** Fails a handler's Promise that never settles (wall-clock, so injected by the edge); none: such a handler stalls the run. */
  readonly settleGuard?: SettleGuard;
  /** End the run (stop reason `settled`) once nothing can happen in it but repeats (see {@link SettleWatch}); default false. */
  readonly endWhenSettled?: boolean;
  /**
   * True once the run is no longer wanted (a campaign's wall-clock budget is spent): the run then
   * stops with reason `cancelled`, and its facts must not be judged. Asked every
   * {@link CANCEL_CHECK_EVENTS} events and whenever the run resumes after an async handler; the
   * edge owns the clock it reads, so a run that is not cancelled is the same run.
   */
  readonly cancelled?: () => boolean;
}

/** How many events a run handles between two questions to {@link WorldOptions.cancelled} (a power of two). */
export const CANCEL_CHECK_EVENTS = 1024;

/**
 * The discrete-event simulator: virtual clock, event queue, network, timers, clients and replicas.
 * Pure and deterministic: it reads only the scenario (its tape and seed) and the replicas' effects.
 * This class runs the event loop and routes effects; each concept lives in its own part: the
 * queue (event-queue.ts), the network and its faults (network.ts), timers (timers.ts), calls into
 * replicas with their step limits and findings (replica-calls.ts), and the run's clock (run-state.ts).
 */
export class World implements ClientHost, RunClock, ReplicaHost {
  /** The run's compact summary, judged by properties. */
  readonly facts: RunFacts;
  /** The full trace, or null on the fast path. */
  readonly trace: TraceEvent[] | null;

  private readonly n: number;
  private readonly totalNodes: number;
  private readonly state: RunState;
  private readonly queue = new EventQueue();
  private readonly tape: ChoiceTape;
  private readonly prng: Prng;
  private readonly timers: Timers;
  private readonly network: Network;
  private readonly calls: ReplicaCalls;
  private readonly clients: GenericClient[] = [];
  private readonly crypto: CryptoProvider;
  private readonly scenario: Scenario;
  private readonly recorder: Recorder;
  /** Watches for the point after which the run only repeats itself, when the run ends there; else null. */
  private readonly settleWatch: SettleWatch | null;
  /** What of the replicas' logs the trace still keeps. */
  private readonly logs = new LogBudget();
  /** See {@link WorldOptions.cancelled}. */
  private readonly cancelled: (() => boolean) | undefined;
  /** What replicas that look ahead may be told at the current event (see lookahead.ts). */
  private readonly horizon = { until: 0, ordered: false, stale: (ev: SimEvent): boolean => this.timers.isStale(ev) };

  constructor(options: WorldOptions) {
    const s = options.scenario;
    this.scenario = s;
    this.n = s.n;
    this.totalNodes = s.n + s.clients;
    this.crypto = options.crypto;
    this.tape = new ChoiceTape(s.tape);
    this.prng = new Prng(s.seed);
    this.trace = options.trace ? [] : null;
    this.facts = initialFacts(s, options);
    const state = (this.state = new RunState(this.facts, options.timelinessBound, s.network.delayMsMin, s.network.delayMsMax));
    this.recorder = new Recorder(this.facts, this.trace, state, options.tripwire, () => state.stop('violation'));
    // Views are read only where the timing properties can judge them: a bound and a codec to read them.
    const watch = options.timelinessBound !== undefined && options.codec !== undefined ? new ViewWatch(options.codec, this.facts, state, options.leaderOf) : null;
    this.network = new Network(s, state, this.facts, this.trace, this.tape, this.queue, options.codec ?? roundReader(this.crypto), watch);
    this.timers = new Timers(this.totalNodes, this.queue);
    this.calls = new ReplicaCalls(s.n, state, this.facts, this.trace, this.tape, this.queue, options.drainAfterEachEvent === true, options.stepLimits, options.settleGuard);
    this.calls.isStaleTimer = (ev) => this.timers.isStale(ev);
    this.calls.create(options.factories, this, s.clients);
    this.settleWatch = options.endWhenSettled === true ? this.createSettleWatch() : null;
    this.network.settleWatch = this.settleWatch;
    const settleWatch = this.settleWatch;
    if (settleWatch !== null) this.timers.onSet = (node, id, at, wasArmed) => settleWatch.timerSet(node, id, at, wasArmed);
    this.cancelled = options.cancelled;
    startClients(this.scenario, this.facts.f, options.client, this, this.clients);
  }

  private createSettleWatch(): SettleWatch {
    const { network, timers, queue, state } = this;
    return new SettleWatch(this.scenario, this.facts, {
      now: () => state.time,
      faultsSpent: () => network.faultsSpent(),
      forEachDelivery: (visit) => queue.forEachOfKind(DELIVER, visit),
      everyArmedTimer: (test) => timers.everyArmed(test),
    });
  }

  /**
   * Ends the run for good: effects arriving later are ignored. Call after draining pending work, so
   * that work a replica started without returning it is reported (not lost) before the facts freeze.
   */
  seal(): void {
    this.state.sealed = true;
  }

  /** Runs to the end: synchronously for synchronous replicas, as a Promise once any handler is async. */
  run(): RunFacts | Promise<RunFacts> {
    const pending = this.loop();
    return pending === undefined ? this.facts : pending.then(() => this.facts);
  }

  // ---- ClientHost -------------------------------------------------------------------------

  /** Current virtual time in ms. */
  now(): number {
    return this.state.time;
  }

  /** Sends a client's request over the network. */
  sendFromClient(from: NodeId, to: NodeId, payload: ClientRequest): void {
    this.network.send(from, to, freezePayload(payload));
  }

  /** Arms (or re-arms) a timer of any node. */
  setTimer(node: NodeId, id: string, afterMs: number): void {
    this.timers.set(node, id, this.state.time, afterMs);
  }

  /** Disarms a timer of any node. */
  cancelTimer(node: NodeId, id: string): void {
    this.timers.cancel(node, id);
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
    return this.state.step;
  }

  /** True once the run has ended (RunClock). */
  isStopped(): boolean {
    return this.state.stopped;
  }

  // ---- the event loop ---------------------------------------------------------------------

  /** Handles events in queue order until the run stops; returns a Promise at the first async handler, resuming after it. */
  private loop(): Promise<void> | undefined {
    const state = this.state;
    const timeLimit = this.scenario.limits.timeMs;
    const eventLimit = this.scenario.limits.events;
    const settleWatch = this.settleWatch;
    const cancelled = this.cancelled;
    // Resumed after an async handler (a child's answer can take a while), or every so many events.
    if (cancelled !== undefined && !state.stopped && cancelled()) return state.stop('cancelled');
    while (!state.stopped) {
      if (cancelled !== undefined && (this.facts.events & (CANCEL_CHECK_EVENTS - 1)) === CANCEL_CHECK_EVENTS - 1 && cancelled()) return state.stop('cancelled');
      let ev = this.queue.pop();
      if (ev === undefined) return state.stop('quiescent');
      // A cancelled timer is no event at all: it must not end a quiet run as a time-limit one.
      if (ev.kind === TIMER && this.timers.isStale(ev)) {
        this.queue.release(ev);
        continue;
      }
      if (ev.time > timeLimit) return state.stop('time-limit');
      if (this.facts.events >= eventLimit) return state.stop('event-limit');
      if (settleWatch !== null && settleWatch.settled(ev)) {
        settleWatch.extrapolate();
        return state.stop('settled');
      }
      // The tape picks which of the messages due at this instant is delivered first (0: the earliest).
      if (ev.kind === DELIVER && !this.tape.exhausted) {
        const choice = this.tape.next();
        if (choice !== 0) ev = this.queue.pickReady(ev, choice);
      }
      if (settleWatch !== null) settleWatch.handling(ev);
      state.time = ev.time;
      state.step = this.facts.events++;
      if (this.calls.looksAhead) this.offerNext(ev);
      const pending = this.dispatch(ev);
      this.queue.release(ev);
      if (pending !== undefined) return pending.then(() => this.loop());
    }
    return undefined;
  }

  /** Offers replicas that look ahead their next events, with `ev` (at the current time) about to be handled. */
  private offerNext(ev: SimEvent): void {
    const horizon = this.horizon;
    const delayMsMin = this.scenario.network.delayMsMin;
    horizon.ordered = this.tape.exhausted;
    // No message sent from now on arrives before now + delayMsMin (see replica-hooks.ts).
    horizon.until = ev.time + delayMsMin - (horizon.ordered ? 0 : 1);
    this.calls.offerNext(ev, horizon);
  }

  /** Hands an event to the node it is for: a client directly, a replica through {@link ReplicaCalls}. */
  private dispatch(ev: SimEvent): Promise<void> | undefined {
    const to = ev.to;
    if (ev.kind === DELIVER) {
      this.facts.deliveries++;
      if (this.trace !== null) {
        this.trace.push({ step: this.state.step, t: this.state.time, kind: 'deliver', msg: ev.seq, from: ev.from, to, payload: ev.text });
      }
      if (to >= this.n) {
        (this.clients[to - this.n] as GenericClient).onReply(ev.from, ev.payload);
        return undefined;
      }
      return this.calls.call(to, ev);
    }
    if (ev.kind === TIMER) {
      this.timers.fired(ev);
      this.trace?.push({ step: this.state.step, t: this.state.time, kind: 'timer', node: to, id: ev.timerId });
      if (to >= this.n) {
        (this.clients[to - this.n] as GenericClient).onTimer(ev.timerId);
        return undefined;
      }
      return this.calls.call(to, ev);
    }
    return this.calls.call(to, ev);
  }

  // ---- effects of replicas, through their SimContext ------------------------------------------
  // One method per ReplicaContext effect, taking the acting replica's id: the contexts hold no
  // closures, so building a world allocates one small object per replica.

  /** ReplicaContext.send of replica `id`. */
  replicaSend(id: NodeId, to: NodeId, payload: unknown): void {
    if (this.outgoing(id, 'send', 1, payload)) this.network.send(id, to, payload);
  }

  /** ReplicaContext.broadcast of replica `id`. */
  replicaBroadcast(id: NodeId, payload: unknown): void {
    if (this.outgoing(id, 'broadcast', this.n - 1, payload)) this.network.broadcast(id, this.n, payload);
  }

  /** What a send and a broadcast of replica `id` share before the network takes `payload`; false when it may not act. */
  private outgoing(id: NodeId, what: 'send' | 'broadcast', messages: number, payload: unknown): boolean {
    if (!this.calls.mayAct(id, what)) return false;
    if (this.facts.honest[id] !== false) checkMessage(what, payload);
    this.calls.countMessages(id, messages);
    if (this.settleWatch !== null && this.facts.honest[id] === false) this.settleWatch.faultySend();
    freezePayload(payload);
    this.network.watchSend(id, payload);
    return true;
  }

  /** ReplicaContext.setTimer of replica `id`. */
  replicaSetTimer(id: NodeId, timerId: TimerId, afterMs: number): void {
    if (!this.calls.mayAct(id, 'setTimer')) return;
    this.calls.countTimer(id);
    this.timers.set(id, timerId, this.state.time, afterMs);
  }

  /** ReplicaContext.cancelTimer of replica `id`. */
  replicaCancelTimer(id: NodeId, timerId: TimerId): void {
    if (this.calls.mayAct(id, 'cancelTimer')) this.timers.cancel(id, timerId);
  }

  /** ReplicaContext.commit of replica `id`. */
  replicaCommit(id: NodeId, honest: boolean, seq: number, value: string): void {
    if (this.calls.mayAct(id, 'commit')) this.recorder.commit(id, honest, seq, value);
  }

  /** ReplicaContext.execute of replica `id`. */
  replicaExecute(id: NodeId, honest: boolean, seq: number, operation: string, result: string, origin: RequestOrigin | undefined): void {
    if (this.calls.mayAct(id, 'execute')) this.recorder.execute(id, honest, seq, operation, result, origin);
  }

  /** ReplicaContext.reply of replica `id`. */
  replicaReply(id: NodeId, honest: boolean, client: NodeId, requestId: number, result: string): void {
    if (!this.calls.mayAct(id, 'reply')) return;
    if (!Number.isInteger(client) || client < this.n || client >= this.totalNodes) {
      throw new ContractError(`reply: 'client' must be a client id in ${this.n}..${this.totalNodes - 1}, got ${String(client)}`);
    }
    this.recorder.reply(id, honest, client, requestId, result);
    this.network.send(id, client, { replica: id, requestId, result });
  }

  /** ReplicaContext.installState of replica `id`. */
  replicaInstallState(id: NodeId, honest: boolean, seq: number, digest: string): void {
    if (this.calls.mayAct(id, 'installState')) this.recorder.install(id, honest, seq, digest);
  }

  /** ReplicaContext.membership of replica `id`. */
  replicaMembership(id: NodeId, honest: boolean, fromSeq: number, members: readonly NodeId[]): void {
    if (this.calls.mayAct(id, 'membership')) this.recorder.membership(id, honest, fromSeq, members);
  }

  /** ReplicaContext.log of replica `id`. */
  replicaLog(id: NodeId, message: string): void {
    if (this.trace === null) return;
    const kept = this.logs.admit(String(message));
    if (kept !== undefined) this.trace.push({ step: this.state.step, t: this.state.time, kind: 'log', node: id, message: kept });
  }

  /** ReplicaContext.random. */
  random(): number {
    return this.prng.next();
  }

  /** ReplicaContext.sign of replica `id`. */
  replicaSign(id: NodeId, data: string): string {
    return this.crypto.sign(id, data);
  }

  /** The provider's record of `signature` (sim-context.ts: issuedThroughWorld); no effect on the run. */
  replicaIssued(signature: string): IssuedSignature | undefined {
    return this.crypto.issued?.(signature);
  }

  /** ReplicaContext.verify; an honest replica's failed check is counted. */
  replicaVerify(honest: boolean, signer: NodeId, data: string, signature: string): boolean {
    const valid = this.crypto.verify(signer, data, signature);
    if (!valid && honest) this.facts.rejectedSignatures++;
    return valid;
  }
}

/** The facts of a run not yet started: nothing recorded, quiescent until it stops otherwise. */
function initialFacts(s: Scenario, options: WorldOptions): RunFacts {
  // Without a faulty replica no deviation can come; with one, from the start unless told otherwise.
  const faultsFromMs = options.faultsFromMs ?? (options.honest.every((h) => h) ? Number.POSITIVE_INFINITY : 0);
  return {
    n: s.n, f: faultsTolerated(s.n), honest: options.honest, gstMs: s.gstMs, livenessBoundMs: options.livenessBoundMs,
    clientRetransmitMs: options.client.retransmitMs,
    timelinessBoundMs: undefined,
    commits: [], executions: [], replies: [], installs: [], memberships: [], submitted: [], accepted: [], replicaErrors: [], views: [],
    events: 0, deliveries: 0, drops: 0, lostAfterGst: 0, faultsFromMs, calmUntilMs: Number.POSITIVE_INFINITY, calmDelayMsMax: 0, settledFromMs: s.gstMs, syncFromMs: 0, syncDelayMsMax: 0, ...(options.leaderTimeoutsMs === undefined ? {} : { leaderTimeoutsMs: options.leaderTimeoutsMs }), rejectedSignatures: 0, endTimeMs: 0, stopReason: 'quiescent',
  };
}

/**
 * For a target with no codec, what gives its messages a round for ByzzFuzz round partitions:
 * signed-item discovery's fields (usual key names, else read by value through the run's
 * issued-signature table), so round partitions cut such targets' messages too instead of being
 * drawn, counted as faults and silently ignored.
 */
function roundReader(crypto: CryptoProvider): Codec<unknown> {
  const issued = crypto.issued;
  return structureCodec(undefined, issued === undefined ? undefined : { issued: (signature) => issued.call(crypto, signature) });
}
