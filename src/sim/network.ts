import type { Codec, NodeId } from '../adapter/contract.js';
import { ContractError } from '../adapter/in-process.js';
import type { Scenario } from '../scenario/types.js';
import { DELIVER, type EventQueue } from './event-queue.js';
import type { RunFacts } from './facts.js';
import { KindLoss } from './kind-loss.js';
import { LinkFilter } from './link-filter.js';
import { LostMessages } from './lost-messages.js';
import type { RunState } from './run-state.js';
import { ChoiceTape, TAPE_MAX } from './tape.js';
import { payloadText, type TraceEvent } from './trace.js';
import type { SettleWatch } from './settle-watch.js';
import type { ViewWatch } from './view-watch.js';

/**
 * The simulated network: what becomes of each message sent. It applies the plan's faults (named
 * lost messages; before GST partitions, lost message kinds and tape-drawn drops and duplicates), draws each delay from
 * the tape, queues the delivery, and notes when the network first misbehaves — the end of the calm
 * part of the run, after which the view watch has nothing left to judge unless every replica is honest.
 */
export class Network {
  private readonly totalNodes: number;
  private readonly gstMs: number;
  private readonly delayMsMin: number;
  private readonly delayMsMax: number;
  private readonly dropThreshold: number;
  private readonly duplicateThreshold: number;
  private readonly preGstDelaySpan: number;
  private readonly delaySpan: number;
  private readonly links: LinkFilter;
  private readonly lost: LostMessages;
  private readonly kinds: KindLoss;
  /** Reads the views honest replicas send in, while the run can be judged for timeliness; else null. */
  private viewWatch: ViewWatch | null;
  /** The latest arrival scheduled so far. */
  private scheduledUntil = 0;
  /** Counts queued deliveries for a world that ends settled runs early; else null. */
  settleWatch: SettleWatch | null = null;
  /** While a traced broadcast sends its payload: the payload's JSON, made once for every recipient. */
  private sharedText: string | null = null;

  /** The network of scenario `s`, drawing from `tape` and queueing on `queue`; `codec` gives messages their round for round partitions. */
  constructor(
    s: Scenario,
    private readonly state: RunState,
    private readonly facts: RunFacts,
    private readonly trace: TraceEvent[] | null,
    private readonly tape: ChoiceTape,
    private readonly queue: EventQueue,
    codec: Codec<unknown> | undefined,
    viewWatch: ViewWatch | null,
  ) {
    this.totalNodes = s.n + s.clients;
    this.gstMs = s.gstMs;
    this.delayMsMin = s.network.delayMsMin;
    this.delayMsMax = s.network.delayMsMax;
    this.dropThreshold = Math.round((s.network.dropPercent / 100) * TAPE_MAX);
    this.duplicateThreshold = Math.round(((s.network.duplicatePercent ?? 0) / 100) * TAPE_MAX);
    this.preGstDelaySpan = Math.max(1, s.network.preGstDelayMsMax - s.network.delayMsMin + 1);
    this.delaySpan = Math.max(1, s.network.delayMsMax - s.network.delayMsMin + 1);
    this.links = new LinkFilter(s.network, s.n, codec);
    this.lost = new LostMessages(s.network.lost);
    this.kinds = new KindLoss(s.network.kindLosses ?? [], s.n, codec);
    this.viewWatch = viewWatch;
  }

  /**
   * Feeds a send of replica `id` to the view watch, dropping the watch once it can record nothing
   * more (sends are the hot path: a dropped watch costs one null check).
   */
  watchSend(id: NodeId, payload: unknown): void {
    if (this.viewWatch !== null && this.facts.honest[id] === true && this.viewWatch.sent(id, payload) === false) this.viewWatch = null;
  }

  /**
   * Puts one payload on the wire to every replica 0..n-1 but `from`, in id order, as that many
   * sends. When tracing (or counting deliveries for a settle watch), the payload's JSON is made once for all of them: nothing runs between the
   * sends that could change the payload, and stringifying it per recipient was most of a traced
   * broadcast's cost.
   */
  broadcast(from: NodeId, n: number, payload: unknown): void {
    if (this.trace === null && (this.settleWatch === null || !this.settleWatch.counting)) {
      for (let to = 0; to < n; to++) if (to !== from) this.send(from, to, payload);
      return;
    }
    this.sharedText = payloadText(payload);
    try {
      for (let to = 0; to < n; to++) if (to !== from) this.send(from, to, payload);
    } finally {
      this.sharedText = null;
    }
  }

  /** The traced text of `payload`: the one a broadcast made, else made now. */
  private textOf(payload: unknown): string {
    return this.sharedText ?? payloadText(payload);
  }

  /** Puts a message on the wire: the plan's lost messages never arrive; before GST partitions cut it and the tape decides drop and duplication; the tape picks each delay. */
  send(from: NodeId, to: NodeId, payload: unknown): void {
    if (!Number.isInteger(to) || to < 0 || to >= this.totalNodes) {
      throw new ContractError(`send: 'to' must be a node id in 0..${this.totalNodes - 1}, got ${String(to)}`);
    }
    const state = this.state;
    if (state.stopped) return;
    // Counted first, so that every message on a link has its number whatever else happens to it.
    const lost = this.lost.active && this.lost.lose(from, to);
    if (state.time >= this.gstMs) {
      if (!lost) this.enqueue(from, to, payload, this.delaySpan);
      else this.dropLost(from, to, payload);
      return;
    }
    const partitioned = !lost && this.links.active && this.links.cut(from, to, payload, state.time);
    // Every pre-GST send is ranked (not only those that reach this test), so a kind's rank does not
    // depend on which other faults the run has.
    const kindCut = this.kinds.active && this.kinds.lose(from, to, payload);
    if (lost || partitioned || kindCut || this.tapeSays(this.dropThreshold)) {
      this.facts.drops++;
      this.failed();
      this.trace?.push({ step: state.step, t: state.time, kind: 'drop', from, to, payload: this.textOf(payload), reason: lost ? 'lost' : partitioned ? 'partition' : kindCut ? 'kind' : 'tape' });
      this.unsynced();
      return;
    }
    this.enqueue(from, to, payload, this.preGstDelaySpan);
    if (this.tapeSays(this.duplicateThreshold)) {
      this.failed();
      this.enqueue(from, to, payload, this.preGstDelaySpan);
      this.unsynced();
    }
  }

  /** The network misbehaved with a message sent now: the run is calm no longer (see `RunFacts.calmUntilMs`). */
  private failed(): void {
    if (this.facts.calmUntilMs !== Number.POSITIVE_INFINITY) return;
    this.facts.calmUntilMs = this.state.time;
  }

  /**
   * The network dropped or duplicated a message just now: the synchronous stretch starts again once
   * everything sent so far has arrived (see `RunFacts.syncFromMs`), and its largest delay is counted anew.
   */
  private unsynced(): void {
    this.facts.syncFromMs = Math.max(this.facts.syncFromMs ?? 0, this.scheduledUntil, this.state.time);
    this.facts.syncDelayMsMax = 0;
  }

  /** A named message lost at or after GST: a safety counterexample may lose any message, but the liveness premise no longer holds. */
  private dropLost(from: NodeId, to: NodeId, payload: unknown): void {
    this.facts.drops++;
    this.facts.lostAfterGst++;
    this.failed();
    this.unsynced();
    this.trace?.push({ step: this.state.step, t: this.state.time, kind: 'drop', from, to, payload: this.textOf(payload), reason: 'lost' });
  }

  /** Reads a fault decision from the tape: yes for entries 1..threshold; no tape is read when the fault is off. */
  private tapeSays(threshold: number): boolean {
    if (threshold === 0) return false;
    const v = this.tape.next();
    return v !== 0 && v <= threshold;
  }

  /** Queues the delivery after a tape-drawn delay of `delayMsMin` plus 0..span-1, traced with its message number. */
  private enqueue(from: NodeId, to: NodeId, payload: unknown, span: number): void {
    const now = this.state.time;
    const at = now + this.delayMsMin + this.tape.choose(span);
    // Only a delay a synchronous network could not have taken breaks calm: one drawn before GST may be short.
    const delay = at - now;
    if (delay > this.delayMsMax) this.failed();
    else if (this.facts.calmUntilMs === Number.POSITIVE_INFINITY && delay > this.facts.calmDelayMsMax) this.facts.calmDelayMsMax = delay;
    // What is still due from before GST or from a faulty replica: the run has settled only once it has arrived.
    if ((now < this.gstMs || this.facts.honest[from] === false) && at > (this.facts.settledFromMs ?? 0)) this.facts.settledFromMs = at;
    if (this.facts.honest[from] === false && at > (this.facts.syncFromMs ?? 0)) this.facts.syncFromMs = at;
    if (delay > (this.facts.syncDelayMsMax ?? 0)) this.facts.syncDelayMsMax = delay;
    if (at > this.scheduledUntil) this.scheduledUntil = at;
    const ev = this.queue.allocate(at, DELIVER, to, from, payload);
    this.queue.push(ev);
    if (this.trace !== null) {
      ev.text = this.textOf(payload);
      this.trace.push({ step: this.state.step, t: now, kind: 'send', msg: ev.seq, from, to, payload: ev.text, at });
    }
    if (this.settleWatch !== null) this.settleWatch.queued(ev, this.trace !== null ? ev.text : this.sharedText);
  }

  /** True once the network can draw no more faults: the tape is spent (canonical delays from now on) and every named loss is behind. */
  faultsSpent(): boolean {
    return this.tape.exhausted && this.lost.spent();
  }
}
