import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DEFAULT_SUBPROCESS_LANES } from '../adapter/subprocess/lanes.js';
import { WORKER_RESOURCE_LIMITS } from './gc-tuning.js';
import { chunkRunsFor, chunksOfShard, planChunks, type Chunk, type Shard } from './chunks.js';
import { mergeChunks, type CampaignOutcome } from './merge.js';
import { runChunk, type ChunkResult } from './run-chunk.js';
import type { CampaignSpec } from './spec.js';
import type { ChunkRequest, StopRequest, WorkerMessage } from './worker.js';

/** Progress of a whole campaign, summed over chunks. */
export interface CampaignProgress {
  readonly runs: number;
  readonly deliveries: number;
  /** True while some chunk is shrinking a failure. */
  readonly shrinking: boolean;
  /** 1 once a failing chunk is known. */
  readonly violations: number;
  /** The properties the failure being shrunk violates, once known. */
  readonly broken?: string;
}

/** How to run a campaign. */
export interface CampaignRunOptions {
  /** Worker threads (1 runs in this thread). Default: {@link defaultWorkers}. */
  readonly workers?: number;
  /** Run only this shard's chunks. */
  readonly shard?: Shard;
  /** Wall-clock budget for the whole campaign. */
  readonly timeLimitMs?: number;
  /** Called whenever progress changes. */
  readonly onProgress?: (progress: CampaignProgress) => void;
  /** Stops the campaign (Ctrl-C): no chunk starts after it, running chunks end early and keep what they ran. */
  readonly signal?: AbortSignal;
  /**
   * Runs in flight at once per thread on a subprocess target, each on its own child processes
   * (default {@link DEFAULT_SUBPROCESS_LANES}); in-process targets run one at a time. Same results for any value.
   */
  readonly lanes?: number;
}

/** A worker thread's module: compiled byzcheck starts its worker directly, sources go through tsx (worker-entry.mjs). */
const WORKER_MODULE = new URL(import.meta.url.endsWith('.ts') ? './worker-entry.mjs' : './worker.js', import.meta.url);

/** Runs per extra worker thread: a thread costs about a second to start (it loads the TypeScript sources). */
const RUNS_PER_WORKER = 2_000;

/** The default worker count: every core for long campaigns, fewer (down to this thread alone) for short ones. */
export function defaultWorkers(runs: number): number {
  return Math.max(1, Math.min(availableParallelism(), Math.floor(runs / RUNS_PER_WORKER)));
}

/** Sums per-chunk progress for display. */
class ProgressBoard {
  private readonly runs = new Map<number, number>();
  private readonly deliveries = new Map<number, number>();
  private shrinking = new Set<number>();
  private failed = false;
  private broken: string | undefined;

  constructor(private readonly report: ((p: CampaignProgress) => void) | undefined) {}

  update(index: number, runs: number, deliveries: number, shrinking: boolean, broken?: string): void {
    if (broken !== undefined) this.broken ??= broken;
    this.runs.set(index, runs);
    this.deliveries.set(index, deliveries);
    if (shrinking) {
      this.shrinking.add(index);
      this.failed = true;
    } else this.shrinking.delete(index);
    this.emit();
  }

  finish(result: ChunkResult): void {
    this.shrinking.delete(result.index);
    if (result.counterexample !== null) this.failed = true;
    this.update(result.index, result.runs, result.deliveries, false);
  }

  private emit(): void {
    let runs = 0;
    let deliveries = 0;
    for (const r of this.runs.values()) runs += r;
    for (const d of this.deliveries.values()) deliveries += d;
    this.report?.({ runs, deliveries, shrinking: this.shrinking.size > 0, violations: this.failed ? 1 : 0, ...(this.broken === undefined ? {} : { broken: this.broken }) });
  }
}

/**
 * Runs a campaign's chunks (all, or one shard's) on `workers` threads and merges them. Results are
 * identical for any worker count: chunks after the first failing one are cancelled and never count.
 */
export async function runCampaign(spec: CampaignSpec, options: CampaignRunOptions = {}): Promise<CampaignOutcome> {
  const all = planChunks(spec.seed, spec.runs, chunkRunsFor(spec.search));
  const chunks = options.shard === undefined ? all : chunksOfShard(all, options.shard);
  const board = new ProgressBoard(options.onProgress);
  const deadline = options.timeLimitMs === undefined ? undefined : performance.now() + options.timeLimitMs;
  const workers = Math.min(options.workers ?? defaultWorkers(chunks.reduce((sum, c) => sum + c.runs, 0)), Math.max(1, chunks.length));
  const limits: Limits = { deadline, signal: options.signal, lanes: options.lanes ?? DEFAULT_SUBPROCESS_LANES };
  const results = workers <= 1 ? await runHere(spec, chunks, board, limits) : await runOnWorkers(spec, chunks, workers, board, limits);
  const outcome = mergeChunks(results);
  // Chunks never started do not show as interrupted ones, so an aborted campaign says so itself.
  return options.signal?.aborted === true ? { ...outcome, interrupted: true } : outcome;
}

/** When a campaign must stop: its wall-clock deadline and its abort signal. */
interface Limits {
  readonly deadline: number | undefined;
  readonly signal: AbortSignal | undefined;
  /** Runs in flight per thread (subprocess targets). */
  readonly lanes: number;
}

function stopped(limits: Limits): boolean {
  return limits.signal?.aborted === true || (limits.deadline !== undefined && performance.now() >= limits.deadline);
}

function timeLeft(deadline: number | undefined): { timeLimitMs?: number } {
  return deadline === undefined ? {} : { timeLimitMs: Math.max(1, deadline - performance.now()) };
}

function remaining({ deadline, signal, lanes }: Limits): { timeLimitMs?: number; signal?: AbortSignal; lanes: number } {
  return { ...timeLeft(deadline), ...(signal === undefined ? {} : { signal }), lanes };
}

async function runHere(spec: CampaignSpec, chunks: readonly Chunk[], board: ProgressBoard, limits: Limits): Promise<ChunkResult[]> {
  const results: ChunkResult[] = [];
  for (const chunk of chunks) {
    if (stopped(limits)) break;
    const result = await runChunk(spec, chunk, {
      ...remaining(limits),
      onProgress: (p) => board.update(chunk.index, p.runs, p.deliveries, p.phase === 'shrink', p.broken),
    });
    board.finish(result);
    results.push(result);
    if (result.counterexample !== null) break;
  }
  return results;
}

/**
 * Runs chunks on `count` threads: this one and `count - 1` worker threads. This thread has the
 * sources loaded and compiled already, so it starts on the first chunk at once while the workers
 * spend most of a second loading theirs; the threads take chunks from one queue in index order.
 */
async function runOnWorkers(spec: CampaignSpec, chunks: readonly Chunk[], count: number, board: ProgressBoard, limits: Limits): Promise<ChunkResult[]> {
  const queue = [...chunks];
  const results: ChunkResult[] = [];
  let firstFailure = Number.POSITIVE_INFINITY;
  // A chunk that threw (a harness error, not a finding) ends the campaign: no thread starts another.
  let broken = false;
  /** The next chunk worth running, or undefined once none is (a lower chunk failed, one threw, or time is up). */
  const next = (): Chunk | undefined => {
    const chunk = queue.shift();
    return broken || chunk === undefined || chunk.index > firstFailure || stopped(limits) ? undefined : chunk;
  };
  const stopOnError = (error: unknown): never => {
    broken = true;
    throw error;
  };
  const record = (result: ChunkResult): void => {
    board.finish(result);
    results.push(result);
    if (result.counterexample !== null) firstFailure = Math.min(firstFailure, result.index);
  };
  const here = async (): Promise<void> => {
    for (let chunk = next(); chunk !== undefined; chunk = next()) {
      const index = chunk.index;
      record(await runChunk(spec, chunk, {
        ...remaining(limits),
        onProgress: (p) => board.update(index, p.runs, p.deliveries, p.phase === 'shrink', p.broken),
      }));
    }
  };
  const worker = async (): Promise<void> => {
    const thread = new Worker(WORKER_MODULE, { resourceLimits: WORKER_RESOURCE_LIMITS });
    const stop = (): void => thread.postMessage({ type: 'stop' } satisfies StopRequest);
    limits.signal?.addEventListener('abort', stop, { once: true });
    try {
      for (let chunk = next(); chunk !== undefined; chunk = next()) {
        const index = chunk.index;
        const result = await runOn(thread, { spec, chunk, lanes: limits.lanes, ...timeLeft(limits.deadline), postedAtMs: performance.timeOrigin + performance.now() }, board, () => index > firstFailure, limits.deadline);
        if (result === null) break;
        record(result);
      }
    } finally {
      limits.signal?.removeEventListener('abort', stop);
      await thread.terminate();
    }
  };
  await Promise.all([here().catch(stopOnError), ...Array.from({ length: count - 1 }, () => worker().catch(stopOnError))]);
  return results;
}

/**
 * Runs one chunk on a thread; resolves null if it became pointless (a lower chunk failed) meanwhile,
 * or if the thread had not even begun it by the `deadline` (a worker boots for seconds under load:
 * the campaign must not wait for it to find its time is up). A chunk begun is always waited for:
 * its runs, or a counterexample it is shrinking, must not be lost.
 */
function runOn(thread: Worker, request: ChunkRequest, board: ProgressBoard, pointless: () => boolean, deadline?: number): Promise<ChunkResult | null> {
  return new Promise((resolve, reject) => {
    let begun = false;
    const late = deadline === undefined ? undefined : setTimeout(() => {
      if (!begun) finish(() => resolve(null));
    }, Math.max(0, deadline - performance.now()));
    const onMessage = (message: WorkerMessage): void => {
      if (message.type === 'started') begun = true;
      else if (message.type === 'progress') {
        board.update(message.index, message.runs, message.deliveries, message.shrinking, message.broken);
        if (pointless()) finish(() => resolve(null));
      } else if (message.type === 'result') finish(() => resolve(message.result));
      else finish(() => reject(new Error(`chunk ${message.index} failed in a worker: ${message.message}`)));
    };
    const onError = (error: Error): void => finish(() => reject(error));
    // A thread that ends without a result (process.exit in a target, a fatal error) must not leave the campaign waiting forever.
    const onExit = (code: number): void => finish(() => reject(new Error(`the worker thread running chunk ${request.chunk.index} exited with code ${code} before posting a result`)));
    const finish = (then: () => void): void => {
      clearTimeout(late);
      thread.off('message', onMessage);
      thread.off('error', onError);
      thread.off('exit', onExit);
      then();
    };
    thread.on('message', onMessage);
    thread.on('error', onError);
    thread.on('exit', onExit);
    thread.postMessage(request);
  });
}
