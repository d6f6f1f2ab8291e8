/** Tunables of the Mod-SMaRt replica; every field has a default in {@link DEFAULT_MODSMART_OPTIONS}. */
export interface ModSmartOptions {
  /** A checkpoint is taken every this many consensus instances. */
  readonly checkpointInterval: number;
  /** Instances above the last executed one for which votes are kept (messages beyond are dropped). */
  readonly window: number;
  /** Most requests per batch. */
  readonly maxBatch: number;
  /** Base request timeout (BFT-SMaRt's request timer); doubled for each consecutive regency change. */
  readonly requestTimeoutMs: number;
  /** Cap of the back-off exponent: the timeout never exceeds base · 2^cap. */
  readonly backoffCap: number;
  /** Quiet time after the last progress before a replica compares progress with its peers. */
  readonly statusIntervalMs: number;
  /** Cap of the status back-off. */
  readonly statusIntervalMaxMs: number;
  /** Decision proofs kept below the stable checkpoint, so laggards re-execute rather than transfer state. */
  readonly catchUpHistory: number;
  /** Written proposals of the open instance a STOPDATA reports (the most recent regencies). */
  readonly maxWritten: number;
}

/**
 * Defaults chosen against the harness network (1..10 ms delays after GST, up to ~100 ms before),
 * like the reference PBFT's: an instance decides in a few tens of ms after GST, so 400 ms never
 * fires spuriously there, while a crashed leader costs well under a second per regency.
 */
export const DEFAULT_MODSMART_OPTIONS: ModSmartOptions = Object.freeze({
  checkpointInterval: 5,
  window: 20,
  maxBatch: 8,
  requestTimeoutMs: 400,
  backoffCap: 3,
  statusIntervalMs: 100,
  statusIntervalMaxMs: 3200,
  catchUpHistory: 200,
  maxWritten: 4,
});
