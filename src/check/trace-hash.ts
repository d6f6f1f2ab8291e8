import { createHash } from 'node:crypto';
import type { TraceEvent } from '../sim/trace.js';

/** SHA-256 of the trace as JSON lines: equal hashes mean byte-identical traces. */
export function traceHash(trace: readonly TraceEvent[]): string {
  const hash = createHash('sha256');
  for (const event of trace) hash.update(`${JSON.stringify(event)}\n`);
  return hash.digest('hex');
}
