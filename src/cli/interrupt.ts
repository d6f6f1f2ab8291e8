/**
 * Ctrl-C and SIGTERM for the commands that run campaigns. The first signal aborts the command's
 * AbortSignal, so the campaign stops, keeps what it ran and writes its reports; a second one exits
 * at once. Handlers live only while a command runs: the pure core never sees a process signal.
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

/** Does what `onFirst` says on the first signal, and exits at once (children killed) on the second. */
function handlers(controller: AbortController, state: { first: StopSignal | null }, onFirst: (signal: StopSignal) => void): Record<StopSignal, () => void> {
  const handle = (signal: StopSignal): void => {
    if (state.first === null) {
      state.first = signal;
      onFirst(signal);
      controller.abort();
      return;
    }
    process.stderr.write(`\nbyzcheck: ${signal} again: exiting at once, reports not written\n`);
    // The kill itself is synchronous; process.exit must not wait for the children to be reaped.
    void closeAllChildren();
    process.exit(signalExitCode(signal));
  };
  return { SIGINT: () => handle('SIGINT'), SIGTERM: () => handle('SIGTERM') };
}

/**
 * Runs `command` with SIGINT/SIGTERM handled: the first signal aborts `interrupt.signal` (and says
 * so on stderr with `what`), a second exits at once. The handlers are removed when the command
 * ends. Returns the command's exit code, or the signal's (130/143) when one was received.
 */
export async function withInterrupts(what: string, command: (interrupt: Interrupt) => Promise<number>): Promise<number> {
  const controller = new AbortController();
  const state: { first: StopSignal | null } = { first: null };
  const onFirst = (signal: StopSignal): void => {
    process.stderr.write(`\nbyzcheck: ${signal} received: ${what} (${signal === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM'} again quits at once)\n`);
  };
  const installed = handlers(controller, state, onFirst);
  for (const signal of STOP_SIGNALS) process.on(signal, installed[signal]);
  try {
    const code = await command({ signal: controller.signal, received: () => state.first });
    return state.first === null ? code : signalExitCode(state.first);
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, installed[signal]);
  }
}
