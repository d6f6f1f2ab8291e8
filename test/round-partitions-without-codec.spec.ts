import { describe, expect, it } from 'vitest';
import type { Replica, ReplicaContext } from '../src/adapter/contract.js';
import { runScenario } from '../src/check/run-scenario.js';
import { baseScenario, contextFor, deliveries, targetOf } from './fixtures/world-kit.js';

/**
 * Replica 0 sends signed votes of a vocabulary no codec describes (`h` a height, `by` the voter),
 * for heights 1 and 2. A ByzzFuzz round partition of round 1 that puts replica 0 alone must cut
 * its height-1 votes and nothing of height 2 — as it does for a target with a codec.
 */
const voter = (ctx: ReplicaContext<unknown>): Replica<unknown> => ({
  init: () => {
    if (ctx.config.id !== 0) return;
    for (const h of [1, 2]) ctx.broadcast({ kind: 'ballot', h, id: `b10c${h}d5e`, by: 0, sig: ctx.sign(`ballot|${h}|b10c${h}d5e`) });
  },
  onMessage: () => {},
  onRequest: () => {},
});

describe('round partitions on a target with no codec', () => {
  it('cut the messages of the partitioned round, read by discovery, before GST', async () => {
    const scenario = baseScenario({
      gstMs: 1_000,
      network: { delayMsMin: 1, delayMsMax: 1, preGstDelayMsMax: 1, dropPercent: 0, roundPartitions: [{ round: 1, groups: [1, 0, 0, 0] }] },
    });
    const out = await runScenario(scenario, contextFor(targetOf(voter)), true);
    const got = deliveries(out.trace ?? []).map((d) => (JSON.parse(d.payload) as { h: number }).h);
    expect(got).toEqual([2, 2, 2]);
    const drops = (out.trace ?? []).filter((e) => e.kind === 'drop');
    expect(drops.map((d) => d.kind === 'drop' && [d.to, d.reason])).toEqual([[1, 'partition'], [2, 'partition'], [3, 'partition']]);
  });
});
