import { describe, expect, it } from 'vitest';
import type { Effect, Replica, ReplicaContext, ReplicaFactory } from '../src/adapter/contract.js';
import { runScenario } from '../src/check/run-scenario.js';
import { judge } from '../src/check/verdict.js';
import type { RunFacts } from '../src/sim/facts.js';
import type { TraceEvent } from '../src/sim/trace.js';
import { PROPERTIES } from '../properties/index.js';
import { replicaContract } from '../properties/replica-contract.js';
import { baseScenario, contextFor, targetOf } from './fixtures/world-kit.js';

/** Replica 0 broadcasts one message at init; replica `culprit` misbehaves as `onMessage` says. */
function faultyAt(culprit: number, onMessage: (ctx: ReplicaContext<unknown>) => ReturnType<Replica<unknown>['onMessage']>): ReplicaFactory<unknown> {
  return (ctx) => ({
    init: () => {
      if (ctx.config.id === 0) ctx.broadcast('hello');
    },
    onMessage: () => (ctx.config.id === culprit ? onMessage(ctx) : undefined),
    onRequest: () => {},
  });
}

const scenario = baseScenario();

async function run(factory: ReplicaFactory<unknown>): Promise<{ facts: RunFacts; trace: readonly TraceEvent[] }> {
  // runScenario is the production path: a thrown error must not escape it.
  const out = await runScenario(scenario, contextFor(targetOf(factory)), true);
  return { facts: out.facts, trace: out.trace ?? [] };
}

/** Asserts the run ended on a replica error of `replica`, reported by replica-contract, whose message contains `needle`. */
function expectFinding(facts: RunFacts, trace: readonly TraceEvent[], replica: number, needle: string, event?: string): void {
  expect(facts.stopReason).toBe('replica-error');
  expect(facts.replicaErrors).toHaveLength(1);
  const error = facts.replicaErrors[0];
  expect(error?.replica).toBe(replica);
  expect(error?.message).toContain(needle);
  if (event !== undefined) expect(error?.event).toBe(event);
  const violations = replicaContract.check(facts);
  expect(violations).toHaveLength(1);
  expect(violations[0]?.property).toBe('replica-contract');
  expect(violations[0]?.nodes).toEqual([replica]);
  expect(violations[0]?.message).toContain(needle);
  const verdict = judge(scenario, facts, PROPERTIES);
  expect(verdict.ok).toBe(false);
  expect(verdict.violations.map((v) => v.property)).toContain('replica-contract');
  expect(trace.filter((e) => e.kind === 'error')).toHaveLength(1);
}

describe('a misbehaving replica is a finding, not a crash', () => {
  it('a replica that throws in onMessage', async () => {
    const { facts, trace } = await run(faultyAt(2, () => {
      throw new RangeError('boom at replica 2');
    }));
    expectFinding(facts, trace, 2, 'RangeError: boom at replica 2', 'message from 0');
  });

  it('a replica that throws something that is not an Error', async () => {
    const { facts, trace } = await run(faultyAt(1, () => {
      throw { code: 42 };
    }));
    expectFinding(facts, trace, 1, '{"code":42}');
  });

  it('a replica whose factory throws', async () => {
    const factory: ReplicaFactory<unknown> = (ctx) => {
      if (ctx.config.id === 3) throw new Error('cannot build replica 3');
      return { onMessage: () => {}, onRequest: () => {} };
    };
    const { facts, trace } = await run(factory);
    expectFinding(facts, trace, 3, 'cannot build replica 3', 'construction');
  });

  it('a replica that returns an effect of an unknown kind: the message names effects[i].kind', async () => {
    const { facts, trace } = await run(faultyAt(1, () => [{ kind: 'sned', to: 0, payload: 'x' }] as unknown as Effect<unknown>[]));
    expectFinding(facts, trace, 1, 'effects[0].kind');
    expect(facts.replicaErrors[0]?.message).toContain('"sned"');
  });

  it('a malformed effect further down the array is named by its index', async () => {
    const effects = [{ kind: 'log', message: 'fine' }, { kind: 'log', message: 'fine' }, null] as unknown as Effect<unknown>[];
    const { facts, trace } = await run(faultyAt(1, () => effects));
    expectFinding(facts, trace, 1, 'effects[2]');
  });

  it('a handler that returns something other than effects', async () => {
    const { facts, trace } = await run(faultyAt(2, () => 42 as unknown as Effect<unknown>[]));
    expectFinding(facts, trace, 2, 'returned number');
  });

  it("a replica that sends to a node id that does not exist: the message names 'to'", async () => {
    const { facts, trace } = await run(faultyAt(1, (ctx) => ctx.send(99, 'into the void')));
    expectFinding(facts, trace, 1, "'to'");
  });

  it("a send effect without a destination: the message names 'to'", async () => {
    const { facts, trace } = await run(faultyAt(1, () => [{ kind: 'send', payload: 'x' }] as unknown as Effect<unknown>[]));
    expectFinding(facts, trace, 1, "'to'");
  });

  it("a reply to a replica instead of a client: the message names 'client'", async () => {
    const { facts, trace } = await run(faultyAt(3, (ctx) => ctx.reply(0, 1, 'ok')));
    expectFinding(facts, trace, 3, "'client'");
  });

  it("a commit with a non-integer seq: the message names 'seq'", async () => {
    const { facts, trace } = await run(faultyAt(2, (ctx) => ctx.commit(1.5, 'v')));
    expectFinding(facts, trace, 2, "'seq'");
  });

  it('an async replica whose promise rejects', async () => {
    const { facts, trace } = await run(faultyAt(2, async () => {
      await Promise.resolve();
      throw new TypeError('async failure');
    }));
    expectFinding(facts, trace, 2, 'TypeError: async failure', 'message from 0');
  });

  it('an async replica that resolves to a malformed effect array', async () => {
    const { facts, trace } = await run(faultyAt(1, async () => [{ kind: 'sned' }] as unknown as Effect<unknown>[]));
    expectFinding(facts, trace, 1, 'effects[0].kind');
  });

  it('a replica that throws in init or in a timer handler', async () => {
    const inInit = await run((ctx) => ({
      init: () => {
        if (ctx.config.id === 1) throw new Error('bad init');
      },
      onMessage: () => {},
      onRequest: () => {},
    }));
    expectFinding(inInit.facts, inInit.trace, 1, 'bad init', 'init');
    const inTimer = await run((ctx) => ({
      init: () => ctx.setTimer('t', 5),
      onTimer: () => {
        throw new Error('bad timer');
      },
      onMessage: () => {},
      onRequest: () => {},
    }));
    expectFinding(inTimer.facts, inTimer.trace, 0, 'bad timer', 'timer "t"');
    expect(inTimer.facts.replicaErrors[0]?.timeMs).toBe(5);
  });

  it('the run stops at the failing event: nothing is processed after it', async () => {
    const { facts, trace } = await run(faultyAt(1, () => {
      throw new Error('stop here');
    }));
    const error = facts.replicaErrors[0];
    expect(error).toBeDefined();
    expect(facts.events).toBe((error?.step ?? -1) + 1);
    expect(Math.max(...trace.map((e) => e.step))).toBe(error?.step);
  });

  it('a healthy run has no replica-contract violation', async () => {
    const { facts } = await run(faultyAt(-1, () => undefined));
    expect(facts.stopReason).toBe('quiescent');
    expect(replicaContract.check(facts)).toEqual([]);
  });
});
