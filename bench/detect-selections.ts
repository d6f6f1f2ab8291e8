/**
 * Per-bug campaign selections for bench/detect.ts and test/zoo-detection.spec.ts: a bug that the
 * default space (every strategy, n ∈ {4, 7}) finds too rarely gets the strategies and cluster sizes
 * that can reach it — always within f (never --beyond-f for a within-f bug). Each says why.
 */
export interface Selection {
  /** Strategies to draw from (default: all). */
  readonly adversaries?: readonly string[];
  /** Properties to judge (default: all). */
  readonly properties?: readonly string[];
  /** Cluster sizes (default: 4, 7). */
  readonly clusterSizes?: readonly number[];
  /** One line: why this bug needs this selection. */
  readonly why?: string;
}

/** Selections by target name; targets not listed use the default space. */
export const DETECT_SELECTIONS: Readonly<Record<string, Selection>> = Object.freeze({
  'zoo/prepare-quorum-off-by-one': {
    adversaries: ['double-dealer'],
    why: 'double-dealer only: needs an equivocating primary whose smaller side prepares on 2f − 1 votes; among all 18 strategies it is drawn too rarely',
  },
  'zoo/commit-on-f-plus-1': {
    adversaries: ['split-decision'],
    why: 'split-decision only: its plan (victim cut off, early COMMIT, withheld votes) needs n = 4 and the right faulty replica; among 17 strategies (before slot-squatter) it came about once in 1,000 runs',
  },
  'zoo/second-pre-prepare-accepted': {
    adversaries: ['split-decision'],
    why: 'split-decision only: its rival-proposal plan needs n = 4, the faulty primary of view 0 and four parts of the plan together; among 17 strategies (before slot-squatter) it came about once in 2,300 runs',
  },
  'zoo/signatures-not-verified': {
    adversaries: ['double-dealer'],
    why: "double-dealer only: its forged votes (other replicas' names, no valid signature) are what this bug lets through",
  },
} satisfies Record<string, Selection>);
