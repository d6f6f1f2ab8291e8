/**
 * What fails a replica handler's Promise that never settles. The simulator keeps no clock but the
 * virtual one, yet only wall-clock time can tell a promise nothing will resolve (one awaiting a real
 * timer, real I/O, or nothing at all) from a slow one; so the edge that runs the World injects the
 * guard (src/adapter/settle-watchdog.ts), as a subprocess target brings its own step timeout. A
 * guard changes no trace: a handler that settles is passed through untouched, and one that does not
 * would otherwise stall its run for ever.
 */
export interface SettleGuard {
  /** `pending`, or a rejection with a HandlerHangError (step-limits.ts) once it stayed pending too long. */
  watch(pending: Promise<void>): Promise<void>;
}
