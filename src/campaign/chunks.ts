/**
 * A campaign is cut into fixed-size chunks, each an independent fast-check run from a seed derived
 * from (campaign seed, chunk index). Chunks are the unit of parallelism (workers) and distribution
 * (shards): because their size and seeds never depend on how many workers or machines run them,
 * results are identical whatever the split.
 */

/** Runs per chunk: small enough to balance two cores, large enough that per-chunk overhead is noise. */
export const CHUNK_RUNS = 100;

/** One chunk of a campaign. */
export interface Chunk {
  /** Position in the campaign; the first counterexample is the one from the lowest index. */
  readonly index: number;
  /** fast-check seed of this chunk. */
  readonly seed: number;
  /** Generated scenarios in this chunk. */
  readonly runs: number;
}

/** A 32-bit integer mix (splitmix32 finaliser): nearby inputs give unrelated outputs. */
function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** The fast-check seed of chunk `index` of the campaign with seed `seed` (a non-negative 31-bit integer). */
export function chunkSeed(seed: number, index: number): number {
  return mix32(mix32(seed) ^ Math.imul(index + 1, 0x27d4eb2d)) & 0x7fffffff;
}

/** The chunks of a campaign of `runs` scenarios. */
export function planChunks(seed: number, runs: number, perChunk = CHUNK_RUNS): Chunk[] {
  const chunks: Chunk[] = [];
  for (let index = 0, left = runs; left > 0; index++, left -= perChunk) {
    chunks.push({ index, seed: chunkSeed(seed, index), runs: Math.min(perChunk, left) });
  }
  return chunks;
}

/** A shard: part `index` (0-based) of `count` machines. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The chunks shard `shard` runs: every count-th chunk, so all shards get an even mix. */
export function chunksOfShard(chunks: readonly Chunk[], shard: Shard): Chunk[] {
  return chunks.filter((c) => c.index % shard.count === shard.index);
}

/** Parses `i/N`, 0-based like Kubernetes' JOB_COMPLETION_INDEX: `--shard $JOB_COMPLETION_INDEX/4`. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const i = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (m === null || n < 1 || i >= n) throw new Error(`'${text}' is not a shard: use i/N with 0 ≤ i < N, e.g. 0/4 … 3/4`);
  return { index: i, count: n };
}
