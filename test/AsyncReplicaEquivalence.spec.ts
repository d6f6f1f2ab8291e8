import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClientRequest, NodeId, Replica, ReplicaContext, ReplicaFactory, Target } from '../src/adapter/contract.js';
import { runScenario, runScenarioChecked } from '../src/check/run-scenario.js';
import { traceHash } from '../src/check/trace-hash.js';
import { defaultSpace, scenarioArbitrary } from '../src/scenario/arbitrary.js';
import type { Scenario } from '../src/scenario/types.js';
import type { RunFacts } from '../src/sim/facts.js';
import naive from '../targets/naive-broadcast/index.js';
import { ADVERSARIES } from '../adversaries/index.js';
import { baseScenario, contextFor, recordingContext, targetOf } from './fixtures/world-kit.js';

// ---- four bindings of the same replica code ------------------------------------------------------

/** Same code, handlers return a Promise and act on the context after an await. */
function asyncCalls(inner: ReplicaFactory<unknown>): ReplicaFactory<unknown> {
  return (ctx) => {
    const r = inner(ctx);
    const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
    return {
      init: async () => {
        await Promise.resolve();
        await r.init?.();
      },
      onMessage: async (from, payload) => {
        await tick(); // a macrotask hop too: the harness must wait for it before time advances
        await r.onMessage(from, payload);
      },
      onTimer: async (id) => {
        await Promise.resolve();
        await r.onTimer?.(id);
      },
      onRequest: async (request) => {
        await Promise.resolve();
        await r.onRequest(request);
      },
    };
  };
}

/** Same code, handlers return the effects as an array instead of calling the context. */
function returnsEffects(inner: ReplicaFactory<unknown>): ReplicaFactory<unknown> {
  return (ctx) => {
    const { ctx: recording, take } = recordingContext(ctx);
    const r = inner(recording);
    return {
      init: () => (r.init?.(), take()),
      onMessage: (from, payload) => (r.onMessage(from, payload), take()),
      onTimer: (id) => (r.onTimer?.(id), take()),
      onRequest: (request) => (r.onRequest(request), take()),
    };
  };
}

/** Same code, handlers return a Promise of the effect array. */
function asyncReturnsEffects(inner: ReplicaFactory<unknown>): ReplicaFactory<unknown> {
  return (ctx) => {
    const { ctx: recording, take } = recordingContext(ctx);
    const r = inner(recording);
    return {
      init: async () => (r.init?.(), take()),
      onMessage: async (from, payload) => {
        await Promise.resolve();
        r.onMessage(from, payload);
        return take();
      },
      onTimer: async (id) => (r.onTimer?.(id), take()),
      onRequest: async (request) => (r.onRequest(request), take()),
    };
  };
}

const BINDINGS: readonly (readonly [string, (f: ReplicaFactory<unknown>) => ReplicaFactory<unknown>])[] = [
  ['async, calling the context', asyncCalls],
  ['sync, returning effect arrays', returnsEffects],
  ['async, returning effect arrays', asyncReturnsEffects],
];

// ---- a replica that exercises every effect and service --------------------------------------------

interface Tick {
  readonly n: number;
  readonly r: number;
}

/** Timers (set, re-arm, cancel), sends, broadcasts, commits, executes, replies, logs, random, sign/verify. */
const ticker: ReplicaFactory<unknown> = (ctx: ReplicaContext<unknown>): Replica<unknown> => {
  let count = 0;
  let executed = 0;
  return {
    init: () => {
      ctx.setTimer('tick', 2 + Math.floor(ctx.random() * 5));
      ctx.setTimer('watchdog', 1_000);
      ctx.log(`up at ${ctx.now()}`);
    },
    onTimer: (id) => {
      if (id !== 'tick') return;
      count++;
      const tick: Tick = { n: count, r: Math.floor(ctx.random() * 1000) };
      ctx.broadcast(tick);
      ctx.commit(count, `${ctx.config.id}:${count}:${ctx.sign(String(count))}`);
      if (count < 4) ctx.setTimer('tick', 3 + (tick.r % 4));
      else ctx.cancelTimer('watchdog');
    },
    onMessage: (from: NodeId, payload) => {
      const tick = payload as Tick;
      ctx.log(`got ${tick.n} from ${from} at ${ctx.now()}`);
      if (tick.n % 2 === 0 && ctx.verify(from, 'nothing', 'forged') === false) ctx.send(from, { n: tick.n + 1, r: 0 });
    },
    onRequest: (request: ClientRequest) => {
      executed++;
      ctx.execute(executed, request.operation, `done:${request.operation}`);
      ctx.reply(request.client, request.requestId, `done:${request.operation}`);
    },
  };
};

/**
 * A run's trace hash and facts. An error's stack is left out of the facts compared: the wrappers
 * that make a replica async are frames of their own in it, and what must match is the behaviour.
 */
async function fingerprint(scenario: Scenario, target: Target<unknown>): Promise<{ hash: string; facts: RunFacts }> {
  const out = await runScenario(scenario, contextFor(target), true);
  const replicaErrors = out.facts.replicaErrors.map(({ stack: _stack, ...rest }) => rest);
  return { hash: traceHash(out.trace ?? []), facts: { ...out.facts, replicaErrors } };
}

const workload = baseScenario({
  n: 4,
  clients: 2,
  requests: [
    { client: 0, atMs: 0, operation: 'put a 1' },
    { client: 1, atMs: 2, operation: 'put b 2' },
    { client: 0, atMs: 5, operation: 'get a' },
  ],
  network: { delayMsMin: 1, delayMsMax: 4, preGstDelayMsMax: 20, dropPercent: 20 },
  gstMs: 15,
  tape: [3, 0, 200, 7, 1, 9, 40, 0, 2, 2, 5, 60, 1, 1, 0, 3, 30, 8],
});

describe('async and effect-returning replicas behave exactly like their synchronous twin', () => {
  it.each(BINDINGS)('%s: timers, messages, clients, randomness (ticker replica)', async (_name, bind) => {
    const sync = await fingerprint(workload, targetOf(ticker, { client: { sendFirstTo: 'all' } }));
    const twin = await fingerprint(workload, targetOf(bind(ticker), { client: { sendFirstTo: 'all' } }));
    expect(sync.facts.commits.length).toBeGreaterThan(0);
    expect(sync.facts.accepted.length).toBe(3);
    expect(twin.facts).toEqual(sync.facts);
    expect(twin.hash).toBe(sync.hash);
  });

  // Random scenarios, without Byzantine replicas (see the next block for those).
  const honestScenarios = fc.sample(scenarioArbitrary(defaultSpace([], { timeMs: 5_000, events: 20_000 })), { numRuns: 25, seed: 7 });

  it.each(BINDINGS)('%s: naive-broadcast on 25 random scenarios', async (_name, bind) => {
    for (const scenario of honestScenarios) {
      const sync = await fingerprint(scenario, naive);
      const twin = await fingerprint(scenario, { ...naive, createReplica: bind(naive.createReplica as ReplicaFactory<unknown>) });
      expect(twin.facts).toEqual(sync.facts);
      expect(twin.hash).toBe(sync.hash);
    }
  });
});

describe('adversaries wrap async and effect-returning replicas like synchronous ones', () => {
  // equivocator (replica 0) lies to replicas 1 and 2; replica 0 is where the client sends first.
  const lying: Scenario = baseScenario({
    requests: [{ client: 0, atMs: 0, operation: 'put a 1' }],
    byzantine: [{ node: 0, adversary: 'equivocator', params: { mask: 0b0110, variant: 1 } }],
  });

  it('sanity: the synchronous naive-broadcast under the equivocator commits the altered value at replicas 1 and 2', async () => {
    const sync = await fingerprint(lying, naive);
    expect(sync.facts.commits.map((c) => [c.replica, c.value])).toEqual(
      expect.arrayContaining([[1, 'put a 1~1'], [2, 'put a 1~1'], [3, 'put a 1']]),
    );
  });

  // Regression: effects a handler *returns* must go through the doctored context the adversary gave
  // the honest code, not straight to the slot's real context — otherwise an interposing adversary
  // (equivocator) has no effect on replicas that return effects (every subprocess replica).
  it.each(BINDINGS)('%s: the equivocator still equivocates', async (_name, bind) => {
    const sync = await fingerprint(lying, naive);
    const twin = await fingerprint(lying, { ...naive, createReplica: bind(naive.createReplica as ReplicaFactory<unknown>) });
    expect(twin.facts.commits).toEqual(sync.facts.commits);
    expect(twin.hash).toBe(sync.hash);
  });

  const byzantineScenarios = fc
    .sample(scenarioArbitrary(defaultSpace(ADVERSARIES, { timeMs: 5_000, events: 20_000 })), { numRuns: 40, seed: 11 })
    .filter((s) => s.byzantine.length > 0);

  it('async naive-broadcast (calling the context) under random adversaries matches the synchronous runs', async () => {
    expect(byzantineScenarios.length).toBeGreaterThan(5);
    for (const scenario of byzantineScenarios) {
      const sync = await fingerprint(scenario, naive);
      const twin = await fingerprint(scenario, { ...naive, createReplica: asyncCalls(naive.createReplica as ReplicaFactory<unknown>) });
      expect(twin.facts).toEqual(sync.facts);
      expect(twin.hash).toBe(sync.hash);
    }
  });
});

describe('work a replica leaves pending after its handler returned', () => {
  // A wrapped replica that starts async work without returning it (`void this.process(msg)`, common
  // behind an injected network object) must not have that work lost or recorded after the run:
  // runScenarioChecked (the campaign path) reports it as a finding, and a target that sets
  // drainAfterEachEvent has it applied within its event.
  it('is applied within its event, or reported as a finding — not lost or recorded after the run', async () => {
    const fireAndForget = targetOf((ctx) => ({
      init: () => {
        if (ctx.config.id === 0) ctx.broadcast('hi');
      },
      onMessage: (from) => {
        void Promise.resolve().then(() => {
          ctx.commit(1, 'x');
          ctx.send(from, 'ack');
        });
      },
      onRequest: () => {},
    }));
    const out = await runScenarioChecked(baseScenario(), contextFor(fireAndForget), true);
    const snapshot = JSON.stringify(out.facts);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(JSON.stringify(out.facts)).toBe(snapshot); // facts do not change after the run is over
    const applied = out.facts.deliveries === 3 + 3 && out.facts.commits.length === 3;
    const reported = out.facts.replicaErrors.length > 0;
    expect(applied || reported).toBe(true);
  });

  it('is applied within its event when the target asks the harness to drain after each event', async () => {
    const fireAndForget = targetOf((ctx) => ({
      init: () => {
        if (ctx.config.id === 0) ctx.broadcast('hi');
      },
      onMessage: () => {
        void Promise.resolve().then(() => ctx.commit(1, 'x'));
      },
      onRequest: () => {},
    }));
    const out = await runScenarioChecked(baseScenario(), contextFor({ ...fireAndForget, drainAfterEachEvent: true }), true);
    expect(out.facts.replicaErrors).toEqual([]);
    expect(out.facts.commits.map((c) => c.replica)).toEqual([1, 2, 3]);
  });
});
