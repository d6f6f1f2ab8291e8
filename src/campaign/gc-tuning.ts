import { setFlagsFromString } from 'node:v8';

let tuned = false;

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
  // allocation site has been tenured yet.
  setFlagsFromString('--no-allocation-site-pretenuring');
}
