/**
 * One replica instance's place in a child that hosts every replica of a run (protocol 4; see
 * hosted-child.ts): the channel its lease drives, writing its lines through the host and taking
 * the host's answers to them in order.
 */
import type { Effect } from '../contract.js';
import type { ReplicaChannel } from './channel.js';
import { SubprocessError, wireStats, type StepServices } from './child.js';
import type { Entry, HostedChild } from './hosted-child.js';
import { ProtocolError, type HarnessLine } from './protocol.js';

/** A seat left its hosting child (see hosted-child.ts): its lease goes on with a child of its own. */
export class SeatMoved extends Error {
  override readonly name = 'SeatMoved';
}

/** One replica instance's place in a {@link HostedChild}, as its lease's channel. */
export class Seat implements ReplicaChannel {
  /** Set once the seat left its child (see {@link HostedChild}). */
  left = false;
  /** The error that ended the child while it worked for this seat: every later step reports it. */
  fatal: Error | null = null;
  /** This seat's written lines whose steps were not handed over yet, oldest first. */
  private pending: Entry[] = [];
  private readonly writeAhead: HarnessLine[] = [];
  private busy = false;
  /** True right after {@link takeReady} handed a step over: its line is written already. */
  private handedOver = false;

  constructor(private readonly host: HostedChild, readonly key: number) {}

  /** ReplicaChannel: as the hosting child. */
  get takesSignedFacts(): boolean {
    return this.host.takesSignedFacts;
  }

  /** ReplicaChannel: usable until it left or its child died. */
  get usable(): boolean {
    return !this.left && this.fatal === null && this.host.usable;
  }

  /** ReplicaChannel: events are written ahead while the seat is usable, once the child agreed to protocol 4. */
  get pipelines(): boolean {
    return this.usable && this.host.hosting;
  }

  /** ReplicaChannel: as {@link ChildReplicaProcess.step}. */
  async step(line: HarnessLine, services: StepServices, what: string): Promise<readonly Effect<unknown>[]> {
    if (this.fatal !== null) throw this.host.finding(this.fatal);
    if (!this.usable) throw new SeatMoved();
    // As a child of its own would: one step of an instance at a time.
    if (this.busy) throw this.host.finding(new SubprocessError(`${what}: the child is still busy with another step (runs against one subprocess target must not overlap)`));
    this.busy = true;
    this.handedOver = false;
    wireStats.steps++;
    try {
      const ahead = line.type === 'reset' ? [] : this.writeAhead.splice(0);
      let entry = this.pending[0];
      if (entry !== undefined && entry.line === line) {
        wireStats.ahead++;
        this.pending.shift();
        if (ahead.length > 0) this.pending.push(...this.host.write(this, ahead));
      } else {
        if (entry !== undefined) throw new Error(`byzcheck bug: ${what} is not the event written ahead to the hosting child`);
        const written = this.host.write(this, [line, ...ahead]);
        entry = written[0] as Entry;
        this.pending.push(...written.slice(1));
      }
      return await this.host.await(entry, services, what);
    } catch (error) {
      // A line that cannot be sent ends the seat as it ends a child of its own: every later step reports it.
      if (error instanceof ProtocolError) this.fatal = error;
      throw this.host.finding(error instanceof Error ? error : new SubprocessError(String(error)));
    } finally {
      this.busy = false;
    }
  }

  /**
   * ReplicaChannel: the effects of `line` when `allowed` and the child answered it already (written
   * ahead, no in-band question, no error), handed over at once; undefined when the step must go the
   * long way. Called for every event of the instance once its reset succeeded.
   */
  takeReady(line: HarnessLine, allowed: boolean): readonly Effect<unknown>[] | undefined {
    // Asked at every event of the instance: a hand-over of an earlier event lets no hint jump this one's line.
    this.handedOver = false;
    const entry = this.pending[0];
    if (!allowed || entry === undefined || entry.line !== line || this.busy || !this.usable) return undefined;
    const outcome = entry.outcome;
    if (outcome === null || 'error' in outcome) return undefined;
    this.pending.shift();
    wireStats.steps++;
    wireStats.ahead++;
    wireStats.handedAtOnce++;
    // This step's own line is on the wire: lines hinted behind it may follow at once.
    this.handedOver = true;
    return outcome.effects;
  }

  /** ReplicaChannel: lines to write right after the current step's own line. */
  writeAheadOf(lines: readonly HarnessLine[]): void {
    if (!this.pipelines) return;
    if (!this.handedOver) {
      this.writeAhead.push(...lines);
      return;
    }
    this.handedOver = false;
    try {
      this.pending.push(...this.host.write(this, lines));
    } catch {
      // Nothing was written: each step writes its own line and reports what cannot be sent.
    }
  }

  /** ReplicaChannel: writes lines now; a payload JSON cannot carry is left for its own step to report. */
  writeNow(lines: readonly HarnessLine[]): void {
    if (!this.pipelines) return;
    if (lines.some((line) => line.type === 'reset')) this.writeAhead.length = 0;
    try {
      this.pending.push(...this.host.write(this, lines));
    } catch {
      // Nothing was written: each step writes its own line and reports what cannot be sent.
    }
  }

  /** ReplicaChannel: a seat serves one run, so nothing of an earlier run is left over. */
  hasLeftoversBefore(): boolean {
    return false;
  }

  /** ReplicaChannel: nothing to finish (see {@link hasLeftoversBefore}). */
  drain(): Promise<boolean> {
    return Promise.resolve(true);
  }

  /** ReplicaChannel: the child's stderr is shared by its seats; the pool clears it per run. */
  clearStderr(): void {}
}
