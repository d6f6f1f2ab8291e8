import { setFlagsFromString } from 'node:v8';

let tuned = false;

/**
 * Semi-space size, in MB, that byzcheck's own processes start with (`--max-semi-space-size`) and
 * its worker threads get (a young generation is three semi-spaces: two halves and as much again for
 * large objects). V8's default (16) makes long runs costlier per delivery: a run of 1,000 requests
 * keeps its signature table, facts and certificates alive across many young collections, so each
 * one copies and promotes more, and the collector's share grows with the run. 64 keeps the cost per
 * delivery of a 1,000-request run within about 1.1× of a 10-request run's (bench: cost per request)
 * at the price of up to 128 MB more young space per thread, used only when a run needs it.
 */
export const SEMI_SPACE_MB = 64;

/** The node flag that gives a process {@link SEMI_SPACE_MB}; it must be given at start-up. */
export const SEMI_SPACE_FLAG = `--max-semi-space-size=${SEMI_SPACE_MB}`;

/** Resource limits for byzcheck's worker threads: the same young generation as its main thread. */
export const WORKER_RESOURCE_LIMITS = Object.freeze({ maxYoungGenerationSizeMb: 3 * SEMI_SPACE_MB });

/**
 * Turns off V8's allocation-site pretenuring for the whole process (once; later calls do nothing).
 * byzcheck's own programs — the CLI, its worker threads' process, the benchmarks — call it before
 * their first run; a library host (a vitest suite) keeps its own settings.
 */
export function tuneGarbageCollection(): void {
  if (tuned) return;
  tuned = true;
  // A run allocates a few hundred KB that all dies when the run ends, but lives through the whole
  // run, so V8 sees objects from the same literals survive young collections and starts allocating
  // them straight into the old generation. Those dead old objects then keep every young object
  // they point to alive through each young collection until the next full one, so finished runs
  // were copied and promoted again and again: a quarter of a campaign's time went to the collector,
  // and turning this off cuts a campaign's CPU time by about a quarter. Pretenuring is a heuristic
  // of the collector only: no result, trace or hash depends on it. Set before any run, so no
  // allocation site has been tenured yet. (The semi-space size cannot be changed once the heap
  // exists, hence SEMI_SPACE_FLAG on byzcheck's command lines.)
  setFlagsFromString('--no-allocation-site-pretenuring');
}
