/**
 * A campaign is cut into fixed-size chunks, each an independent fast-check run from a seed derived
 * from (campaign seed, chunk index). Chunks are the unit of parallelism (workers) and distribution
 * (shards): because their size and seeds never depend on how many workers or machines run them,
 * results are identical whatever the split.
 */

/** Runs per chunk: small enough to balance two cores, large enough that per-chunk overhead is noise. */
export const CHUNK_RUNS = 100;

/**
 * Runs per chunk of a guided campaign: its corpus lives in the chunk (so that chunks stay
 * independent of each other, and of workers and shards), and learning needs room.
 */
export const GUIDED_CHUNK_RUNS = 500;

/** The chunk size of a campaign searching `search`-wise. */
export function chunkRunsFor(search: 'random' | 'guided' | undefined): number {
  return search === 'guided' ? GUIDED_CHUNK_RUNS : CHUNK_RUNS;
}

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

/** A shard: part `index + 1` of `count` machines (`index` is 0-based inside; users count shards from 1). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The chunks shard `shard` runs: every count-th chunk, so all shards get an even mix. */
export function chunksOfShard(chunks: readonly Chunk[], shard: Shard): Chunk[] {
  return chunks.filter((c) => c.index % shard.count === shard.index);
}

/**
 * Parses `i/N`, 1-based like vitest, jest and playwright (`--shard 1/4 … 4/4`), so one CI matrix
 * can shard every tool alike. A 0-based index (Kubernetes' JOB_COMPLETION_INDEX) needs a +1.
 */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const i = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (m !== null && i === 0 && n >= 1) {
    throw new Error(`'${text}' is not a shard: shards are 1-based, 1/${n} … ${n}/${n} (from a 0-based index such as Kubernetes' JOB_COMPLETION_INDEX, write $((JOB_COMPLETION_INDEX+1))/${n})`);
  }
  if (m === null || n < 1 || i > n) throw new Error(`'${text}' is not a shard: use i/N with 1 ≤ i ≤ N, e.g. 1/4 … 4/4`);
  return { index: i - 1, count: n };
}

/** A shard as users write it: `i/N`, 1-based. */
export function formatShard(shard: Shard): string {
  return `${shard.index + 1}/${shard.count}`;
}
