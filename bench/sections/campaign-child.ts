/**
 * Child-process entry of section 5: runs one campaign in a fresh process (cold, as `byzcheck run`
 * would) and prints one JSON line: wall time, the progress timeline and the outcome's fingerprint.
 *
 *   node --import tsx bench/sections/campaign-child.ts '{"workers":2,"spec":{…}}'
 */
import { pathToFileURL } from 'node:url';
import { tuneGarbageCollection } from '../../src/campaign/gc-tuning.js';
import { runCampaign } from '../../src/campaign/pool.js';
import type { CampaignSpec } from '../../src/campaign/spec.js';
import { now, secondsSince } from './timing.js';

/** What the parent asks for. */
export interface ChildRequest {
  readonly workers: number;
  readonly spec: CampaignSpec;
}

/** What the child prints (after {@link CHILD_MARKER}). */
export interface ChildReport {
  /** Seconds from calling runCampaign to its result (process start-up excluded). */
  readonly seconds: number;
  /** [seconds, runs done] at each progress report that changed the run count. */
  readonly timeline: readonly (readonly [number, number])[];
  /** JSON of what must not depend on the worker count. */
  readonly fingerprint: string;
  readonly runs: number;
  readonly deliveries: number;
  readonly counterexample: boolean;
}

/** Prefix of the report line on stdout. */
export const CHILD_MARKER = 'BENCH-CAMPAIGN ';

async function main(request: ChildRequest): Promise<ChildReport> {
  const timeline: [number, number][] = [];
  const t0 = now();
  const o = await runCampaign(request.spec, {
    workers: request.workers,
    onProgress: (p) => {
      if (timeline[timeline.length - 1]?.[1] !== p.runs) timeline.push([secondsSince(t0), p.runs]);
    },
  });
  const seconds = secondsSince(t0);
  const fingerprint = JSON.stringify({ runs: o.runs, deliveries: o.deliveries, shrinks: o.shrinks, stats: o.stats, chunks: o.chunks, failedChunk: o.failedChunk, counterexample: o.counterexample?.traceHash ?? null });
  return { seconds, timeline, fingerprint, runs: o.runs, deliveries: o.deliveries, counterexample: o.counterexample !== null };
}

// Only when run as the entry point: the parent imports this file for its types and marker.
const arg = process.argv[2];
if (arg !== undefined && process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  tuneGarbageCollection(); // as `byzcheck run` does
  const report = await main(JSON.parse(arg) as ChildRequest);
  process.stdout.write(`${CHILD_MARKER}${JSON.stringify(report)}\n`);
}
