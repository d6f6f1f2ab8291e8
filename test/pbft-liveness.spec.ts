import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClientRequest, NodeId, Replica, ReplicaContext, ReplicaFactory } from '../src/adapter/contract.js';
import { DEFAULT_CLIENT_OPTIONS, faultsTolerated } from '../src/adapter/contract.js';
import { runScenario } from '../src/check/run-scenario.js';
import { symbolicCrypto } from '../src/crypto/symbolic.js';
import type { Scenario } from '../src/scenario/types.js';
import type { RunFacts } from '../src/sim/facts.js';
import { World } from '../src/sim/world.js';
import pbft, { PbftReplica, type PbftMessage, type PbftOptions } from '../targets/pbft/index.js';

const OPS = ['put a 7', 'get a', 'transfer 10 alice bob', 'transfer 100 from Alice to Bob', 'balance bob', 'get b', 'put b 3', 'frobnicate', 'get b', 'transfer 2000 bob carol'];

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function scenario(overrides: Partial<Mutable<Scenario>> = {}): Scenario {
  return {
    version: 1, n: 4, clients: 1,
    requests: OPS.map((operation, i) => ({ client: 0, atMs: i, operation })),
    byzantine: [], beyondF: false,
    network: { delayMsMin: 1, delayMsMax: 10, preGstDelayMsMax: 10, dropPercent: 0 },
    gstMs: 0, limits: { timeMs: 20_000, events: 500_000 }, seed: 7, tape: [],
    ...overrides,
  };
}

/** How a replica slot behaves in a hand-built world. */
type SlotPlan =
  | { readonly kind: 'honest' }
  | { readonly kind: 'silent' }
  | { readonly kind: 'crash'; readonly atMs: number }
  | { readonly kind: 'partitioned'; readonly untilMs: number }
  | { readonly kind: 'amnesia'; readonly atMs: number; readonly untilMs: number };

const HONEST: SlotPlan = { kind: 'honest' };
const SILENT: SlotPlan = { kind: 'silent' };

const SILENT_REPLICA: Replica<unknown> = { onMessage: () => undefined, onRequest: () => undefined };

/** Runs the honest code, but hears and says nothing while `cut()` holds (a crash, or a partition that heals). */
function cutOff(ctx: ReplicaContext<unknown>, cut: () => boolean, keep: (r: PbftReplica) => void, options: Partial<PbftOptions>): Replica<unknown> {
  const doctored: ReplicaContext<PbftMessage> = {
    ...(ctx as ReplicaContext<PbftMessage>),
    send: (to, payload) => { if (!cut()) ctx.send(to, payload); },
    broadcast: (payload) => { if (!cut()) ctx.broadcast(payload); },
    reply: (client, requestId, result) => { if (!cut()) ctx.reply(client, requestId, result); },
  };
  const inner = new PbftReplica(doctored, options);
  keep(inner);
  return {
    init: () => inner.init(),
    onMessage: (from, payload) => (cut() ? undefined : inner.onMessage(from, payload as PbftMessage)),
    onRequest: (request: ClientRequest) => (cut() ? undefined : inner.onRequest(request)),
    onTimer: (id) => inner.onTimer(id),
  };
}

interface HandRun {
  readonly facts: RunFacts;
  /** The replica objects of the honest slots (null for faulty ones). */
  readonly replicas: readonly (PbftReplica | null)[];
}

/** Restarts without state: down during [atMs, untilMs), then a fresh instance that must catch up. */
function amnesiac(ctx: ReplicaContext<unknown>, atMs: number, untilMs: number, keep: (r: PbftReplica) => void): Replica<unknown> {
  const down = (): boolean => ctx.now() >= atMs && ctx.now() < untilMs;
  let inner = cutOff(ctx, down, keep, {});
  let restarted = false;
  ctx.setTimer('test:restart', untilMs);
  return {
    init: () => inner.init?.(),
    onMessage: (from, payload) => inner.onMessage(from, payload),
    onRequest: (request) => inner.onRequest(request),
    onTimer: (id) => {
      if (id !== 'test:restart') return down() ? undefined : inner.onTimer?.(id);
      if (restarted) return undefined;
      restarted = true;
      inner = cutOff(ctx, () => false, keep, {});
      return inner.init?.();
    },
  };
}

function runWith(s: Scenario, plans: readonly SlotPlan[], options: Partial<PbftOptions> = {}): HandRun {
  const replicas: (PbftReplica | null)[] = [];
  const factories: ReplicaFactory<unknown>[] = [];
  const honest: boolean[] = [];
  for (let i = 0; i < s.n; i++) {
    const plan = plans[i] ?? HONEST;
    replicas.push(null);
    const keep = (r: PbftReplica): void => { replicas[i] = r; };
    honest.push(plan.kind === 'honest' || plan.kind === 'partitioned');
    // The amnesiac's replica object is inspected, but its re-executions are a fault's, not an honest replica's.
    if (plan.kind === 'silent') factories.push(() => SILENT_REPLICA);
    else if (plan.kind === 'crash') factories.push((ctx) => cutOff(ctx, () => ctx.now() >= plan.atMs, () => undefined, options));
    else if (plan.kind === 'partitioned') factories.push((ctx) => cutOff(ctx, () => ctx.now() < plan.untilMs, keep, options));
    else if (plan.kind === 'amnesia') factories.push((ctx) => amnesiac(ctx, plan.atMs, plan.untilMs, keep));
    else factories.push((ctx) => cutOff(ctx, () => false, keep, options));
  }
  const world = new World({
    scenario: s, factories, honest, client: { ...DEFAULT_CLIENT_OPTIONS, ...pbft.client }, crypto: symbolicCrypto(s.seed, s.n), trace: false,
  });
  return { facts: world.run() as RunFacts, replicas };
}

function honestIds(facts: RunFacts): NodeId[] {
  return facts.honest.flatMap((h, i) => (h ? [i] : []));
}

/** Every request was accepted by its client, with no replica error. */
function expectAllAccepted(s: Scenario, facts: RunFacts): void {
  expect(facts.replicaErrors).toEqual([]);
  expect(facts.submitted.length).toBe(s.requests.length);
  const accepted = new Set(facts.accepted.map((a) => `${a.client}/${a.requestId}`));
  for (const sub of facts.submitted) expect(accepted.has(`${sub.client}/${sub.requestId}`), `request ${sub.client}/${sub.requestId}`).toBe(true);
}

/** Honest replicas never disagree: one value per seq, and the same executions at every seq. */
function expectAgreement(facts: RunFacts): void {
  const values = new Map<number, string>();
  const seen = new Set<string>();
  for (const c of facts.commits) {
    const key = `${c.replica}@${c.seq}`;
    expect(seen.has(key), `replica ${c.replica} committed seq ${c.seq} twice`).toBe(false);
    seen.add(key);
    const v = values.get(c.seq);
    if (v === undefined) values.set(c.seq, c.value);
    else expect(c.value, `seq ${c.seq}`).toBe(v);
  }
  const bySeq = new Map<number, Map<NodeId, string>>();
  for (const e of facts.executions) {
    let m = bySeq.get(e.seq);
    if (m === undefined) bySeq.set(e.seq, (m = new Map()));
    m.set(e.replica, `${m.get(e.replica) ?? ''}${e.operation}=>${e.result};`);
  }
  for (const [seq, m] of bySeq) expect(new Set(m.values()).size, `executions at seq ${seq}`).toBe(1);
}

/** No honest replica executed more than was submitted (each request at most once). */
function expectAtMostOnce(facts: RunFacts): void {
  const submitted = facts.submitted.map((x) => x.operation).sort();
  for (const id of honestIds(facts)) {
    const ops = facts.executions.filter((e) => e.replica === id).map((e) => e.operation).sort();
    const pool = [...submitted];
    for (const op of ops) {
      const at = pool.indexOf(op);
      expect(at, `replica ${id} executed ${JSON.stringify(op)} more often than submitted`).toBeGreaterThanOrEqual(0);
      pool.splice(at, 1);
    }
  }
}

/** Every honest replica executed every submitted request exactly once, in one common order. */
function expectExecutedEverywhere(s: Scenario, facts: RunFacts): void {
  expectAllAccepted(s, facts);
  expectAgreement(facts);
  const submitted = facts.submitted.map((x) => x.operation).sort();
  const orders = new Set<string>();
  for (const id of honestIds(facts)) {
    const mine = facts.executions.filter((e) => e.replica === id);
    expect(mine.map((e) => e.operation).sort(), `replica ${id}`).toEqual(submitted);
    orders.add(mine.map((e) => `${e.seq}:${e.operation}`).join(','));
  }
  expect(orders.size).toBe(1);
}

/** All honest replicas ended in the same state at the same point (by execution or by state transfer). */
function expectConverged(run: HandRun): void {
  const states = run.replicas.flatMap((r) => (r === null ? [] : [r.inspect()]));
  expect(new Set(states.map((p) => `${p.lastExecuted}/${p.stateDigest}`)).size, JSON.stringify(states)).toBe(1);
}

describe('PBFT without faults', () => {
  for (const n of [4, 7, 10]) {
    it(`executes every request at every replica in one order (n=${n})`, () => {
      const s = scenario({ n });
      const { facts } = runScenario(s, { target: pbft as never, adversaries: new Map() }) as { facts: RunFacts };
      expectExecutedEverywhere(s, facts);
      expect(facts.stopReason).toBe('quiescent');
    });
  }

  it('is deterministic: the same scenario yields the same trace', () => {
    const tape = Array.from({ length: 300 }, (_, i) => (i * 31 + 5) % 256);
    const s = scenario({ network: { delayMsMin: 1, delayMsMax: 10, preGstDelayMsMax: 80, dropPercent: 20 }, gstMs: 500, tape });
    const context = { target: pbft as never, adversaries: new Map() };
    const a = runScenario(s, context, true) as { trace: unknown[] };
    const b = runScenario(s, context, true) as { trace: unknown[] };
    expect(a.trace.length).toBeGreaterThan(100);
    expect(JSON.stringify(b.trace)).toBe(JSON.stringify(a.trace));
  });

  it('batches concurrent requests of several clients into fewer sequence numbers', () => {
    const requests = Array.from({ length: 12 }, (_, i) => ({ client: i % 6, atMs: 0, operation: `put k${i} ${i}` }));
    const s = scenario({ clients: 6, requests });
    const { facts } = runScenario(s, { target: pbft as never, adversaries: new Map() }) as { facts: RunFacts };
    expectExecutedEverywhere(s, facts);
    const seqs = new Set(facts.executions.filter((e) => e.replica === 0).map((e) => e.seq));
    expect(seqs.size).toBeLessThan(12);
  });

  it('takes checkpoints and garbage-collects: the low watermark advances at every replica', () => {
    const run = runWith(scenario(), []);
    expectExecutedEverywhere(scenario(), run.facts);
    for (const r of run.replicas) expect(r?.inspect().stable).toBe(10);
  });
});

describe('PBFT with up to f crashed or silent replicas', () => {
  it('changes view when the primary is silent from the start (n=4)', () => {
    const s = scenario();
    const run = runWith(s, [SILENT]);
    expectExecutedEverywhere(s, run.facts);
    for (const r of run.replicas) if (r !== null) expect(r.inspect().view).toBeGreaterThanOrEqual(1);
  });

  it('changes view when the primary crashes mid-run (n=4)', () => {
    const s = scenario({ requests: OPS.map((operation, i) => ({ client: 0, atMs: i * 30, operation })) });
    const run = runWith(s, [{ kind: 'crash', atMs: 100 }]);
    expectAllAccepted(s, run.facts);
    expectAgreement(run.facts);
    expectAtMostOnce(run.facts);
    expectConverged(run);
    for (const r of run.replicas) if (r !== null) expect(r.inspect().lastExecuted).toBeGreaterThanOrEqual(10);
  });

  for (const [n, silent] of [[4, [1]], [7, [0, 3]], [7, [0, 1]], [10, [0, 1, 2]], [10, [0, 5, 9]]] as const) {
    it(`makes progress with replicas ${silent.join(',')} silent (n=${n}, f=${faultsTolerated(n)})`, () => {
      const s = scenario({ n });
      const plans = Array.from({ length: n }, (_, i) => ((silent as readonly number[]).includes(i) ? SILENT : HONEST));
      const run = runWith(s, plans);
      expectExecutedEverywhere(s, run.facts);
      expectConverged(run);
    });
  }
});

describe('PBFT catching up', () => {
  const spaced = (): Scenario => scenario({ requests: OPS.map((operation, i) => ({ client: 0, atMs: i * 20, operation })) });

  it('brings a replica partitioned past two checkpoints back by re-executing committed certificates', () => {
    const s = spaced();
    const run = runWith(s, [HONEST, HONEST, HONEST, { kind: 'partitioned', untilMs: 400 }]);
    expectExecutedEverywhere(s, run.facts);
    expectConverged(run);
    const late = run.facts.executions.filter((e) => e.replica === 3);
    expect(Math.min(...late.map((e) => e.timeMs))).toBeGreaterThanOrEqual(400);
  });

  it('brings it back by state transfer when peers have garbage-collected the certificates', () => {
    const s = spaced();
    const run = runWith(s, [HONEST, HONEST, HONEST, { kind: 'partitioned', untilMs: 400 }], { catchUpHistory: 0 });
    expectAllAccepted(s, run.facts);
    expectAgreement(run.facts);
    expectAtMostOnce(run.facts);
    expectConverged(run);
    const late = run.facts.executions.filter((e) => e.replica === 3);
    expect(late.length).toBeLessThan(10);
    expect(run.replicas[3]?.inspect().lastExecuted).toBe(10);
  });

  it('brings a replica that restarts without state back to the common state', () => {
    const s = spaced();
    const run = runWith(s, [HONEST, HONEST, { kind: 'amnesia', atMs: 50, untilMs: 500 }, HONEST]);
    expectAllAccepted(s, run.facts);
    expectAgreement(run.facts);
    expectConverged(run);
    expect(run.replicas[2]?.inspect().lastExecuted).toBe(10);
  });

  it('recovers from message loss before GST: all requests complete and replicas agree afterwards', () => {
    const tape = Array.from({ length: 400 }, (_, i) => (i * 97 + 13) % 256);
    const s = scenario({ network: { delayMsMin: 1, delayMsMax: 10, preGstDelayMsMax: 100, dropPercent: 30 }, gstMs: 800, tape });
    const run = runWith(s, []);
    expectAllAccepted(s, run.facts);
    expectAgreement(run.facts);
    expectAtMostOnce(run.facts);
    expectConverged(run);
  });
});

/** A generated scenario: size, workload, network before GST and the tape; up to f silent replicas. */
const campaignArb = fc.record({
  n: fc.constantFrom(4, 7),
  clients: fc.integer({ min: 1, max: 3 }),
  requests: fc.array(fc.record({ client: fc.nat(2), atMs: fc.nat(200), operation: fc.constantFrom(...OPS) }), { minLength: 1, maxLength: 10 }),
  silentMask: fc.nat(127),
  dropPercent: fc.nat(30),
  preGstExtraMs: fc.nat(90),
  gstMs: fc.nat(1000),
  seed: fc.nat(),
  tape: fc.array(fc.nat(255), { maxLength: 200 }),
});

describe('PBFT under a generated campaign', () => {
  it('completes every request and keeps agreement after GST with ≤ f silent replicas and pre-GST loss', () => {
    fc.assert(
      fc.property(campaignArb, (raw) => {
        const f = faultsTolerated(raw.n);
        const plans: SlotPlan[] = [];
        let silentCount = 0;
        for (let i = 0; i < raw.n; i++) {
          const silent = ((raw.silentMask >> i) & 1) === 1 && silentCount < f;
          if (silent) silentCount++;
          plans.push(silent ? SILENT : HONEST);
        }
        const s = scenario({
          n: raw.n, clients: raw.clients, requests: raw.requests.map((r) => ({ ...r, client: r.client % raw.clients })),
          network: { delayMsMin: 1, delayMsMax: 10, preGstDelayMsMax: 10 + raw.preGstExtraMs, dropPercent: raw.dropPercent },
          gstMs: raw.gstMs, seed: raw.seed, tape: raw.tape,
        });
        const run = runWith(s, plans);
        expectAllAccepted(s, run.facts);
        expectAgreement(run.facts);
        expectAtMostOnce(run.facts);
        expectConverged(run);
      }),
      { numRuns: 300, seed: 20_250_101 },
    );
  });
});
