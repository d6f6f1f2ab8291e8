import type { Target } from '../../src/adapter/contract.js';
import { pbftTarget, type PbftMessage, type PbftOptions } from '../pbft/index.js';

/**
 * A generated run submits at most 20 requests, which fit in the reference's first log window
 * (L = 20): its checkpoints never need to become stable and its laggards always catch up from the
 * 200 committed certificates it keeps. Here the window is as small as the checkpoint interval
 * (L = K = 2), so the high watermark closes at every checkpoint and nothing is proposed past it
 * until 2f+1 replicas vouch for it — every checkpoint must become stable and every watermark
 * comparison is decisive (with L = 2K the window binds only when stability lags, and off-by-one
 * watermark mutants merely slow a run down). Keeping no certificates below the stable checkpoint
 * makes a replica that falls behind it install state. L ≥ K is all PBFT needs; Castro & Liskov
 * pick L = 2K so that replicas do not stall at checkpoints, which here is the point.
 */
export const SMALL_WINDOW_OPTIONS: Partial<PbftOptions> = Object.freeze({
  logWindow: 2,
  checkpointInterval: 2,
  catchUpHistory: 0,
});

/**
 * A test configuration, not a deployment: the same reference replica with a tiny window, so that
 * ordinary campaigns exercise stable checkpoints, watermarks and state transfer (as TigerBeetle's
 * VOPR runs its replicas with small configs to reach the corners quickly). An alias: `--target pbft
 * --target-option logWindow=2 --target-option checkpointInterval=2 --target-option catchUpHistory=0`
 * runs the same replica (without pbft's timeliness bound either way); its options still apply on top.
 */
const target: Target<PbftMessage, PbftOptions> = pbftTarget(
  'pbft-small-window',
  'test configuration of the reference PBFT (L = K = 2, no certificate history) so that runs cross the high watermark, make checkpoints stable and need state transfer',
  SMALL_WINDOW_OPTIONS,
);

/** The `pbft-small-window` target. */
export default target;
