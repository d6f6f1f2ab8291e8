import { ContractError } from '../adapter/in-process.js';

/** What one handler call (one step) of a replica may emit, and what a run may hold queued, before it counts as a flood. */
export interface StepLimits {
  /** Messages sent (a broadcast counts n − 1). */
  readonly messages: number;
  /** Timers set (re-arming one counts again). */
  readonly timers: number;
  /**
   * Events queued in the run at once (messages in flight and armed timers; the stale events a
   * re-armed or cancelled timer leaves until due do not count): a replica whose every step stays under the step limits can still multiply them —
   * a hundred zero-delay timers per timer took one run to 57 s and 1 GB.
   */
  readonly queued: number;
}

/**
 * Far above what a consensus replica emits in one step — a PBFT primary of n = 10 broadcasting a
 * full window of proposals sends hundreds; the reference targets' largest step is measured in
 * docs/reliability/in-process.md — and far below what exhausts memory (a queued message costs
 * about a hundred bytes, so a flood is stopped within a few MB and milliseconds). The queue bound is
 * ten full steps' worth.
 */
export const DEFAULT_STEP_LIMITS: StepLimits = Object.freeze({ messages: 10_000, timers: 10_000, queued: 100_000 });

/**
 * A handler's Promise that stayed pending past its limit: it awaits something outside the harness (a
 * real timer, real I/O, a promise nothing resolves). Marked a hang, so it is confirmed, not shrunk.
 */
export class HandlerHangError extends ContractError {
  readonly hang = true;
}

/** Thrown into a handler that went over a step limit, to abort its loop; the flood is already reported. */
export class StepLimitError extends ContractError {}
