import { describe, expect, it } from 'vitest';
import type { ReplicaFactory } from '../src/adapter/contract.js';
import { DEFAULT_CLIENT_OPTIONS } from '../src/adapter/contract.js';
import { runScenario } from '../src/check/run-scenario.js';
import { ed25519CacheStats, ed25519Crypto } from '../src/crypto/ed25519.js';
import type { Scenario } from '../src/scenario/types.js';
import type { RunFacts } from '../src/sim/facts.js';
import { World } from '../src/sim/world.js';
import pbft from '../targets/pbft/index.js';

const OPS = ['put a 7', 'transfer 10 alice bob', 'get a', 'transfer 100 from Alice to Bob', 'balance bob'];

function scenario(seed: number, extra: Partial<Scenario> = {}): Scenario {
  return {
    version: 1, n: 4, clients: 1,
    requests: OPS.map((operation, i) => ({ client: 0, atMs: i, operation })),
    byzantine: [], beyondF: false,
    network: { delayMsMin: 1, delayMsMax: 10, preGstDelayMsMax: 10, dropPercent: 0 },
    gstMs: 0, limits: { timeMs: 20_000, events: 200_000 }, seed, tape: [],
    ...extra,
  };
}

function expectCompleted(s: Scenario, facts: RunFacts): void {
  expect(facts.replicaErrors).toEqual([]);
  expect(facts.accepted.map((a) => a.requestId).sort((a, b) => a - b)).toEqual(OPS.map((_, i) => i + 1));
  const honest = facts.honest.flatMap((h, i) => (h ? [i] : []));
  const orders = new Set(honest.map((r) => facts.executions.filter((e) => e.replica === r).map((e) => `${e.seq}:${e.operation}=${e.result}`).join(',')));
  expect(orders.size).toBe(1);
  expect(facts.executions.filter((e) => e.replica === honest[0]).length).toBe(s.requests.length);
}

describe('PBFT with real ed25519 signatures', () => {
  for (const seed of [1, 2, 3]) {
    it(`executes every request at every replica (seed ${seed})`, () => {
      const s = scenario(seed);
      const before = ed25519CacheStats();
      const { facts } = runScenario(s, { target: pbft as never, adversaries: new Map(), crypto: ed25519Crypto }) as { facts: RunFacts };
      expectCompleted(s, facts);
      expect(ed25519CacheStats().signs).toBeGreaterThan(before.signs);
    });
  }

  it('recovers from pre-GST message loss', () => {
    const tape = Array.from({ length: 300 }, (_, i) => (i * 89 + 7) % 256);
    const s = scenario(4, { network: { delayMsMin: 1, delayMsMax: 10, preGstDelayMsMax: 60, dropPercent: 20 }, gstMs: 300, tape });
    const { facts } = runScenario(s, { target: pbft as never, adversaries: new Map(), crypto: ed25519Crypto }) as { facts: RunFacts };
    expect(facts.replicaErrors).toEqual([]);
    expect(facts.accepted).toHaveLength(OPS.length);
  });

  it('changes view past a silent primary', () => {
    const s = scenario(5);
    const silent: ReplicaFactory<unknown> = () => ({ onMessage: () => undefined, onRequest: () => undefined });
    const world = new World({
      scenario: s, factories: [silent, pbft.createReplica as ReplicaFactory<unknown>, pbft.createReplica as ReplicaFactory<unknown>, pbft.createReplica as ReplicaFactory<unknown>],
      honest: [false, true, true, true], client: { ...DEFAULT_CLIENT_OPTIONS, ...pbft.client }, crypto: ed25519Crypto(s.seed, s.n + s.clients), trace: false,
    });
    expectCompleted(s, world.run() as RunFacts);
  });

  it('replays a run with the same seed from the caches, with identical facts', () => {
    const s = scenario(1);
    const context = { target: pbft as never, adversaries: new Map(), crypto: ed25519Crypto };
    const first = runScenario(s, context) as { facts: RunFacts };
    const before = ed25519CacheStats();
    const again = runScenario(s, context) as { facts: RunFacts };
    const after = ed25519CacheStats();
    expect(again.facts.executions).toEqual(first.facts.executions);
    expect(after.signs - before.signs).toBe(0);
    expect(after.verifies - before.verifies).toBe(0);
  });
});
