/**
 * The events written ahead to one replica instance's child (protocol 2): the World's lookahead
 * (src/sim/lookahead.ts) names the events the replica certainly handles next; they are written to
 * the child at once (behind its `reset` when the run is new to it), and each handler then reuses
 * the very line its event was written as, so the child's step consumes what it already has.
 */
import type { Lookahead, UpcomingEvent } from '../../sim/replica-hooks.js';
import type { Lease } from './lease.js';
import type { HarnessLine } from './protocol.js';

/** How far ahead events are written to a protocol-2 child (see `SubprocessTargetOptions.pipelining`). */
export type Pipelining = 'instant' | 'event' | 'off';

/** The replica instance's `reset`, which must precede the first line written for it. */
export interface ResetGate {
  /** True until the instance's reset has been issued. */
  due(): boolean;
  /** Issues the reset as `line`, already written to the child. */
  begin(line: HarnessLine): void;
  /** The reset line for this instance. */
  line(): HarnessLine;
}

/** One replica instance's events written ahead, as the World's {@link Lookahead}. */
export class WriteAhead implements Lookahead {
  private readonly ahead: { readonly event: UpcomingEvent; readonly line: HarnessLine }[] = [];

  /** `lineOf` makes the line of an upcoming event; `reset` gates the instance's first line. */
  constructor(
    private readonly lease: Lease,
    private readonly pipelining: Pipelining,
    private readonly lineOf: (event: UpcomingEvent) => HarnessLine,
    private readonly reset: ResetGate,
  ) {}

  /** Lookahead: true when nothing written ahead is left to handle. */
  hungry(): boolean {
    return this.ahead.length === 0 && this.pipelining !== 'off' && this.lease.process.pipelines;
  }

  /** Lookahead: writes `upcoming` to the child, now when `idle`, else behind the event just handed over. */
  offer(upcoming: readonly UpcomingEvent[], idle: boolean): void {
    // Events already written ahead come first; new hints wait until those are handled.
    if (!this.hungry() || (idle && this.pipelining === 'event')) return;
    for (const event of upcoming) this.ahead.push({ event, line: this.lineOf(event) });
    const lines = this.ahead.map((a) => a.line);
    const child = this.lease.process;
    if (!idle) {
      // The event just handed over is not on the wire yet: these follow its line.
      child.writeAheadOf(lines);
      return;
    }
    // Nothing of this replica is on its way to the child: write now, behind its reset if it has none yet.
    if (!this.reset.due()) {
      child.writeNow(lines);
      return;
    }
    const reset = this.reset.line();
    child.writeNow([reset, ...lines]);
    this.reset.begin(reset);
  }

  /**
   * The line for the event being handled (at virtual time `now`): the one it was written ahead as,
   * or `make()` when none was. `handled` tells whether a written-ahead event is this one; any other
   * is a byzcheck bug (the lookahead promised what the World did not do).
   */
  lineFor(handled: (event: UpcomingEvent) => boolean, make: () => HarnessLine, now: number, what: string): HarnessLine {
    const next = this.ahead[0];
    if (next === undefined) return make();
    if (!handled(next.event) || next.event.time !== now) throw new Error(`byzcheck bug: a subprocess replica got ${what}, not the event the lookahead promised (${next.event.kind})`);
    this.ahead.shift();
    return next.line;
  }
}
