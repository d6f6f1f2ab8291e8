/**
 * Protocol 4: one child process hosts every replica instance of a run, each a "seat" named by the
 * `replica` number its event lines carry. One process instead of one per replica means one pipe
 * write and one wake-up for the events of many replicas, and far fewer processes for the machine
 * to schedule.
 *
 * The child handles its lines in the order they were written. Each seat's lines are written in the
 * order its replica handles them (the same write-ahead as a child of its own), but lines of
 * different seats may be handled in another order than the World's. That is exact because a
 * replica's answer depends only on its own earlier events and on what it asks the harness, and an
 * ask is answered only when its step has been handed over (as with a child of its own), so the
 * World's generator and counters see the same calls in the same order.
 *
 * One case needs care: the child asks for a line whose step was not handed over yet (it works
 * ahead) while the World waits for a later line of another seat. The asking seat then leaves: its
 * ask gets a placeholder answer, its lines' answers are dropped, and its lease replays its recorded
 * steps on a child of its own (lease.ts). The same happens to every other seat whose line the child
 * can no longer answer (it died on another seat's step, or a seat waits behind a hung one).
 */
import type { Effect } from '../contract.js';
import { ChildReportedError, PLACEHOLDER_SERVICES, SubprocessError, wireStats, type ChildReplicaProcess, type StepServices } from './child.js';
import { encodeHarnessLine, excerpt, HOSTING_PROTOCOL, parseChildLine, ProtocolError, SIGNED_FACTS_PROTOCOL, type ChildLine, type HarnessLine } from './protocol.js';
import { Seat, SeatMoved } from './seat.js';

export { Seat, SeatMoved } from './seat.js';

/** The step a line was handed over to. */
interface Waiter {
  readonly services: StepServices;
  readonly resolve: (effects: readonly Effect<unknown>[]) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/** One event line written to the child, until the child answered it. */
export interface Entry {
  readonly seat: Seat;
  readonly line: HarnessLine;
  waiter: Waiter | null;
  /** The child's answer when it came before the step was handed over. */
  outcome: { readonly effects: readonly Effect<unknown>[] } | { readonly error: Error } | null;
}

/** A child process hosting several replica instances. */
export class HostedChild {
  /** Written lines not answered yet, oldest first: the child's next answer is for the first. */
  private readonly entries: Entry[] = [];
  /** An ask of the first entry, held until its step is handed over. */
  private parked: ChildLine | null = null;
  private dead: Error | null = null;
  /** True once byzcheck ended the child over its first unanswered line (see {@link culprit}). */
  private ended = false;
  /** Encoded lines not written yet, each without its closing brace (see {@link write}). */
  private readonly outbox: string[] = [];
  private flushQueued = false;

  /** True once the child's handshake agreed to protocol 4: lines are written from then on. */
  private started = false;

  /**
   * Takes over `process`: a quiet child that agreed to protocol 4, or a fresh one whose handshake
   * is still on its way (lines wait for it; a child that does not speak 4 sends every seat away).
   * `moved` hears of every seat that leaves.
   */
  constructor(
    readonly process: ChildReplicaProcess,
    private readonly name: string,
    private readonly stepTimeoutMs: number,
    private readonly moved: () => void,
  ) {
    if (process.protocolVersion >= HOSTING_PROTOCOL) this.start();
    else process.ready.then(() => this.start(), () => this.start());
  }

  private start(): void {
    if (this.process.usable && this.process.protocolVersion >= HOSTING_PROTOCOL) {
      this.process.divert({ line: (text) => this.onLine(text), died: (error) => this.onDeath(error) });
      this.started = true;
      this.flush();
      return;
    }
    // Not a hosting child (or none at all): every seat goes to a child of its own, which reports any failure.
    this.outbox.length = 0;
    this.process.kill();
    this.onDeath(new SeatMoved());
    this.moved();
  }

  /** False once the child died. */
  get usable(): boolean {
    return this.dead === null;
  }

  /** True once the child agreed to protocol 4 (before that, lines wait for its handshake). */
  get hosting(): boolean {
    return this.started;
  }

  /** A seat for replica instance `key` (unique among the instances of one run). */
  seat(key: number): Seat {
    return new Seat(this, key);
  }

  /** True when event lines may carry `signed` facts (known once the handshake completed). */
  get takesSignedFacts(): boolean {
    return this.process.protocolVersion >= SIGNED_FACTS_PROTOCOL;
  }

  /** Makes every seat leave that still has lines here (its run ended): their answers are dropped. */
  retire(seats: readonly Seat[]): void {
    for (const seat of seats) if (!seat.left) this.leave(seat, false);
  }

  /**
   * Queues `lines` of `seat` for the child; throws a ProtocolError when one cannot be encoded (then
   * none is queued). Lines queued in one turn of the event loop (the World hints every replica's
   * next events at once) reach the child in one write, all but the last marked `more`, so the child
   * wakes once and flushes its answers once.
   */
  write(seat: Seat, lines: readonly HarnessLine[]): Entry[] {
    if (this.dead !== null) throw new SeatMoved();
    const texts = lines.map((line) => encodeHarnessLine(line));
    for (const text of texts) this.outbox.push(`${text.slice(0, -2)},"replica":${seat.key}`);
    const added = lines.map((line): Entry => ({ seat, line, waiter: null, outcome: null }));
    this.entries.push(...added);
    if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(this.flush);
    }
    return added;
  }

  /** Writes the queued lines in one write (see {@link write}). */
  private readonly flush = (): void => {
    this.flushQueued = false;
    if (this.outbox.length === 0 || this.dead !== null || !this.started) return;
    const last = this.outbox.length - 1;
    let text = '';
    for (const [i, line] of this.outbox.entries()) text += i < last ? `${line},"more":true}\n` : `${line}}\n`;
    this.outbox.length = 0;
    this.process.send(text);
  };

  /** The effects of `entry`'s step, once the child answered it; `what` names it in a hang. */
  await(entry: Entry, services: StepServices, what: string): Promise<readonly Effect<unknown>[]> {
    return new Promise((resolve, reject) => {
      const outcome = entry.outcome;
      if (outcome !== null) {
        if ('error' in outcome) reject(outcome.error);
        else resolve(outcome.effects);
        return;
      }
      wireStats.waits++;
      const timer = setTimeout(() => this.timedOut(entry, what), this.stepTimeoutMs);
      entry.waiter = { services, resolve, reject, timer };
      const first = this.entries[0];
      if (this.parked === null || first === undefined) return;
      if (first === entry) this.answerParked(services);
      // The child waits for an answer of a seat whose turn has not come: that seat leaves.
      else if (first.waiter === null) this.leave(first.seat, true);
    });
  }

  private onLine(text: string): void {
    let reply: ChildLine;
    try {
      reply = parseChildLine(text);
    } catch (error) {
      this.abort(error instanceof Error ? error : new ProtocolError(String(error)));
      return;
    }
    const first = this.entries[0];
    if (first === undefined || reply.type === 'hello') {
      this.abort(new ProtocolError(first === undefined ? `child wrote a line outside any step: ${excerpt(text)}` : "child wrote 'hello' in the middle of a step"));
      return;
    }
    if (reply.type === 'done') this.settle({ effects: reply.effects ?? [] });
    else if (reply.type === 'error') this.settle({ error: new ChildReportedError(reply.message) });
    else {
      wireStats.asks++;
      this.parked = reply;
      if (first.seat.left) this.answerParked(PLACEHOLDER_SERVICES);
      else if (first.waiter !== null) this.answerParked(first.waiter.services);
      else if (this.entries.some((e) => e.waiter !== null)) this.leave(first.seat, true);
    }
  }

  private answerParked(services: StepServices): void {
    const ask = this.parked;
    this.parked = null;
    if (ask === null || this.dead !== null) return;
    let answer: HarnessLine;
    try {
      if (ask.type === 'sign') answer = { type: 'signature', signature: services.sign(ask.data) };
      else if (ask.type === 'verify') answer = { type: 'verified', valid: services.verify(ask.signer, ask.data, ask.signature) };
      else answer = { type: 'random', value: services.random() };
    } catch (error) {
      // As for a child of its own: the step fails with it, and the child can no longer be trusted.
      this.abort(error instanceof Error ? error : new SubprocessError(String(error)));
      return;
    }
    this.flush();
    this.process.send(encodeHarnessLine(answer));
  }

  /** The first entry's answer came: hand it to its step, keep it for a later one, or drop it (its seat left). */
  private settle(outcome: NonNullable<Entry['outcome']>): void {
    const entry = this.entries.shift() as Entry;
    this.parked = null;
    if (entry.seat.left) return;
    const waiter = entry.waiter;
    if (waiter === null) {
      entry.outcome = outcome;
      return;
    }
    clearTimeout(waiter.timer);
    if ('error' in outcome) waiter.reject(outcome.error);
    else waiter.resolve(outcome.effects);
  }

  private timedOut(entry: Entry, what: string): void {
    // The child is stuck on this very line: a hang, confirmed by the lease as for a child of its own.
    if (this.entries[0] === entry) this.abort(new SubprocessError(`no answer to ${what} within the step timeout`, { hang: true }));
    else this.leave(entry.seat, true);
  }

  /**
   * `seat` leaves: its steps waiting here go on with a child of their own (SeatMoved), its lines'
   * answers are dropped, a held ask of it gets a placeholder; `tell` reports it to the pool.
   */
  private leave(seat: Seat, tell: boolean): void {
    seat.left = true;
    for (const entry of this.entries) {
      if (entry.seat !== seat || entry.waiter === null) continue;
      clearTimeout(entry.waiter.timer);
      entry.waiter.reject(new SeatMoved());
      entry.waiter = null;
    }
    if (this.parked !== null && this.entries[0]?.seat === seat) this.answerParked(PLACEHOLDER_SERVICES);
    if (!tell) return;
    wireStats.moves++;
    this.moved();
  }

  /** The child died: the seat it failed for, if known, gets the error (as its own child would have); every other seat leaves. */
  private onDeath(error: Error): void {
    this.dead = error;
    this.parked = null;
    const culprit = this.culprit();
    if (culprit !== undefined && !culprit.left) culprit.fatal = error;
    let moved = false;
    for (const entry of this.entries.splice(0)) {
      const seat = entry.seat;
      if (seat.fatal === null && !seat.left) {
        seat.left = true;
        moved = true;
        wireStats.moves++;
      }
      if (entry.waiter === null) continue;
      clearTimeout(entry.waiter.timer);
      entry.waiter.reject(seat.fatal ?? new SeatMoved());
      entry.waiter = null;
    }
    if (moved) this.moved();
  }

  /**
   * The seat the child failed for: the first unanswered line's, when byzcheck ended the child over
   * that line (a bad answer, a hang) or every unanswered line is that seat's. A child that exits by
   * itself may have held the answers to earlier lines of a group in its output buffer (protocol 2's
   * `more`), so the line it died on is unknown: then no seat is blamed here, every seat replays on
   * a child of its own, and the one that fails there is reported, as it would be without hosting.
   */
  private culprit(): Seat | undefined {
    const first = this.entries[0]?.seat;
    if (first === undefined || this.ended) return first;
    return this.entries.every((e) => e.seat === first) ? first : undefined;
  }

  /** Ends the child over its first unanswered line (see {@link culprit}). */
  private abort(error: Error): void {
    this.ended = true;
    this.process.abort(error);
  }

  /** The stderr excerpt and pid of the child, for a finding's detail. */
  detail(): string {
    return this.process.detail();
  }

  /** The finding a seat's failed step reports, worded as a child of its own would word it. */
  finding(error: Error): Error {
    if (error instanceof SeatMoved || (error instanceof SubprocessError && error.detail !== undefined)) return error;
    const message = error instanceof ChildReportedError ? `child reported an error: ${error.message}` : error.message;
    const hang = error instanceof SubprocessError && error.hang;
    return new SubprocessError(`subprocess replica '${this.name}': ${message}`, { detail: this.detail(), hang });
  }
}
