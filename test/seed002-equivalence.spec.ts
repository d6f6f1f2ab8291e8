import { afterAll, describe, expect, it } from 'vitest';
import type { Target } from '../src/adapter/contract.js';
import { closeAllChildren } from '../src/adapter/subprocess/index.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { traceHash } from '../src/check/trace-hash.js';
import type { ByzantinePlan, Scenario } from '../src/scenario/types.js';
import seed002 from '../targets/seed002/index.js';
import seed002Python from '../targets/seed002-python/index.js';
import { baseScenario, contextFor } from './fixtures/world-kit.js';

afterAll(closeAllChildren);

/** A 7-replica scenario with a lossy, reordering network before GST and three clients. */
function scenario(byzantine: ByzantinePlan[]): Scenario {
  return baseScenario({
    n: 7,
    clients: 3,
    requests: [0, 1, 2, 0, 1].map((client, i) => ({ client, atMs: i * 20, operation: `put k${i} ${i}` })),
    byzantine,
    network: { delayMsMin: 2, delayMsMax: 9, preGstDelayMsMax: 40, dropPercent: 25, duplicatePercent: 10 },
    gstMs: 400,
    seed: 42,
    limits: { timeMs: 3_000, events: 100_000 },
    tape: Array.from({ length: 400 }, (_, i) => (i * 97 + 13) % 256),
  });
}

const CASES: readonly [string, ByzantinePlan[]][] = [
  ['all honest', []],
  ["seed 002's faulty node as a backup", [{ node: 3, adversary: 'seed002-faulty', params: {} }]],
  ['twins (two instances in one slot, so two processes)', [{ node: 2, adversary: 'twins', params: { sideMask: 0b0110001 } }]],
  ['a restart without state (a fresh instance mid-run)', [{ node: 5, adversary: 'crash-restart', params: { crashAtMs: 30, downMs: 200, keepState: false } }]],
];

describe('the Python seed-002 replica and the in-process port are the same replica', () => {
  it.each(CASES)('%s: byte-identical traces', async (_name, byzantine) => {
    const s = scenario(byzantine);
    const ts = await runScenarioChecked(s, contextFor(seed002 as Target<unknown>), true);
    const py = await runScenarioChecked(s, contextFor(seed002Python), true);
    expect(py.facts.replicaErrors).toEqual([]);
    expect(ts.facts.executions.length).toBeGreaterThan(0);
    expect(traceHash(py.trace ?? [])).toBe(traceHash(ts.trace ?? []));
  });
});

describe('deliveries written ahead to a protocol-2 child (same-instant lookahead)', () => {
  // An empty tape delivers FIFO at the minimum delay, so many messages share an instant: the
  // Python children get them written ahead; the traces must still be the in-process ones.
  const fifo = (events: number): Scenario => ({ ...scenario([{ node: 3, adversary: 'seed002-faulty', params: {} }]), tape: [], network: { delayMsMin: 1, delayMsMax: 1, preGstDelayMsMax: 1, dropPercent: 0 }, limits: { timeMs: 3_000, events } });

  it('a run cut short in the middle of an instant, then full runs on the same reused children: byte-identical traces', async () => {
    for (const events of [41, 100_000, 77, 100_000]) {
      const s = fifo(events);
      const ts = await runScenarioChecked(s, contextFor(seed002 as Target<unknown>), true);
      const py = await runScenarioChecked(s, contextFor(seed002Python), true);
      expect(py.facts.stopReason).toBe(ts.facts.stopReason);
      expect(traceHash(py.trace ?? [])).toBe(traceHash(ts.trace ?? []));
    }
  });
});
