import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADVERSARIES } from '../adversaries/index.js';
import { slotSquatter, type SlotSquatterParams } from '../adversaries/slot-squatter.js';
import { PROPERTIES } from '../properties/index.js';
import type { Target } from '../src/adapter/contract.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { judge } from '../src/check/verdict.js';
import type { ByzantinePlan, Scenario } from '../src/scenario/types.js';
import type { TraceEvent } from '../src/sim/trace.js';
import modsmart from '../targets/modsmart/index.js';
import pbft from '../targets/pbft/index.js';
import type { PbftMessage, ViewChangeMsg } from '../targets/pbft/messages.js';
import prePrepareFromAnyReplica from '../targets/zoo/pre-prepare-from-any-replica/index.js';
import { fourRequestScenario } from './fixtures/four-requests.js';

const ADVERSARY_MAP = new Map(ADVERSARIES.map((a) => [a.name, a]));
const PLAIN: SlotSquatterParams = { gap: 0, slots: 1, batch: 'latest', vote: false, oneShort: false, fromMs: 0 };
/** The squat that stalls the variant: its proposal for the next seq, with its vote, to 2f honest backups only. */
const ONE_SHORT: SlotSquatterParams = { ...PLAIN, vote: true, oneShort: true };

/** Three requests spread out in time (each proposal triggers a squat of the next seq), fast reliable network. */
function squatScenario(n: number, nodes: readonly number[], params: SlotSquatterParams): Scenario {
  const byzantine: ByzantinePlan[] = nodes.map((node) => ({ node, adversary: 'slot-squatter', params }));
  return fourRequestScenario(byzantine, {
    n,
    requests: [
      { client: 0, atMs: 0, operation: 'put a 1' },
      { client: 1, atMs: 50, operation: 'put b 2' },
      { client: 0, atMs: 100, operation: 'get a' },
    ],
  });
}

async function outcomeOf(target: Target<unknown>, s: Scenario) {
  const out = await runScenarioChecked(s, { target, adversaries: ADVERSARY_MAP, properties: PROPERTIES }, true);
  return { violations: judge(s, out.facts, PROPERTIES).violations.map((v) => v.property), accepted: out.facts.accepted.length, trace: out.trace ?? [] };
}

/** Payloads delivered between replicas (client traffic excluded). */
function delivered(trace: readonly TraceEvent[], n: number): { from: number; to: number; m: PbftMessage }[] {
  return trace.flatMap((e) => (e.kind === 'deliver' && e.from < n && e.to < n ? [{ from: e.from, to: e.to, m: JSON.parse(e.payload) as PbftMessage }] : []));
}

// n = 4: primary 0, squatter 1. n = 7: one squatter, or a coalition of two (f = 2).
const CASES: readonly { label: string; n: number; nodes: readonly number[] }[] = [
  { label: 'n = 4, backup 1 squats', n: 4, nodes: [1] },
  { label: 'n = 4, backup 3 squats', n: 4, nodes: [3] },
  { label: 'n = 7, backup 2 squats', n: 7, nodes: [2] },
  { label: 'n = 7, backups 1 and 4 squat together', n: 7, nodes: [1, 4] },
];

describe('slot-squatter: a backup that proposes out of turn', () => {
  it.each(CASES)('$label: zoo/pre-prepare-from-any-replica loses liveness, and no NEW-VIEW ever forms', async ({ n, nodes }) => {
    const s = squatScenario(n, nodes, ONE_SHORT);
    const { violations, accepted, trace } = await outcomeOf(prePrepareFromAnyReplica as Target<unknown>, s);
    expect(violations).toContain('liveness');
    // A stalled cluster also leaves its clients waiting, which client-liveness reports too.
    expect(violations.filter((p) => p !== 'liveness' && p !== 'client-liveness')).toEqual([]);
    expect(accepted).toBeLessThan(s.requests.length);
    const messages = delivered(trace, n);
    // Why: honest replicas prepared the squatter's proposals, and the certificates they carry into
    // their VIEW-CHANGEs name a PRE-PREPARE that is not the view's primary's, so peers reject them.
    const honestViewChanges = messages.filter(({ from, m }) => m.type === 'VIEW-CHANGE' && !nodes.includes(from)).map(({ m }) => m as ViewChangeMsg);
    expect(honestViewChanges.some((vc) => vc.prepared.some((c) => nodes.includes(c.prePrepare.sender)))).toBe(true);
    expect(messages.some(({ m }) => m.type === 'NEW-VIEW')).toBe(false);
  });

  it.each(CASES)('$label: the reference PBFT ignores the squats: every property holds, every request is accepted', async ({ n, nodes }) => {
    const s = squatScenario(n, nodes, ONE_SHORT);
    const { violations, accepted, trace } = await outcomeOf(pbft as Target<unknown>, s);
    expect(violations).toEqual([]);
    expect(accepted).toBe(s.requests.length);
    // It did squat: PRE-PREPAREs signed as itself, though it never leads view 0.
    expect(delivered(trace, n).some(({ from, m }) => nodes.includes(from) && m.type === 'PRE-PREPARE' && m.sender === from)).toBe(true);
  });

  it.each(CASES)('$label: Mod-SMaRt ignores the squatted PROPOSEs: every property holds, every request is accepted', async ({ n, nodes }) => {
    const s = squatScenario(n, nodes, ONE_SHORT);
    const { violations, accepted, trace } = await outcomeOf(modsmart as Target<unknown>, s);
    expect(violations).toEqual([]);
    expect(accepted).toBe(s.requests.length);
    const proposes = trace.filter((e) => e.kind === 'deliver' && nodes.includes(e.from) && e.to < n && (JSON.parse(e.payload) as { type: string }).type === 'PROPOSE');
    expect(proposes.length).toBeGreaterThan(0);
  });

  it('heard by every replica, the squat is no attack: the variant decides the relabelled batch and stays live', async () => {
    const { violations, accepted } = await outcomeOf(prePrepareFromAnyReplica as Target<unknown>, squatScenario(4, [1], { ...ONE_SHORT, oneShort: false }));
    expect(violations).toEqual([]);
    expect(accepted).toBe(3);
  });

  it('its parameters shrink to the plainest squat: the next seq only, heard by everyone, no vote, from the start', () => {
    const out = fc.check(fc.property(slotSquatter.params({ maxN: 7 }), () => false), { seed: 3 });
    expect(out.counterexample?.[0]).toEqual(PLAIN);
  });

  it('its schema takes what its arbitrary draws and refuses unknown fields', () => {
    for (const p of fc.sample(slotSquatter.params({ maxN: 7 }), { numRuns: 50, seed: 5 })) expect(slotSquatter.schema.parse(p)).toEqual(p);
    expect(() => slotSquatter.schema.parse({ ...PLAIN, extra: 1 })).toThrow();
  });
});
