import type { SettleGuard } from '../sim/settle-guard.js';
import { HandlerHangError } from '../sim/step-limits.js';

/** How long a handler's Promise may stay pending by default (Target.limits.handlerSettleMs), in wall-clock ms. */
export const DEFAULT_HANDLER_SETTLE_MS = 10_000;

/**
 * The wall-clock {@link SettleGuard} the edge gives each World (one per run): it fails the
 * in-process handler whose Promise stays pending a whole period (between one and
 * two periods of wall-clock time after it started). A promise nothing can settle would otherwise
 * hang the campaign for ever (a test runner's timeout) or, with nothing else keeping Node's loop
 * alive, end the CLI with exit 13 and no word. One timer serves every handler of a run: a timer per
 * handler call cost about 10 µs each; ref'd only while a handler is pending, so an idle watchdog
 * never keeps a process alive.
 */
export class SettleWatchdog implements SettleGuard {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private watched = 0;
  private pending: { readonly seq: number; readonly reject: (error: Error) => void } | null = null;
  /** The handler pending when the timer was armed: still pending at its firing means a whole period. */
  private pendingWhenArmed = -1;

  constructor(private readonly ms: number) {}

  /** `pending`, or a {@link HandlerHangError} once it stayed pending a whole period. */
  watch(pending: Promise<void>): Promise<void> {
    const seq = ++this.watched;
    return new Promise<void>((resolve, reject) => {
      this.pending = { seq, reject };
      if (this.timer === undefined) this.arm();
      else this.timer.ref();
      pending.then(
        () => {
          this.settled(seq);
          resolve();
        },
        (error: unknown) => {
          this.settled(seq);
          reject(error);
        },
      );
    });
  }

  private settled(seq: number): void {
    if (this.pending?.seq !== seq) return;
    this.pending = null;
    this.timer?.unref();
  }

  private arm(): void {
    this.pendingWhenArmed = this.pending?.seq ?? -1;
    this.timer = setTimeout(() => this.fire(), this.ms);
  }

  private fire(): void {
    this.timer = undefined;
    const hung = this.pending;
    if (hung === null) return;
    if (hung.seq !== this.pendingWhenArmed) return this.arm();
    this.pending = null;
    hung.reject(new HandlerHangError(`its Promise did not settle within ${this.ms / 1000} s of wall-clock time: it awaits something byzcheck does not own (a real timer, real I/O, or a promise nothing resolves); the harness owns time and the network (ctx.setTimer, ctx.send). Target.limits.handlerSettleMs sets the limit`));
  }
}
