/** Everything that defines a campaign, as plain data: it crosses worker and machine boundaries. */
export interface CampaignSpec {
  /** Target name or module path, as `byzcheck run --target` takes it. */
  readonly target: string;
  /** Adversary names to draw from (null: all). */
  readonly adversaries: readonly string[] | null;
  /** Property names to check (null: all). */
  readonly properties: readonly string[] | null;
  /** Allow more than f faulty replicas. */
  readonly beyondF: boolean;
  /** Campaign seed; chunk seeds derive from it. */
  readonly seed: number;
  /** Generated scenarios in the whole campaign (all shards together). */
  readonly runs: number;
  /** Wall-clock limit per step of a subprocess replica (`exec:` targets), if not the default. */
  readonly stepTimeoutMs?: number;
  /** Cluster sizes to draw from (default 4, 7, 10). */
  readonly clusterSizes?: readonly number[];
  /** Signature provider (default symbolic). */
  readonly crypto?: CryptoName;
}

/** Names of the signature providers a campaign can use. */
export type CryptoName = 'symbolic' | 'ed25519';
