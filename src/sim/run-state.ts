import type { RunFacts, StopReason } from './facts.js';
import type { RunClock } from './recorder.js';

/**
 * Where a run is and whether it is over: the virtual clock, the index of the event being handled,
 * and the stop and seal flags. One object the world's parts (network, replica calls, recorder)
 * share and read as plain fields, so none of them has to ask another on the hot path.
 */
export class RunState implements RunClock {
  /** Virtual time in ms. */
  time = 0;
  /** Index of the event being processed. */
  step = 0;
  /** True once the run has ended (see {@link stop}). */
  stopped = false;
  /** True once the run's verdict is final: even late reports of async work are ignored. */
  sealed = false;

  /**
   * State of a run whose `facts` it finalises on stop, with the target's timeliness bound (if any)
   * and the network's smallest delay.
   */
  constructor(
    private readonly facts: RunFacts,
    private readonly timelinessBound: ((delayMsMax: number) => number | undefined) | undefined,
    private readonly delayMsMin: number,
    private readonly delayMsMaxAfterGst: number = delayMsMin,
  ) {}

  /** Virtual time in ms (RunClock). */
  now(): number {
    return this.time;
  }

  /** Index of the event being processed (RunClock). */
  currentStep(): number {
    return this.step;
  }

  /** True once the run has ended (RunClock). */
  isStopped(): boolean {
    return this.stopped;
  }

  /**
   * Ends the run (the first reason given stands) and stamps the facts with how and when it ended.
   * The timeliness bound is taken now, for the largest delay the calm part of the run took: only
   * then is that delay known.
   */
  stop(reason: StopReason): undefined {
    if (!this.stopped) {
      this.stopped = true;
      this.facts.stopReason = reason;
      this.facts.endTimeMs = this.time;
      this.facts.timelinessBoundMs = this.timelinessBound?.(Math.max(this.facts.calmDelayMsMax, this.delayMsMin));
      this.facts.settledTimelinessBoundMs = this.timelinessBound?.(Math.max(this.delayMsMaxAfterGst, this.delayMsMin));
      this.facts.syncTimelinessBoundMs = this.timelinessBound?.(Math.max(this.facts.syncDelayMsMax ?? 0, this.delayMsMin));
    }
    return undefined;
  }
}
