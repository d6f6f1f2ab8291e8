import { z } from 'zod';
import type { Counterexample, NotReproduced } from '../check/driver.js';
import type { Verdict } from '../check/verdict.js';
import type { TraceEvent } from '../sim/trace.js';
import type { AdversaryModuleRef } from '../registry.js';
import type { Scenario } from '../scenario/types.js';
import { describeIssues } from '../scenario/schema.js';
import { notReproducedOf } from './not-reproduced.js';

/** Format version of counterexample.json. */
export const COUNTEREXAMPLE_FORMAT = 1;

/** How the campaign that found a counterexample was configured: enough to regenerate it with fast-check. */
export interface CampaignSettings {
  /** Target name as given on the command line. */
  readonly target: string;
  /** Adversary names the scenario space drew from. */
  readonly adversaries: readonly string[];
  /** Properties judged. */
  readonly properties: readonly string[];
  /** Whether more than f faulty replicas were allowed. */
  readonly beyondF: boolean;
  /** Signature provider, when not the default symbolic one (signatures appear in traces). */
  readonly crypto?: 'symbolic' | 'ed25519';
  /** Users' strategy modules the campaign loaded (path relative to its working directory, sha256): a replay loads them again. */
  readonly adversaryModules?: readonly AdversaryModuleRef[];
  /** The target's options as given (the scenario records them too, and a replay uses the scenario's). */
  readonly targetOptions?: Readonly<Record<string, unknown>>;
  /** Runs ended once settled (src/sim/settle-watch.ts); absent in files of campaigns that ran every run to its limit. */
  readonly endWhenSettled?: boolean;
}

/** The replayable report of one counterexample, as written to counterexample.json. */
export interface CounterexampleFile {
  readonly format: typeof COUNTEREXAMPLE_FORMAT;
  readonly tool: 'byzcheck';
  readonly campaign: CampaignSettings;
  /** fast-check seed and path of the shrunk case (path null when shrinking was cut short). */
  readonly seed: number;
  readonly path: string | null;
  readonly scenario: Scenario;
  readonly verdict: Verdict;
  readonly traceHash: string;
  readonly events: number;
  readonly failedAtRun: number;
  readonly shrinks: number;
  /** Present when the violation did not come back on its traced replay: what the replay gave, and why that may be. */
  readonly notReproduced?: NotReproduced;
  readonly trace: readonly TraceEvent[];
}

/** Builds the file contents of a counterexample. */
export function counterexampleFile(campaign: CampaignSettings, cx: Counterexample): CounterexampleFile {
  const notReproduced = notReproducedOf(cx);
  return {
    format: COUNTEREXAMPLE_FORMAT,
    tool: 'byzcheck',
    campaign,
    seed: cx.seed,
    path: cx.path,
    scenario: cx.scenario,
    verdict: cx.verdict,
    traceHash: cx.traceHash,
    events: cx.events,
    failedAtRun: cx.failedAtRun,
    shrinks: cx.shrinks,
    ...(notReproduced === null ? {} : { notReproduced }),
    trace: cx.trace,
  };
}

const count = z.number().int().nonnegative();

/**
 * Every field of a counterexample file but the scenario (validated separately, by its own schema).
 * Objects are not strict: a newer byzcheck may add fields an older one can ignore.
 */
const replayHeaderSchema = z.object({
  format: z.literal(COUNTEREXAMPLE_FORMAT),
  tool: z.literal('byzcheck'),
  campaign: z.object({
    target: z.string().min(1),
    adversaries: z.array(z.string()),
    properties: z.array(z.string()),
    beyondF: z.boolean(),
    crypto: z.enum(['symbolic', 'ed25519']).optional(),
    adversaryModules: z.array(z.object({ path: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) })).optional(),
    targetOptions: z.record(z.string(), z.unknown()).optional(),
    endWhenSettled: z.boolean().optional(),
  }),
  seed: z.number().int(),
  path: z.string().regex(/^\d+(:\d+)*$/, 'a fast-check path such as 0:1:2').nullable(),
  scenario: z.unknown(),
  verdict: z.object({
    ok: z.boolean(),
    violations: z.array(z.object({ property: z.string(), message: z.string() })),
    regime: z.enum(['within-f', 'beyond-f']),
  }),
  traceHash: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in hex'),
  events: count,
  failedAtRun: count,
  shrinks: count,
  trace: z.array(z.object({ step: count, kind: z.string() })),
});

/** What `byzcheck replay` reads from a counterexample file. */
export type ReplayHeader = z.infer<typeof replayHeaderSchema>;

/** A counterexample file that does not have the shape byzcheck writes: input error, naming the bad field. */
export class CounterexampleFileError extends Error {
  override readonly name = 'CounterexampleFileError';
}

/** Validates the header of an untrusted counterexample file; throws {@link CounterexampleFileError} naming each bad field. */
export function parseReplayHeader(json: unknown): ReplayHeader {
  const parsed = replayHeaderSchema.safeParse(json);
  if (!parsed.success) throw new CounterexampleFileError(`not a byzcheck counterexample file:\n${describeIssues(parsed.error.issues, 'file')}`);
  return parsed.data;
}
