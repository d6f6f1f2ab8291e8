import { describe, expect, it } from 'vitest';
import type { Replica, Target } from '../src/adapter/contract.js';
import { runScenarioChecked, type RunContext } from '../src/check/run-scenario.js';
import { BUILTIN_REGISTRY } from '../src/cli/builtins.js';
import { PROPERTIES } from '../properties/index.js';
import type { Scenario } from '../src/scenario/types.js';
import type { RunFacts } from '../src/sim/facts.js';
import pbft, { PbftReplica, type PbftMessage } from '../targets/pbft/index.js';

const REPRODUCE = 'npx vitest run test/runs-end-once-settled.spec.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Four requests to n = 4 with replica 3 silent: the honest replicas' STATUS rounds go on to the time limit. */
function scenario(overrides: Partial<Mutable<Scenario>> = {}): Scenario {
  return {
    version: 1, n: 4, clients: 1,
    requests: ['put a 1', 'get a', 'put b 2', 'get b'].map((operation, i) => ({ client: 0, atMs: i, operation })),
    byzantine: [{ node: 3, adversary: 'silent', params: {} }], beyondF: false,
    network: { delayMsMin: 1, delayMsMax: 4, preGstDelayMsMax: 4, dropPercent: 0 },
    gstMs: 0, limits: { timeMs: 30_000, events: 50_000 }, seed: 5, tape: [],
    ...overrides,
  };
}

function context(target: Target<unknown>, endWhenSettled: boolean): RunContext {
  return { target, adversaries: BUILTIN_REGISTRY.adversaries, properties: PROPERTIES, ...(endWhenSettled ? { endWhenSettled } : {}) };
}

function verdicts(facts: RunFacts): string[] {
  return PROPERTIES.flatMap((p) => p.check(facts).map((v) => `${p.name}: ${v.message}`));
}

/** What properties judge besides the run's end: every fact a replica or client produced. */
function judgedFacts(facts: RunFacts): unknown {
  const { commits, executions, replies, installs, memberships, submitted, accepted, replicaErrors, views, drops, calmUntilMs, lostAfterGst } = facts;
  return { commits, executions, replies, installs, memberships, submitted, accepted, replicaErrors, views, drops, calmUntilMs, lostAfterGst };
}

describe('a run ended once it only repeats itself', () => {
  it('stops at the STATUS rounds after the last execution, with the facts and verdicts of the run taken to its limit', async () => {
    const full = await runScenarioChecked(scenario(), context(pbft, false));
    const cut = await runScenarioChecked(scenario(), context(pbft, true));
    expect(full.facts.stopReason, REPRODUCE).toBe('time-limit');
    expect(cut.facts.stopReason, REPRODUCE).toBe('settled');
    // The honest replicas keep sending STATUS to the silent one until the limit: the cut saves that.
    expect(cut.facts.deliveries, REPRODUCE).toBeLessThan(full.facts.deliveries);
    expect(cut.facts.endTimeMs, REPRODUCE).toBeLessThan(2_000);
    expect(judgedFacts(cut.facts), REPRODUCE).toEqual(judgedFacts(full.facts));
    expect(verdicts(cut.facts), REPRODUCE).toEqual(verdicts(full.facts));
    // A traced replay ends at the same event: the watch reads payloads the same way on both paths.
    const traced = await runScenarioChecked(scenario(), context(pbft, true), true);
    expect([traced.facts.stopReason, traced.facts.events], REPRODUCE).toEqual(['settled', cut.facts.events]);
  });

  it('ends a faulty replica\'s endless storm of one VIEW-CHANGE, judged as if it went on sending until the limit', async () => {
    const storm = scenario({ byzantine: [{ node: 3, adversary: 'view-change-storm', params: { periodMs: 150 } }] });
    const full = await runScenarioChecked(storm, context(pbft, false));
    const cut = await runScenarioChecked(storm, context(pbft, true));
    expect(cut.facts.stopReason, REPRODUCE).toBe('settled');
    expect(cut.facts.deliveries, REPRODUCE).toBeLessThan(full.facts.deliveries);
    // Still sending when the run ended: the run settled no earlier than its end, as in the full run.
    expect(cut.facts.settledFromMs, REPRODUCE).toBeGreaterThanOrEqual(cut.facts.endTimeMs);
    expect(judgedFacts(cut.facts), REPRODUCE).toEqual(judgedFacts(full.facts));
    expect(verdicts(cut.facts), REPRODUCE).toEqual(verdicts(full.facts));
  });

  it('is off unless asked for: the run goes on to its time limit', async () => {
    const { facts } = await runScenarioChecked(scenario(), context(pbft, false));
    expect(facts.stopReason, REPRODUCE).not.toBe('settled');
  });

  it('does not stop while a replica has a timer armed that never fired in the calm: what it does when it fires is still unseen', async () => {
    // The honest code, plus a timer armed at start that, 5 s later, commits a rival value at slot 1.
    const late: Target<unknown> = {
      ...pbft,
      name: 'pbft-with-a-late-rival-commit',
      createReplica: (ctx, options) => {
        const inner = new PbftReplica(ctx as never, options as never);
        const replica: Replica<unknown> = {
          init: () => {
            if (ctx.config.id === 0) ctx.setTimer('test:late', 5_000);
            return inner.init();
          },
          onMessage: (from, payload) => inner.onMessage(from, payload as PbftMessage),
          onRequest: (request) => inner.onRequest(request),
          onTimer: (id) => (id === 'test:late' ? ctx.commit(1, 'rival') : inner.onTimer(id)),
        };
        return replica;
      },
    };
    const full = await runScenarioChecked(scenario(), context(late, false));
    const cut = await runScenarioChecked(scenario(), context(late, true));
    expect(verdicts(full.facts).some((v) => v.startsWith('agreement')), REPRODUCE).toBe(true);
    expect(cut.facts.stopReason, REPRODUCE).toBe(full.facts.stopReason);
    expect(verdicts(cut.facts), REPRODUCE).toEqual(verdicts(full.facts));
  });

  it('does not stop before GST, when the network may still drop a message', async () => {
    const s = scenario({ gstMs: 20_000 });
    const { facts } = await runScenarioChecked(s, context(pbft, true));
    expect(facts.endTimeMs, REPRODUCE).toBeGreaterThanOrEqual(20_000);
  });
});
