/**
 * The scenarios of seed 002's latency sweep, built directly (not generated): one client request
 * ("tx: pay Alice->Bob 5", the seed's payload) at time 0, the seed's network (5–35 ms delays, no
 * loss), and m Byzantine replicas drawn like the seed's `random.sample(range(n), m)` from a PRNG
 * seeded with `seed + 1000·m + trial` — the seed's own per-trial seeding.
 */
import { faultsTolerated } from '../adapter/contract.js';
import type { Scenario } from '../scenario/types.js';
import { Prng } from '../sim/prng.js';
import { TAPE_MAX } from '../sim/tape.js';

/** What one sweep trial varies and what it keeps fixed. */
export interface SweepTrialSpec {
  /** Cluster size. */
  readonly n: number;
  /** Byzantine replicas in this trial (may exceed f: that is the experiment). */
  readonly malicious: number;
  /** Trial index within its point. */
  readonly trial: number;
  /** The sweep's seed (the seed's `seed=11` in its `main`). */
  readonly seed: number;
  /** Strategy of the Byzantine replicas. */
  readonly adversary: string;
  /** Virtual ms before a trial counts as failed: the seed's `timeout_s`. */
  readonly timeoutMs: number;
}

/** The seed's payload. */
export const SWEEP_OPERATION = 'tx: pay Alice->Bob 5';
/** The seed's `NetConfig(min_delay_ms=5, max_delay_ms=35)`. */
export const SWEEP_DELAY_MS = Object.freeze({ min: 5, max: 35 });
// Enough choices for every delay of a 10-replica run with several re-send rounds; the rest are FIFO.
const TAPE_LENGTH = 8_192;

/** `random.sample(range(n), k)`: k distinct replicas, by a partial Fisher–Yates shuffle. */
function sample(prng: Prng, n: number, k: number): number[] {
  const nodes = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < Math.min(k, n); i++) {
    const j = i + prng.below(n - i);
    [nodes[i], nodes[j]] = [nodes[j] as number, nodes[i] as number];
  }
  return nodes.slice(0, Math.min(k, n)).sort((a, b) => a - b);
}

/** The scenario of one sweep trial: deterministic in its spec. */
export function sweepScenario(spec: SweepTrialSpec): Scenario {
  const trialSeed = spec.seed + 1000 * spec.malicious + spec.trial;
  const prng = new Prng(trialSeed);
  const faulty = sample(prng, spec.n, spec.malicious);
  const tape = Array.from({ length: TAPE_LENGTH }, () => prng.below(TAPE_MAX + 1));
  return {
    version: 1,
    n: spec.n,
    clients: 1,
    requests: [{ client: 0, atMs: 0, operation: SWEEP_OPERATION }],
    byzantine: faulty.map((node) => ({ node, adversary: spec.adversary, params: {} })),
    beyondF: faulty.length > faultsTolerated(spec.n),
    network: { delayMsMin: SWEEP_DELAY_MS.min, delayMsMax: SWEEP_DELAY_MS.max, preGstDelayMsMax: SWEEP_DELAY_MS.max, dropPercent: 0 },
    gstMs: 0,
    limits: { timeMs: spec.timeoutMs, events: 1_000_000 },
    seed: trialSeed,
    tape,
  };
}
