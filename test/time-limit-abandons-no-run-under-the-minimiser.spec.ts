import { describe, expect, it } from 'vitest';
import { ADVERSARY_MAP } from './fixtures/world-kit.js';
import { validity } from '../properties/validity.js';
import { check } from '../src/check/driver.js';
import { spaceFor } from '../src/check/space.js';
import type { Target } from '../src/adapter/contract.js';

// fast-check's time limit races an asynchronous run against the deadline and abandons it, but the
// run goes on: a subprocess replica's run kept stepping its child processes while the minimiser's
// first rerun and the report's replay used the same process pool, and their verdicts disagreed
// ("did not reproduce on replay") for a replica that reruns identically in a fresh process.
let current = 0;
let overlapped = false;
const slow: Target<never> = {
  name: 'slow-inventing',
  description: 'answers each request after a real-time pause (as a child process does), executing an operation nobody sent',
  createReplica: (ctx) => {
    if (ctx.config.id === 0) current++;
    const mine = current;
    return {
      onMessage: () => undefined,
      onRequest: async (r) => {
        await new Promise((resolve) => setTimeout(resolve, 15));
        if (mine !== current) overlapped = true;
        ctx.execute(1, `${r.operation}~`, 'ok', { client: r.client, requestId: r.requestId });
      },
    };
  },
};

describe('a campaign stopped by its time limit', () => {
  it('lets no abandoned run go on while it minimises and replays its failure', async () => {
    const result = await check({ target: slow, adversaries: ADVERSARY_MAP, properties: [validity], space: spaceFor(slow, [], false, [4]), runs: 50, seed: 3, timeLimitMs: 150, determinism: false });
    expect(result.counterexample?.verdict.violations[0]?.property).toBe('validity');
    expect(overlapped).toBe(false);
  }, 120_000);
});
