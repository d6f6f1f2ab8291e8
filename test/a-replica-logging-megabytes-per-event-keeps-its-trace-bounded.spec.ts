import { describe, expect, it } from 'vitest';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { LOG_LINE_MAX_CHARS, LOG_RUN_MAX_CHARS } from '../src/sim/log-budget.js';
import { baseScenario, contextFor, logs, targetOf } from './fixtures/world-kit.js';

// A replica that dumped 50 MB of logs per request: fast runs keep no logs, but the traced ones (a
// determinism sample, the replay of a counterexample) kept them all, and byzcheck ran out of heap
// (exit 134, no report) — the replica's verbosity ended the campaign.

const requests = [0, 1, 2, 3].map((i) => ({ client: 0, atMs: i * 50, operation: `put k${i} v` }));
const chatty = targetOf((ctx) => ({
  onMessage: () => undefined,
  onRequest: () => {
    for (let i = 0; i < 200; i++) ctx.log(`${i}:${'x'.repeat(20_000)}`);
  },
}));

describe("a traced run's logs", () => {
  it('keep each line and the whole run within a budget, and say what was cut', async () => {
    const out = await runScenarioChecked(baseScenario({ requests, limits: { timeMs: 2_000, events: 10_000 } }), contextFor(chatty), true);
    const kept = logs(out.trace ?? []);
    const chars = kept.reduce((sum, l) => sum + l.message.length, 0);
    expect(chars).toBeLessThan(LOG_RUN_MAX_CHARS + 1_000);
    expect(kept.every((l) => l.message.length < LOG_LINE_MAX_CHARS + 100)).toBe(true);
    expect(kept[0]?.message).toMatch(/… \(\d+ more characters cut\)$/);
    expect(kept.at(-1)?.message).toMatch(/the trace keeps no more of its logs/);
  }, 60_000);

  it('are kept whole when they are of ordinary size', async () => {
    const quiet = targetOf((ctx) => ({ onMessage: () => undefined, onRequest: (r) => ctx.log(`got ${r.operation}`) }));
    const out = await runScenarioChecked(baseScenario({ requests }), contextFor(quiet), true);
    expect(logs(out.trace ?? []).slice(0, 1).map((l) => l.message)).toEqual(['got put k0 v']);
  });
});
