import { afterAll, describe, expect, it } from 'vitest';
import { chunkSeed, chunksOfShard, parseShard, planChunks } from '../src/campaign/chunks.js';
import { mergeOutcomes, type CampaignOutcome } from '../src/campaign/merge.js';
import { runCampaign } from '../src/campaign/pool.js';
import type { CampaignSpec } from '../src/campaign/spec.js';

const passing: CampaignSpec = { target: 'test/fixtures/silent-target.ts', adversaries: null, properties: null, beyondF: false, seed: 11, runs: 450 };
const failing: CampaignSpec = { target: 'naive-broadcast', adversaries: ['equivocator'], properties: null, beyondF: false, seed: 5, runs: 800 };

/** What must not depend on how a campaign was split. */
function essence(o: CampaignOutcome) {
  return {
    chunks: o.chunks, runs: o.runs, shrinks: o.shrinks, deliveries: o.deliveries, stats: o.stats, failedChunk: o.failedChunk,
    counterexample: o.counterexample === null ? null : { scenario: o.counterexample.scenario, verdict: o.counterexample.verdict, traceHash: o.counterexample.traceHash, path: o.counterexample.path },
  };
}

describe('campaign chunks', () => {
  it('cut a campaign into fixed-size chunks with seeds that depend only on the campaign seed and index', () => {
    const chunks = planChunks(7, 250);
    expect(chunks.map((c) => c.runs)).toEqual([100, 100, 50]);
    expect(chunks.map((c) => c.seed)).toEqual([chunkSeed(7, 0), chunkSeed(7, 1), chunkSeed(7, 2)]);
    expect(new Set(chunks.map((c) => c.seed)).size).toBe(3);
    expect(planChunks(8, 250).map((c) => c.seed)).not.toEqual(chunks.map((c) => c.seed));
  });

  it('give every chunk to exactly one shard', () => {
    const chunks = planChunks(1, 1_000);
    const shards = [0, 1, 2].map((i) => chunksOfShard(chunks, { index: i, count: 3 }).map((c) => c.index));
    expect(shards.flat().sort((a, b) => a - b)).toEqual(chunks.map((c) => c.index));
    expect(parseShard('3/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard('1/3')).toEqual({ index: 0, count: 3 });
    expect(() => parseShard('0/3')).toThrow(/shards are 1-based/);
    expect(() => parseShard('4/3')).toThrow(/1 ≤ i ≤ N/);
  });
});

describe('a campaign split across workers or shards', () => {
  const byWorkers = new Map<string, CampaignOutcome>();
  afterAll(() => byWorkers.clear());

  it('gives identical results, statistics and counterexample on 1 and 2 worker threads', async () => {
    for (const spec of [passing, failing]) {
      const one = await runCampaign(spec, { workers: 1 });
      const two = await runCampaign(spec, { workers: 2 });
      expect(essence(two)).toEqual(essence(one));
      byWorkers.set(spec.target, one);
    }
    expect(byWorkers.get(passing.target)?.runs).toBe(450);
    expect(byWorkers.get(failing.target)?.counterexample?.verdict.ok).toBe(false);
  });

  it('merges shards into exactly the unsharded campaign', async () => {
    for (const spec of [passing, failing]) {
      const whole = byWorkers.get(spec.target) ?? (await runCampaign(spec, { workers: 1 }));
      const shards = await Promise.all([0, 1, 2].map((index) => runCampaign(spec, { workers: 1, shard: { index, count: 3 } })));
      expect(essence(mergeOutcomes(shards))).toEqual(essence(whole));
    }
  });

  it('refuses to merge the same shard twice', async () => {
    const shard = await runCampaign(passing, { workers: 1, shard: { index: 0, count: 3 } });
    expect(() => mergeOutcomes([shard, shard])).toThrow(/appears in two shard results/);
  });
});
