/**
 * Ctrl-C and SIGTERM for the commands that run campaigns. The first signal aborts the command's
 * AbortSignal, so the campaign stops, keeps what it ran and writes its reports; a second one ends
 * the process at once. Handlers live only while a command runs: the pure core never sees a signal.
 *
 * Node runs a signal's listeners only when the event loop turns, which a long synchronous run of a
 * replica delays (and a turn may pass before a queued signal is dispatched). So after the first
 * signal the listeners are removed: the second signal then takes the default action and the kernel
 * ends the process at once, whatever it is doing (the shell reports 130 or 143). Replica processes
 * were killed at the first signal by the subprocess registry; any started since see end-of-input.
 */
import { constants } from 'node:os';
import { closeAllChildren } from '../adapter/subprocess/registry.js';

/** The signals a campaign stops on. */
export type StopSignal = 'SIGINT' | 'SIGTERM';

const STOP_SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM'];

/** The shell's exit code for a process ended by `signal`: 128 + its number (SIGINT 130, SIGTERM 143). */
export function signalExitCode(signal: StopSignal): number {
  return 128 + constants.signals[signal];
}

/** What a command sees of the signals received while it runs. */
export interface Interrupt {
  /** Aborts at the first SIGINT or SIGTERM. */
  readonly signal: AbortSignal;
  /** The first signal received, or null. */
  readonly received: () => StopSignal | null;
}

/** The listeners of one command, and how to take them off. */
class SignalWatch {
  first: StopSignal | null = null;
  readonly controller = new AbortController();
  private readonly listeners: Record<StopSignal, () => void> = { SIGINT: () => this.handle('SIGINT'), SIGTERM: () => this.handle('SIGTERM') };

  constructor(private readonly what: string) {
    for (const signal of STOP_SIGNALS) process.on(signal, this.listeners[signal]);
  }

  detach(): void {
    for (const signal of STOP_SIGNALS) process.off(signal, this.listeners[signal]);
  }

  private handle(signal: StopSignal): void {
    if (this.first === null) {
      this.first = signal;
      const again = signal === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM';
      process.stderr.write(`\nbyzcheck: ${signal} received: ${this.what} (${again} again quits at once, without reports)\n`);
      this.controller.abort();
      // Right after this dispatch, not during it: the subprocess registry's listener, later in the same
      // dispatch, re-raises the signal when it sees no other listener, which would end the process before any report.
      process.nextTick(() => this.detach());
      return;
    }
    // A second signal dispatched before the listeners came off.
    process.stderr.write(`\nbyzcheck: ${signal} again: exiting at once, reports not written\n`);
    void closeAllChildren(); // the kill itself is synchronous; exiting must not wait for the children to be reaped
    process.exit(signalExitCode(signal));
  }
}

/**
 * Runs `command` with SIGINT/SIGTERM handled: the first signal aborts `interrupt.signal` (and says
 * so on stderr with `what`), a second ends the process at once. The handlers are removed when the
 * command ends. Returns the command's exit code, or the signal's (130/143) when one was received.
 */
export async function withInterrupts(what: string, command: (interrupt: Interrupt) => Promise<number>): Promise<number> {
  const watch = new SignalWatch(what);
  try {
    const code = await command({ signal: watch.controller.signal, received: () => watch.first });
    return watch.first === null ? code : signalExitCode(watch.first);
  } finally {
    watch.detach();
  }
}
