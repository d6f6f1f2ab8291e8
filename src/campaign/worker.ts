/** Worker-thread entry: runs the chunks the pool sends and posts back progress and results. */
import { parentPort } from 'node:worker_threads';
import { closeAllChildren } from '../adapter/subprocess/registry.js';
import type { Chunk } from './chunks.js';
import { runChunk } from './run-chunk.js';
import type { CampaignSpec } from './spec.js';

/** A request from the pool: run this chunk, with this much wall-clock time left (if limited). */
export interface ChunkRequest {
  readonly spec: CampaignSpec;
  readonly chunk: Chunk;
  readonly timeLimitMs?: number;
  /** When the pool posted the request, in epoch ms (`performance.timeOrigin + performance.now()`, comparable across threads): a new thread's start-up spends the time limit too. */
  readonly postedAtMs?: number;
  /** Runs in flight at once on a subprocess target. */
  readonly lanes?: number;
}

/** Tells a worker to stop (the campaign was interrupted): its chunk ends early and reports what it ran. */
export interface StopRequest {
  readonly type: 'stop';
}

/** What a worker posts back. */
export type WorkerMessage =
  | { readonly type: 'started'; readonly index: number }
  | { readonly type: 'progress'; readonly index: number; readonly runs: number; readonly deliveries: number; readonly shrinking: boolean; readonly broken?: string }
  | { readonly type: 'result'; readonly result: import('./run-chunk.js').ChunkResult }
  | { readonly type: 'error'; readonly index: number; readonly message: string };

/** Wall-clock ms since `epochMs` (0 when not given, or when the clocks of the two threads disagree backwards). */
function sinceMs(epochMs: number | undefined): number {
  return epochMs === undefined ? 0 : Math.max(0, performance.timeOrigin + performance.now() - epochMs);
}

/** Aborted by a stop request; every chunk of this thread runs under it. */
const stop = new AbortController();

const port = parentPort;
if (port !== null) {
  port.on('message', (request: ChunkRequest | StopRequest) => {
    if ('type' in request) {
      stop.abort();
      // Worker threads get no signals, so the replica processes of this thread die here.
      void closeAllChildren();
      return;
    }
    const post = (message: WorkerMessage): void => port.postMessage(message);
    // Said at once: a chunk the pool hears nothing of by the deadline never began (the thread was still booting).
    post({ type: 'started', index: request.chunk.index });
    runChunk(request.spec, request.chunk, {
      signal: stop.signal,
      ...(request.lanes !== undefined ? { lanes: request.lanes } : {}),
      ...(request.timeLimitMs !== undefined ? { timeLimitMs: request.timeLimitMs - sinceMs(request.postedAtMs) } : {}),
      // Every tenth run is plenty for a display and keeps messaging off the hot path.
      onProgress: (p) => {
        // The first failing run is posted at once, so the display names what broke before the shrink.
        const firstFailure = p.phase === 'shrink' && p.shrinks === 0;
        if (firstFailure || (p.runs + p.shrinks) % 10 === 0) {
          post({ type: 'progress', index: request.chunk.index, runs: p.runs, deliveries: p.deliveries, shrinking: p.phase === 'shrink', ...(p.broken === undefined ? {} : { broken: p.broken }) });
        }
      },
    }).then(
      (result) => post({ type: 'result', result }),
      (error: unknown) => post({ type: 'error', index: request.chunk.index, message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
}
