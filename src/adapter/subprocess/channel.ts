/**
 * What a replica instance's lease drives: a child process of its own (child.ts) or a seat in a
 * child that hosts every replica of the run (hosted-child.ts). Both take the same event lines,
 * answer the same in-band requests through the step's services, and give the same effects.
 */
import type { Effect } from '../contract.js';
import type { StepServices } from './child.js';
import type { HarnessLine } from './protocol.js';

/** A replica instance's way to its child. */
export interface ReplicaChannel {
  /** False once the channel can no longer serve steps (its child died or it moved). */
  readonly usable: boolean;
  /** True when events may be written ahead of their steps (protocol 2 or newer). */
  readonly pipelines: boolean;
  /** True when event lines may carry `signed` facts (protocol 3 or newer). */
  readonly takesSignedFacts: boolean;
  /** Runs one step: writes `line` (unless written ahead), serves in-band requests, returns its effects. */
  step(line: HarnessLine, services: StepServices, what: string): Promise<readonly Effect<unknown>[]>;
  /**
   * The effects of `line` when `allowed` and its answer is here already (no in-band question
   * pending): handed over at once; undefined when the step must go through {@link step}. Called
   * for every event once the instance's reset succeeded.
   */
  takeReady?(line: HarnessLine, allowed: boolean): readonly Effect<unknown>[] | undefined;
  /** Queues event lines to write right after the current step's own line. */
  writeAheadOf(lines: readonly HarnessLine[]): void;
  /** Writes event lines now, while no step of this instance is on its way. */
  writeNow(lines: readonly HarnessLine[]): void;
  /** True when lines written ahead before `line` were never consumed (an earlier run ended first). */
  hasLeftoversBefore(line: HarnessLine): boolean;
  /** Finishes such leftovers; false if the child failed meanwhile. */
  drain(line: HarnessLine): Promise<boolean>;
  /** Forgets stderr kept so far (a new run starts). */
  clearStderr(): void;
}
