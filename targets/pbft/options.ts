import { z } from 'zod';

/** Tunables of the reference replica; every field has a default in {@link DEFAULT_PBFT_OPTIONS}. */
export interface PbftOptions {
  /** K: a checkpoint is taken every K sequence numbers. */
  readonly checkpointInterval: number;
  /** L: the high watermark is h + L. */
  readonly logWindow: number;
  /** Whether the primary may put several requests in one PRE-PREPARE. */
  readonly batching: boolean;
  /** Most requests per PRE-PREPARE when batching. */
  readonly maxBatch: number;
  /** When batching, the primary holds new requests while this many proposals are not yet executed. */
  readonly pipelineDepth: number;
  /** Base view-change timeout; doubled for each consecutive view change. */
  readonly viewChangeTimeoutMs: number;
  /** Quiet time after the last progress before a replica compares progress with its peers. */
  readonly statusIntervalMs: number;
  /** Cap of the status back-off. */
  readonly statusIntervalMaxMs: number;
  /** How long a replica that learns of a stable checkpoint it has not reached waits before asking peers to catch it up. */
  readonly stateTransferGraceMs: number;
  /** Committed certificates kept below the stable checkpoint, so laggards re-execute rather than transfer state. */
  readonly catchUpHistory: number;
  /** Cap of the view-change back-off exponent: the timeout never exceeds base · 2^cap. */
  readonly viewChangeBackoffCap: number;
}

/**
 * Defaults chosen against the harness network (1..10 ms delays after GST, up to ~100 ms before):
 * a request completes in a few tens of ms after GST, so 400 ms never fires spuriously there, while
 * a crashed primary costs well under a second per view change.
 */
export const DEFAULT_PBFT_OPTIONS: PbftOptions = Object.freeze({
  checkpointInterval: 5,
  logWindow: 20,
  batching: true,
  maxBatch: 8,
  pipelineDepth: 2,
  viewChangeTimeoutMs: 400,
  statusIntervalMs: 100,
  statusIntervalMaxMs: 3200,
  stateTransferGraceMs: 50,
  catchUpHistory: 200,
  viewChangeBackoffCap: 3,
});

const count = (min: number) => z.number().int().min(min);

/**
 * The schema of the reference replica's options (`--target-option logWindow=2`), each defaulting
 * to `defaults` (the reference's own unless a configuration such as pbft-small-window says otherwise).
 */
export function pbftOptionsSchema(defaults: PbftOptions = DEFAULT_PBFT_OPTIONS) {
  return z
    .object({
      checkpointInterval: count(1).default(defaults.checkpointInterval).describe('K: a checkpoint every K sequence numbers'),
      logWindow: count(1).default(defaults.logWindow).describe('L: the high watermark is h + L (L ≥ K)'),
      batching: z.boolean().default(defaults.batching),
      maxBatch: count(1).default(defaults.maxBatch),
      pipelineDepth: count(1).default(defaults.pipelineDepth),
      viewChangeTimeoutMs: count(1).default(defaults.viewChangeTimeoutMs),
      statusIntervalMs: count(1).default(defaults.statusIntervalMs),
      statusIntervalMaxMs: count(1).default(defaults.statusIntervalMaxMs),
      stateTransferGraceMs: count(0).default(defaults.stateTransferGraceMs),
      catchUpHistory: count(0).default(defaults.catchUpHistory),
      viewChangeBackoffCap: count(0).max(16).default(defaults.viewChangeBackoffCap),
    })
    .strict()
    .refine((o) => o.logWindow >= o.checkpointInterval, { path: ['logWindow'], message: 'must be ≥ checkpointInterval (PBFT needs L ≥ K)' });
}
