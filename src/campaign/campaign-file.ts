import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { describeIssues } from '../scenario/schema.js';
import type { Shard } from './chunks.js';
import type { CampaignOutcome } from './merge.js';
import type { ChunkResult } from './run-chunk.js';
import type { CampaignSpec } from './spec.js';

/** Format version of campaign.json. */
export const CAMPAIGN_FORMAT = 1;

/** What a run leaves for `byzcheck merge`: its spec, which shard it was, and its per-chunk results. */
export interface CampaignFile {
  readonly format: typeof CAMPAIGN_FORMAT;
  readonly spec: CampaignSpec;
  readonly shard: Shard | null;
  readonly elapsedSeconds: number;
  readonly results: readonly ChunkResult[];
  /** The signal that stopped the campaign early (its results are then the runs done before it). */
  readonly interruptedBy?: string;
}

const counts = z.record(z.string(), z.number());
const fileSchema = z.object({
  format: z.literal(CAMPAIGN_FORMAT),
  spec: z.object({
    target: z.string().min(1),
    adversaries: z.array(z.string()).nullable(),
    adversaryModules: z.array(z.object({ path: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) })).optional(),
    targetOptions: z.record(z.string(), z.unknown()).optional(),
    properties: z.array(z.string()).nullable(),
    beyondF: z.boolean(),
    seed: z.number().int(),
    runs: z.number().int().positive(),
    search: z.enum(['random', 'guided']).optional(),
    endWhenSettled: z.boolean().optional(),
  }),
  shard: z.object({ index: z.number().int().nonnegative(), count: z.number().int().positive() }).nullable(),
  elapsedSeconds: z.number().nonnegative(),
  interruptedBy: z.string().optional(),
  results: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      seed: z.number().int(),
      runs: z.number().int().nonnegative(),
      shrinks: z.number().int().nonnegative(),
      deliveries: z.number().int().nonnegative(),
      interrupted: z.boolean(),
      stats: z.object({ clusterSizes: counts, adversaries: counts, faults: counts, regimes: counts }),
      search: z.object({ fresh: z.number(), mutated: z.number(), features: z.number(), corpus: z.number() }).optional(),
      counterexample: z.looseObject({ scenario: z.unknown(), verdict: z.unknown(), trace: z.array(z.unknown()), traceHash: z.string() }).nullable(),
    }),
  ),
});

/** Writes campaign.json for a finished (possibly sharded, possibly interrupted) campaign. */
export function writeCampaignFile(path: string, spec: CampaignSpec, shard: Shard | null, outcome: CampaignOutcome, elapsedSeconds: number, interruptedBy: string | null = null): void {
  const file: CampaignFile = { format: CAMPAIGN_FORMAT, spec, shard, elapsedSeconds, ...(interruptedBy !== null ? { interruptedBy } : {}), results: outcome.results };
  writeFileSync(path, `${JSON.stringify(file)}\n`);
}

/** Reads and validates a campaign.json, naming the bad field. */
export function readCampaignFile(path: string): CampaignFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new Error(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${path} is not a byzcheck campaign file:\n${describeIssues(parsed.error.issues, 'campaign')}`);
  // The counterexample inside was written by byzcheck itself and is only re-emitted, so its shape is trusted past the checks above.
  return parsed.data as unknown as CampaignFile;
}
