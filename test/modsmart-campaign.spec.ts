import { describe, expect, it } from 'vitest';
import { ADVERSARIES } from '../adversaries/index.js';
import { equivocatingPrimary } from '../adversaries/equivocating-primary.js';
import { PROPERTIES } from '../properties/index.js';
import { agreement } from '../properties/agreement.js';
import type { ByzantinePlan, Scenario } from '../src/scenario/types.js';
import type { Property } from '../src/property.js';
import type { ReplicaContext, Target } from '../src/adapter/contract.js';
import { ModSmartReplica, type ModSmartMessage } from '../targets/modsmart/index.js';
import { runCampaign } from '../src/campaign/pool.js';
import { check } from '../src/check/driver.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { spaceFor } from '../src/check/space.js';
import { judge } from '../src/check/verdict.js';
import modsmart from '../targets/modsmart/index.js';
import { fourRequestScenario } from './fixtures/four-requests.js';

const ALL = new Map(ADVERSARIES.map((a) => [a.name, a]));

function scenario(byzantine: ByzantinePlan[], n = 4): Scenario {
  return fourRequestScenario(byzantine, { n, limits: { timeMs: 30_000, events: 300_000 } });
}

/** Message types delivered to replicas in a traced run. */
async function deliveredTypes(s: Scenario): Promise<{ types: string[]; violations: string[]; accepted: number }> {
  const out = await runScenarioChecked(s, { target: modsmart, adversaries: ALL, properties: PROPERTIES }, true);
  const types = (out.trace ?? []).flatMap((e) => (e.kind === 'deliver' && e.to < s.n ? [(JSON.parse(e.payload) as { type?: string }).type ?? '?'] : []));
  return { types, violations: judge(s, out.facts, PROPERTIES).violations.map((v) => v.message), accepted: out.facts.accepted.length };
}

/**
 * The reference target, instrumented: every replica it builds is remembered with its node id, so a
 * run's judge can ask the honest ones whether a leader change happened (regency > 0).
 */
function observedModSmart(): { target: Target<unknown>; coverage: Property; counts: { runs: number; reconfigured: number; leaderChanged: number; both: number } } {
  let built: [number, ModSmartReplica][] = [];
  const counts = { runs: 0, reconfigured: 0, leaderChanged: 0, both: 0 };
  const target = {
    ...modsmart,
    createReplica: (ctx: ReplicaContext<ModSmartMessage>) => {
      const r = new ModSmartReplica(ctx);
      built.push([ctx.config.id, r]);
      return r;
    },
  } as Target<unknown>;
  const coverage: Property = {
    name: 'coverage', description: 'counts runs with a reconfiguration (from the membership facts) and with a leader change',
    check(facts) {
      // A view declared from a slot above 0 is a reconfiguration that took effect at an honest replica.
      const reconfigured = facts.memberships.some((m) => m.fromSeq > 0);
      const leaderChanged = built.some(([id, r]) => facts.honest[id] === true && r.inspect().reg > 0);
      built = [];
      counts.runs++;
      if (reconfigured) counts.reconfigured++;
      if (leaderChanged) counts.leaderChanged++;
      if (reconfigured && leaderChanged) counts.both++;
      return [];
    },
  };
  return { target, coverage, counts };
}

describe('Mod-SMaRt raises no false alarm', () => {
  it('violates no property in 2,000 generated scenarios (n ∈ {4, 5, 7, 8}, ≤ f faulty, every strategy, network faults, reconfigurations and leader changes)', async () => {
    const { target, coverage, counts } = observedModSmart();
    const space = spaceFor(target, ADVERSARIES, false);
    expect(space.ns).toEqual([4, 5, 7, 8]);
    const result = await check({ target, adversaries: ALL, space, properties: [...PROPERTIES, coverage], runs: 2_000, seed: 2026 });
    expect(result.counterexample?.verdict ?? null).toBeNull();
    expect(result.runs).toBe(2_000);
    expect(result.stats.regimes).toEqual({ 'within-f': 2_000 });
    for (const name of ADVERSARIES.map((a) => a.name)) expect(result.stats.adversaries[name] ?? 0).toBeGreaterThan(0);
    for (const fault of ['drop', 'duplicate', 'partition (symmetric)', 'partition (one-way)', 'round partition']) expect(result.stats.faults[fault] ?? 0).toBeGreaterThan(0);
    // Measured at seed 2026: 401 runs reconfigured, 658 changed leader, 160 did both.
    expect(counts.runs).toBe(2_000);
    expect(counts.reconfigured).toBeGreaterThanOrEqual(300);
    expect(counts.leaderChanged).toBeGreaterThanOrEqual(500);
    expect(counts.both).toBeGreaterThanOrEqual(100);
  }, 300_000);

  it('keeps the other cluster sizes working when named (n ∈ {4, 7} on worker threads, 300 scenarios)', async () => {
    const outcome = await runCampaign({ target: 'modsmart', adversaries: null, properties: null, beyondF: false, seed: 2027, runs: 300, clusterSizes: [4, 7] }, { workers: 2 });
    expect(outcome.counterexample?.verdict ?? null).toBeNull();
    expect(outcome.stats.clusterSizes).toEqual(expect.objectContaining({ 'n=4': expect.any(Number), 'n=7': expect.any(Number) }));
  }, 300_000);

  it('violates no property with real ed25519 signatures either (50 scenarios)', async () => {
    const outcome = await runCampaign({ target: 'modsmart', adversaries: null, properties: null, beyondF: false, seed: 77, runs: 50, clusterSizes: [4], crypto: 'ed25519' }, { workers: 1 });
    expect(outcome.counterexample?.verdict ?? null).toBeNull();
    expect(outcome.runs).toBe(50);
  }, 300_000);
});

describe('the leader change (STOP, STOPDATA, SYNC) restores progress', () => {
  it('with a silent leader: a synchronization phase happens and every request completes', async () => {
    const { types, violations, accepted } = await deliveredTypes(scenario([{ node: 0, adversary: 'silent', params: {} }]));
    for (const t of ['STOP', 'STOPDATA', 'SYNC']) expect(types).toContain(t);
    expect(violations).toEqual([]);
    expect(accepted).toBe(4);
  });

  it('with a leader that crashes mid-run (n = 7), likewise', async () => {
    const { types, violations, accepted } = await deliveredTypes(scenario([{ node: 0, adversary: 'crash', params: { atMs: 3 } }], 7));
    expect(types).toContain('SYNC');
    expect(violations).toEqual([]);
    expect(accepted).toBe(4);
  });

  it('without faults no leader change happens', async () => {
    const { types, violations, accepted } = await deliveredTypes(scenario([]));
    expect(types).not.toContain('STOP');
    expect(types).toContain('PROPOSE');
    expect(violations).toEqual([]);
    expect(accepted).toBe(4);
  });
});

describe('the bound is tight: with f + 1 Byzantine replicas Mod-SMaRt loses agreement', () => {
  it('an equivocating leader and one colluder break agreement at n = 4 within 200 runs', async () => {
    const space = { ...spaceFor(modsmart, [equivocatingPrimary], true), ns: [4] };
    const result = await check({ target: modsmart, adversaries: ALL, space, properties: [agreement, ...PROPERTIES.filter((p) => p.name === 'replica-contract')], runs: 200, seed: 1 });
    const cx = result.counterexample;
    expect(cx?.verdict.violations[0]?.property).toBe('agreement');
    expect(cx?.verdict.regime).toBe('beyond-f');
    expect(cx?.scenario.n).toBe(4);
    expect(cx?.scenario.byzantine.length).toBeGreaterThanOrEqual(2);
    expect(cx?.reproducible).toBe(true);
  }, 120_000);
});
