import type { Scenario } from '../scenario/types.js';
import { DELIVER, type SimEvent } from './event-queue.js';
import type { RunFacts } from './facts.js';
import { payloadText } from './trace.js';

/** What the watch reads of the world besides the facts: the network's remaining faults, pending events, armed timers. */
export interface SettleView {
  /** Virtual time in ms. */
  now(): number;
  /** True once the network will draw no more faults: the tape is read to its end and every named loss is behind. */
  faultsSpent(): boolean;
  /** Calls `visit` with every queued delivery. */
  forEachDelivery(visit: (ev: SimEvent) => void): void;
  /** True when `test` holds for every armed timer (node, id) of every node. */
  everyArmedTimer(test: (node: number, id: string) => boolean): boolean;
}

/** How many times each pending event must have been handled since the run went calm: twice, so a replica's reaction to a repeat is seen too. */
export const SETTLE_REPEATS = 2;

/**
 * Ends a run early once nothing can happen in it but repeats — the status rounds and timer ticks
 * a replica keeps up until the time limit — so that the properties' verdicts are those the run
 * would have had at its limit. The run is settled when:
 * (a) every planned request was submitted, accepted by its client, and executed (naming its origin)
 *     by every honest replica, or covered by state it installed;
 * (b) the network draws no more faults: GST is past, the tape is spent (every delay canonical, no
 *     drop, duplicate or reordering) and no named loss is still ahead;
 * (c) the faulty replicas can change nothing more: every strategy's declared start has come, what
 *     they send is held to the repeats of (d) like any replica's, and none leads the view any honest
 *     replica moved into (a silent leader is what leader timeouts wait out: time alone could still
 *     make a finding); if one sent in the calm, one must be seen to keep sending (an event that made
 *     it send is due again or came SETTLE_REPEATS times), and then it sends until the end, so the
 *     run has settled no earlier than its end (`settledFromMs`, `syncFromMs`: see
 *     {@link SettleWatch.extrapolate});
 * (d) the run is calm: since (a)–(c) first held and the facts last grew, every queued delivery (the
 *     same sender, receiver and payload) and every armed timer (the same node and id) has been
 *     handled {@link SETTLE_REPEATS} times, with no fact recorded meanwhile — so each event still to
 *     come repeats one whose effects were only more such events. A timer that never fires because
 *     an event keeps putting it off (a view-change timer re-armed by each message of a faulty
 *     replica's storm) counts too, when it was put off SETTLE_REPEATS times by the same kind of
 *     event and such an event is queued before it is due: it will be put off again.
 * A replica whose behaviour depends on hidden counters or on the clock alone could still do
 * something new after that point: the cut is an observation, checked against full runs by
 * bench/settle-verdicts.ts.
 */
export class SettleWatch {
  private tracking = false;
  /** Queued deliveries by key, counted while tracking. */
  private readonly pending = new Map<string, number>();
  private pendingTotal = 0;
  /** Events handled since the run went calm, by key. */
  private readonly seen = new Map<string, number>();
  /** Queued deliveries whose key was handled fewer than SETTLE_REPEATS times since the run went calm. */
  private uncovered = 0;
  /** The size of the facts when the calm began (a change restarts it). */
  private mark = -1;
  private calmEvents = 0;
  /** The key of the event being handled. */
  private cause = '';
  /** Keys of the events that made a faulty replica send since the run went calm. */
  private readonly faultyCauses = new Set<string>();
  /** Armed timers by key: when due, and the event that put it off last and how often in a row (in the calm). */
  private readonly timers = new Map<string, { at: number; cause: string; putOff: number }>();

  /** The size of the facts when (a) was last found not to hold: it is asked again only once they grow. */
  private undoneAt = -1;

  constructor(
    private readonly scenario: Scenario,
    private readonly facts: RunFacts,
    private readonly view: SettleView,
  ) {}

  /** True while deliveries are counted: the network then makes a broadcast's text once for all its copies. */
  get counting(): boolean {
    return this.tracking;
  }

  /** A delivery was queued (the network calls this for every one), with its payload's text when the network made it. */
  queued(ev: SimEvent, text: string | null): void {
    if (!this.tracking) return;
    const key = (ev.key = deliveryKey(ev, text ?? payloadText(ev.payload)));
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
    this.pendingTotal++;
    if ((this.seen.get(key) ?? 0) < SETTLE_REPEATS) this.uncovered++;
  }

  /** A delivery or a live timer is about to be handled (before its handler can change the payload). */
  handling(ev: SimEvent): void {
    if (!this.tracking) return;
    this.calmEvents++;
    if (ev.kind !== DELIVER) {
      const key = (this.cause = timerKey(ev.to, ev.timerId));
      this.seen.set(key, (this.seen.get(key) ?? 0) + 1);
      this.timers.delete(key);
      return;
    }
    const key = (this.cause = ev.key);
    const left = (this.pending.get(key) ?? 1) - 1;
    if (left === 0) this.pending.delete(key);
    else this.pending.set(key, left);
    this.pendingTotal--;
    const times = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, times);
    if (times <= SETTLE_REPEATS) this.uncovered--;
    if (times === SETTLE_REPEATS) this.uncovered -= left;
  }

  /** A timer was armed to fire at `at`; `wasArmed`: it was pending, so this puts it off. */
  timerSet(node: number, id: string, at: number, wasArmed: boolean): void {
    if (!this.tracking) return;
    const key = timerKey(node, id);
    const known = this.timers.get(key);
    const putOff = wasArmed && known !== undefined && known.cause === this.cause ? known.putOff + 1 : wasArmed ? 1 : 0;
    this.timers.set(key, { at, cause: this.cause, putOff });
  }

  /** A faulty replica put something on the wire while the event being handled ran. */
  faultySend(): void {
    if (this.tracking) this.faultyCauses.add(this.cause);
  }

  /**
   * Moves the facts the rest of the run would still have moved, once it settled: when a faulty
   * replica sent in the calm, one keeps sending until the end (settled() holds only when an event
   * that made one send is due again or repeats), so the run settles (every message still to arrive
   * honest: `settledFromMs`, `syncFromMs`) no earlier than its end.
   */
  extrapolate(): void {
    if (this.faultyCauses.size === 0) return;
    const facts = this.facts;
    const end = this.view.now();
    facts.settledFromMs = Math.max(facts.settledFromMs ?? 0, end);
    facts.syncFromMs = Math.max(facts.syncFromMs ?? 0, end);
  }

  /**
   * Either no faulty replica sent in the calm, or one will keep sending: an event that made it send
   * is queued, armed, or came SETTLE_REPEATS times. Faulty sends none of whose causes is seen to
   * recur leave open whether the faulty replicas fall silent, which decides from when the run has
   * settled: the run goes on.
   */
  private faultyRecur(): boolean {
    if (this.faultyCauses.size === 0) return true;
    for (const key of this.faultyCauses) {
      if (this.pending.has(key) || (this.seen.get(key) ?? 0) >= SETTLE_REPEATS || this.armedTimer(key)) return true;
    }
    return false;
  }

  private armedTimer(key: string): boolean {
    return !this.view.everyArmedTimer((node, id) => timerKey(node, id) !== key);
  }

  /** Whether the run is settled now, before `next` (just taken off the queue) is handled (see the class comment). */
  settled(next: SimEvent): boolean {
    if (!this.tracking) {
      if (!this.eligible()) return false;
      this.track(next);
    }
    const size = factsSize(this.facts);
    if (size !== this.mark) {
      this.calm(size);
      return false;
    }
    return this.calmEvents > 0 && this.uncovered === 0 && this.view.everyArmedTimer((node, id) => this.timerCovered(node, id)) && !this.faultyLeads() && this.faultyRecur();
  }

  /** An armed timer fired SETTLE_REPEATS times in the calm, or will be put off again before it is due. */
  private timerCovered(node: number, id: string): boolean {
    const key = timerKey(node, id);
    if ((this.seen.get(key) ?? 0) >= SETTLE_REPEATS) return true;
    const timer = this.timers.get(key);
    return timer !== undefined && timer.putOff >= SETTLE_REPEATS && this.dueBefore(timer.cause, timer.at);
  }

  /** Whether an event of key `key` is queued to happen before `at`. */
  private dueBefore(key: string, at: number): boolean {
    const timer = this.timers.get(key);
    if (timer !== undefined) return timer.at < at && this.armedTimer(key);
    if (!this.pending.has(key)) return false;
    let due = false;
    this.view.forEachDelivery((ev) => {
      if (ev.key === key && ev.time < at) due = true;
    });
    return due;
  }

  /** (a), (b) and the first part of (c): once they hold they hold for good (facts and time only grow). */
  private eligible(): boolean {
    const { facts, scenario } = this;
    const now = this.view.now();
    const requests = scenario.requests.length;
    // faultsFromMs is +∞ when every replica is honest: no strategy is still to start then.
    const strategiesStarted = facts.faultsFromMs === Number.POSITIVE_INFINITY || now >= facts.faultsFromMs;
    if (now < scenario.gstMs || !strategiesStarted || facts.submitted.length < requests || facts.accepted.length < requests) return false;
    if (!this.view.faultsSpent()) return false;
    const size = factsSize(facts);
    if (size === this.undoneAt) return false;
    if (everyRequestDone(facts)) return true;
    this.undoneAt = size;
    return false;
  }

  /**
   * Starts counting queued deliveries, from what is queued now and `next`: their payloads' text is
   * made now, traced or not (a traced one's send-time text would differ from an object changed since).
   */
  private track(next: SimEvent): void {
    this.tracking = true;
    const count = (ev: SimEvent): void => {
      const key = (ev.key = deliveryKey(ev, payloadText(ev.payload)));
      this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
      this.pendingTotal++;
    };
    this.view.forEachDelivery(count);
    if (next.kind === DELIVER) count(next);
  }

  /** The calm (re)starts now: nothing handled so far counts. */
  private calm(size: number): void {
    this.mark = size;
    this.faultyCauses.clear();
    for (const timer of this.timers.values()) timer.putOff = 0;
    this.seen.clear();
    this.calmEvents = 0;
    this.uncovered = this.pendingTotal;
  }

  /** Some honest replica moved into a view (above the first any sent in) whose declared leader is faulty. */
  private faultyLeads(): boolean {
    const views = this.facts.views;
    if (views.length === 0) return false;
    let start = Number.POSITIVE_INFINITY;
    for (const v of views) if (v.view < start) start = v.view;
    const latest = new Map<number, { readonly view: number; readonly leader?: number }>();
    for (const v of views) latest.set(v.replica, v);
    for (const v of latest.values()) if (v.view > start && v.leader !== undefined && this.facts.honest[v.leader] === false) return true;
    return false;
  }
}

/**
 * Every submitted request was accepted by its client and done by every honest replica: executed,
 * or covered by state it installed (a slot at or above the one the request was executed at).
 */
function everyRequestDone(facts: RunFacts): boolean {
  const accepted = new Set(facts.accepted.map((a) => `${a.client}/${a.requestId}`));
  const executed = new Set<string>();
  const slots = new Map<string, number>();
  for (const e of facts.executions) {
    if (e.origin === undefined) continue;
    const key = `${e.origin.client}/${e.origin.requestId}`;
    executed.add(`${e.replica}:${key}`);
    if (!slots.has(key)) slots.set(key, e.seq);
  }
  const installed = new Array<number>(facts.n).fill(Number.NEGATIVE_INFINITY);
  for (const i of facts.installs) installed[i.replica] = Math.max(installed[i.replica] as number, i.seq);
  for (const s of facts.submitted) {
    const key = `${s.client}/${s.requestId}`;
    const slot = slots.get(key);
    if (!accepted.has(key) || slot === undefined) return false;
    for (let r = 0; r < facts.n; r++) {
      if (facts.honest[r] === true && !executed.has(`${r}:${key}`) && (installed[r] as number) < slot) return false;
    }
  }
  return true;
}

/**
 * How much the facts properties judge hold: any new fact or drop changes it (not the count of
 * rejected signatures: a faulty replica repeating a forgery is a repeat like any other).
 */
function factsSize(f: RunFacts): number {
  return f.commits.length + f.executions.length + f.replies.length + f.installs.length + f.memberships.length + f.submitted.length +
    f.accepted.length + f.replicaErrors.length + f.views.length + f.drops;
}

/**
 * Sender, receiver and payload text of a delivery, the text taken when it is queued (a sender may
 * change its object later), the same whether the run is traced or not.
 */
function deliveryKey(ev: SimEvent, text: string): string {
  return `${ev.from}>${ev.to}:${text}`;
}

function timerKey(node: number, id: string): string {
  return `${node}#${id}`;
}
