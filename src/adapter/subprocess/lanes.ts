/**
 * Lanes: copies of one target whose runs may overlap in one thread. A subprocess run spends most
 * of its wall time waiting for a child's answer (one pipe round trip per event), so a few runs in
 * flight keep the children and the harness busy at once. Each lane runs one run at a time on its
 * own processes; since every run is deterministic and every child is reset per run, what a run
 * finds does not depend on the lane or on how many lanes there are.
 */
import { availableParallelism } from 'node:os';
import type { Target } from '../contract.js';
import { allowStepsInFlight } from './lease.js';

/** A target whose replicas are child processes can fork a sibling with its own processes. */
interface Forkable {
  fork(): Target<unknown>;
}

function forkable(target: Target<unknown>): target is Target<unknown> & Forkable {
  return typeof (target as Partial<Forkable>).fork === 'function';
}

/**
 * Default lanes for a child-process target: one per core, at most 4 (each lane starts its own set of
 * children; on a busy machine more lanes only add start-ups). In-process targets never wait: one lane.
 */
export const DEFAULT_SUBPROCESS_LANES = Math.min(4, Math.max(1, availableParallelism()));

/** `target` and up to `lanes - 1` forks of it; just `[target]` when it runs in-process. */
export function laneTargets(target: Target<unknown>, lanes: number = DEFAULT_SUBPROCESS_LANES): Target<unknown>[] {
  if (!forkable(target) || lanes <= 1) return [target];
  allowStepsInFlight(lanes);
  return [target, ...Array.from({ length: lanes - 1 }, () => target.fork())];
}

/** Kills the processes of the forked lanes (the first lane is the caller's own target). */
export function closeLanes(targets: readonly Target<unknown>[]): void {
  for (const t of targets.slice(1)) (t as Partial<{ close(): void }>).close?.();
}

/**
 * Runs `jobs` over `lanes`, at most one job per lane at a time, and hands the results to `take` in
 * job order (never in completion order), so the caller sees the same sequence for any lane count.
 * Stops starting jobs once `stopped()` is true; jobs already started still complete.
 */
export async function runInLanes<J, R>(
  jobs: readonly J[],
  lanes: readonly Target<unknown>[],
  run: (job: J, target: Target<unknown>) => Promise<R>,
  take: (job: J, result: R) => void,
  stopped: () => boolean = () => false,
): Promise<void> {
  const results = new Map<number, R>();
  let next = 0;
  let delivered = 0;
  const flush = (): void => {
    while (results.has(delivered)) {
      const result = results.get(delivered) as R;
      results.delete(delivered);
      take(jobs[delivered] as J, result);
      delivered++;
    }
  };
  const lane = async (target: Target<unknown>): Promise<void> => {
    while (next < jobs.length && !stopped()) {
      const index = next++;
      results.set(index, await run(jobs[index] as J, target));
      flush();
    }
  };
  await Promise.all(lanes.map(lane));
}
