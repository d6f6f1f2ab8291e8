/** Timing helpers shared by the sections: wall-clock seconds, calibrated batch sizes, forced GC. */

/** Seconds since an origin taken with {@link now}. */
export function secondsSince(origin: bigint): number {
  return Number(process.hrtime.bigint() - origin) / 1e9;
}

/** A monotonic origin for {@link secondsSince}. */
export function now(): bigint {
  return process.hrtime.bigint();
}

/** Runs `fn` and returns its result with the wall-clock seconds it took. */
export function timed<T>(fn: () => T): { readonly value: T; readonly seconds: number } {
  const t0 = now();
  const value = fn();
  return { value, seconds: secondsSince(t0) };
}

/** Async {@link timed}. */
export async function timedAsync<T>(fn: () => Promise<T>): Promise<{ readonly value: T; readonly seconds: number }> {
  const t0 = now();
  const value = await fn();
  return { value, seconds: secondsSince(t0) };
}

/**
 * How many iterations make a batch last about `seconds`: runs `batch(k)` with growing k until one
 * takes ≥ 50 ms, keeps running batches of that size until `warmSeconds` have passed in all (JIT
 * warm-up: the first hundreds of runs are several times slower), then scales from the last batch.
 * At least `min`, at most `max`.
 */
export function calibrate(batch: (count: number) => void, seconds: number, warmSeconds = 0.5, min = 3, max = 1_000_000): number {
  const t0 = now();
  let count = 1;
  let took = timed(() => batch(count)).seconds;
  while (took < 0.05 && count < max) {
    count *= 4;
    took = timed(() => batch(count)).seconds;
  }
  while (secondsSince(t0) < warmSeconds) took = timed(() => batch(count)).seconds;
  return Math.max(min, Math.min(max, Math.round((count * seconds) / Math.max(took, 1e-6))));
}

/** Forces a full garbage collection when node runs with --expose-gc; false otherwise. */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return false;
  gc();
  return true;
}
