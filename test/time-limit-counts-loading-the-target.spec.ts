import { describe, expect, it } from 'vitest';
import { runChunk } from '../src/campaign/run-chunk.js';
import type { CampaignSpec } from '../src/campaign/spec.js';

// `run --workers 2 --time-limit 3s` against a slow subprocess replica ran 17.8 s: each thread
// started its limit only once its target was loaded (and a worker thread once it had booted), so
// a slow load — a module, a child's handshake, under load — came on top of the limit.

const spec: CampaignSpec = {
  target: 'test/fixtures/slow-to-load-target.ts',
  adversaries: null,
  properties: ['replica-contract'],
  beyondF: false,
  seed: 1,
  runs: 200,
  clusterSizes: [4],
  search: 'random',
};

describe("a chunk's time limit", () => {
  it('is spent by loading the target too: a limit shorter than the load leaves no run', async () => {
    const result = await runChunk(spec, { index: 0, seed: 1, runs: 200 }, { timeLimitMs: 1_000 });
    expect(result.runs).toBe(0);
    expect(result.interrupted).toBe(true);
  }, 60_000);
});
