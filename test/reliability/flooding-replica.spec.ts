import { describe, expect, it } from 'vitest';
import type { ReplicaFactory } from '../../src/adapter/contract.js';
import { check } from '../../src/check/driver.js';
import { runScenarioChecked } from '../../src/check/run-scenario.js';
import { spaceFor } from '../../src/check/space.js';
import { DEFAULT_STEP_LIMITS } from '../../src/sim/step-limits.js';
import { PROPERTIES } from '../../properties/index.js';
import { FLOOD, target } from '../fixtures/flooding-target.js';
import { baseScenario, contextFor, makeWorld, targetOf } from '../fixtures/world-kit.js';
import { runThenReplay } from './cli-run.js';

const LIMIT = DEFAULT_STEP_LIMITS.messages;
const FINDING = new RegExp(`replica-contract: replica 1 failed while handling message from 0: ContractError: sent ${LIMIT + 1} messages in one handler call, over the limit of ${LIMIT} per step`);

/** Replica 1 floods with `act` when it gets replica 0's hello. */
function flooder(act: (ctx: Parameters<ReplicaFactory<unknown>>[0]) => void): ReplicaFactory<unknown> {
  return (ctx) => ({
    init: () => (ctx.config.id === 0 ? ctx.broadcast('hello') : undefined),
    onMessage: () => (ctx.config.id === 1 ? act(ctx) : undefined),
    onRequest: () => undefined,
  });
}

describe('a replica that floods in one handler call', () => {
  it(`(${FLOOD.toLocaleString('en')} sends) is a replica-contract finding from check() naming the replica, the event and the count`, async () => {
    const result = await check({ ...contextFor(target), space: spaceFor(target, [], false), properties: PROPERTIES, runs: 20, seed: 1 });
    const cx = result.counterexample;
    expect(cx?.verdict.violations.map((v) => v.property)).toEqual(['replica-contract']);
    expect(`replica-contract: ${cx?.verdict.violations[0]?.message}`).toMatch(FINDING);
    expect(cx?.facts.stopReason).toBe('replica-error');
    // The run stops at the flood: nothing past the limit was queued.
    expect(cx?.trace.filter((e) => e.kind === 'send' && e.from === 1)).toHaveLength(LIMIT);
    expect(cx?.reproducible).toBe(true);
  });

  it('counts a broadcast as n − 1 messages and timers on their own, and the first report is the only one even if the replica catches the abort', async () => {
    const broadcasts = await runScenarioChecked(baseScenario(), contextFor(targetOf(flooder((ctx) => {
      for (let i = 0; i < FLOOD; i++) {
        try {
          ctx.broadcast(i);
        } catch {
          // a replica that swallows the abort still gets nothing more out
        }
      }
    }))));
    expect(broadcasts.facts.replicaErrors).toHaveLength(1);
    expect(broadcasts.facts.replicaErrors[0]?.message).toMatch(new RegExp(`sent ${LIMIT + 2} messages in one handler call`));
    const timers = await runScenarioChecked(baseScenario(), contextFor(targetOf(flooder((ctx) => {
      for (let i = 0; i < FLOOD; i++) ctx.setTimer(`t${i}`, 10);
    }))));
    expect(timers.facts.replicaErrors.map((e) => [e.replica, e.event, e.message])).toEqual([
      [1, 'message from 0', `ContractError: set ${DEFAULT_STEP_LIMITS.timers + 1} timers in one handler call, over the limit of ${DEFAULT_STEP_LIMITS.timers} per step (a flood; Target.limits.timersPerStep raises it)`],
    ]);
  });

  it('is named by the event it handles when the flood comes after an await in an async handler', async () => {
    const factory: ReplicaFactory<unknown> = (ctx) => ({
      init: () => (ctx.config.id === 1 ? ctx.setTimer('flood', 5) : undefined),
      onTimer: async () => {
        await null;
        for (let i = 0; i < FLOOD; i++) ctx.send(0, i);
      },
      onMessage: () => undefined,
      onRequest: () => undefined,
    });
    const { facts } = await runScenarioChecked(baseScenario(), contextFor(targetOf(factory)));
    expect(facts.replicaErrors.map((e) => [e.replica, e.event])).toEqual([[1, 'timer "flood"']]);
    expect(facts.replicaErrors[0]?.message).toContain(`sent ${LIMIT + 1} messages in one handler call`);
  });

  it('has its limit set by the target (Target.limits.messagesPerStep), which stays out of the scenario', async () => {
    const strict = { ...target, limits: { ...target.limits, messagesPerStep: 5 } };
    expect(Object.keys(spaceFor(strict, [], false).limits).sort()).toEqual(['events', 'timeMs']);
    expect(Object.keys(spaceFor({ ...target, limits: { ...target.limits, queuedEvents: 5 } }, [], false).limits).sort()).toEqual(['events', 'timeMs']);
    const { facts } = await runScenarioChecked(baseScenario(), contextFor(strict));
    expect(facts.replicaErrors[0]?.message).toContain('sent 6 messages in one handler call, over the limit of 5 per step');
  });

  it('when faulty (under an adversary) is turned inert like a crashing faulty replica, not a finding', async () => {
    const world = makeWorld(baseScenario(), { factory: (ctx) => target.createReplica(ctx, {}), honest: [true, false, true, true] });
    const facts = await world.run();
    expect(facts.replicaErrors).toEqual([]);
    expect(facts.stopReason).not.toBe('replica-error');
    const errors = world.trace?.filter((e) => e.kind === 'error') ?? [];
    expect(errors.map((e) => e.kind === 'error' && [e.node, e.message])).toEqual([[1, expect.stringContaining(`sent ${LIMIT + 1} messages`)]]);
  });

  it('that stays under the step limits but multiplies its timers fills the queue to the run limit: a finding naming it, and the run stops there', async () => {
    const multiplier: ReplicaFactory<unknown> = (ctx) => ({
      init: () => (ctx.config.id === 2 ? ctx.setTimer('t', 0) : undefined),
      onTimer: (id) => {
        for (let i = 0; i < 100; i++) ctx.setTimer(`${id}.${i}`, 0);
      },
      onMessage: () => undefined,
      onRequest: () => undefined,
    });
    const { facts } = await runScenarioChecked(baseScenario({ limits: { timeMs: 1_000, events: 1_000_000 } }), contextFor(targetOf(multiplier)));
    const queued = DEFAULT_STEP_LIMITS.queued;
    expect(facts.replicaErrors.map((e) => [e.replica, e.event])).toEqual([[2, expect.stringMatching(/^timer "t(\.\d+)+"$/)]]);
    expect(facts.replicaErrors[0]?.message).toMatch(new RegExp(`^ContractError: queued ${queued.toLocaleString('en')} events in the run, ${queued.toLocaleString('en')} of them its own messages in flight and timers, at the limit of ${queued.toLocaleString('en')} per run \\(a flood; Target.limits.queuedEvents raises it\\)$`));
    expect(facts.stopReason).toBe('replica-error');
    // Stopped at the limit, after about limit / 100 timers, not at the event limit.
    expect(facts.events).toBeLessThan(queued / 50);
  });

  it('re-arming one timer again and again is no flood: the events it leaves behind are stale, not queued work', async () => {
    const rearming: ReplicaFactory<unknown> = (ctx) => ({
      init: () => ctx.setTimer('tick', 1),
      onTimer: (id) => {
        if (id !== 'tick') return;
        for (let i = 0; i < 50; i++) ctx.setTimer('view-change', 60_000);
        ctx.setTimer('tick', 1);
      },
      onMessage: () => undefined,
      onRequest: () => undefined,
    });
    const strict = { ...targetOf(rearming), limits: { queuedEvents: 100 } };
    const { facts } = await runScenarioChecked(baseScenario({ limits: { timeMs: 200, events: 10_000 } }), contextFor(strict));
    expect(facts.replicaErrors).toEqual([]);
    expect(facts.stopReason).toBe('time-limit');
  });

  it('fills the queue under an adversary: the faulty flooder is turned inert and blamed, not the honest replica whose send met the full queue', async () => {
    const factory: ReplicaFactory<unknown> = (ctx) => ({
      init: () => {
        if (ctx.config.id === 1) for (let i = 0; i < 95; i++) ctx.setTimer(`t${i}`, 5_000 + i);
        if (ctx.config.id === 0) ctx.setTimer('tick', 10);
      },
      onTimer: (id) => {
        if (id === 'tick') {
          // Six messages and a timer: the last of them meets the queue full of replica 1's timers.
          ctx.broadcast('tick');
          ctx.broadcast('tock');
          ctx.setTimer('tick', 10);
        }
      },
      onMessage: () => undefined,
      onRequest: () => undefined,
    });
    const strict = { ...targetOf(factory), limits: { timeMs: 200, events: 10_000, queuedEvents: 100 } };
    const honest = await runScenarioChecked(baseScenario({ limits: { timeMs: 200, events: 10_000 } }), contextFor(strict));
    expect(honest.facts.replicaErrors.map((e) => [e.replica, e.event, e.message.replace(/ \(.*$/, '')])).toEqual([
      [1, 'its earlier steps (events it queued)', 'ContractError: queued 101 events in the run, 95 of them its own messages in flight and timers, at the limit of 100 per run'],
    ]);
    const world = makeWorld(baseScenario({ limits: { timeMs: 200, events: 10_000 } }), { factory, honest: [true, false, true, true], stepLimits: { queued: 100 } });
    const facts = await world.run();
    expect(facts.replicaErrors).toEqual([]);
    expect(facts.stopReason).not.toBe('replica-error');
    expect(world.trace?.filter((e) => e.kind === 'error').map((e) => e.kind === 'error' && e.node)).toEqual([1]);
  });

  it('through the CLI: exit 1 with the finding, and `byzcheck replay` of its counterexample exits 1 with the same trace hash', () => {
    const { run, replay, runHash, replayHash } = runThenReplay('test/fixtures/flooding-target.ts', 1);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(FINDING);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toMatch(FINDING);
    expect(runHash).toBeDefined();
    expect(replayHash).toBe(runHash);
  });
});
