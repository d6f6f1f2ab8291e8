import { describe, expect, it } from 'vitest';
import type { Replica, ReplicaContext } from '../src/adapter/contract.js';
import { runScenario } from '../src/check/run-scenario.js';
import type { ByzantinePlan } from '../src/scenario/types.js';
import { baseScenario, contextFor, deliveries, targetOf } from './fixtures/world-kit.js';

type Ballot = { kind: string; h: number; r: number; id: string; by: number; sig: string };
const text = (b: Pick<Ballot, 'h' | 'r' | 'id'>): string => `ballot|${b.h}|${b.r}|${b.id}`;

/**
 * Replica 0 broadcasts one signed ballot of a vocabulary byzcheck was never taught (the voter under
 * `by`, left out of the signed text). Receivers trust `by` when `trusting`, and log each vote they
 * count: a replica that skips the signature check counts the impersonated voter.
 */
const voter = (trusting: boolean) => (ctx: ReplicaContext<unknown>): Replica<unknown> => ({
  init: () => {
    if (ctx.config.id !== 0) return;
    const b = { kind: 'ballot', h: 1, r: 0, id: 'a1b2c3d4', by: 0 };
    ctx.broadcast({ ...b, sig: ctx.sign(text(b)) });
  },
  onMessage: (_from, payload) => {
    const b = payload as Ballot;
    if (trusting || ctx.verify(b.by, text(b), b.sig)) ctx.log(`counted ${b.by}`);
  },
  onRequest: () => {},
});

async function run(trusting: boolean) {
  const plan: ByzantinePlan = { node: 0, adversary: 'forged-signature', params: { everyK: 1, victimOffset: 1 } };
  const out = await runScenario(baseScenario({ n: 4, byzantine: [plan] }), contextFor(targetOf(voter(trusting))), true);
  return out.trace ?? [];
}

describe('forged-signature on a target with no codec', () => {
  it('impersonates another replica under the author key discovery finds, keeping the signature it cannot remake', async () => {
    const trace = await run(false);
    const sent = deliveries(trace).map((d) => JSON.parse(d.payload) as Ballot);
    expect(sent.map((b) => [b.kind, b.by, b.id])).toEqual([['ballot', 2, 'a1b2c3d4'], ['ballot', 2, 'a1b2c3d4'], ['ballot', 2, 'a1b2c3d4']]);
    // A replica that checks the signature against the claimed voter counts none of them…
    expect(trace.filter((e) => e.kind === 'log' && e.message.startsWith('counted'))).toHaveLength(0);
  });

  it('so a replica that trusts the voter field counts a vote replica 2 never cast', async () => {
    const trace = await run(true);
    expect(trace.filter((e) => e.kind === 'log').map((e) => (e as { message: string }).message)).toEqual(['counted 2', 'counted 2', 'counted 2']);
  });
});
