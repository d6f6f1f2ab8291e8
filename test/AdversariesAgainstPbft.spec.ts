import { describe, expect, it } from 'vitest';
import { ADVERSARIES } from '../adversaries/index.js';
import { PROPERTIES } from '../properties/index.js';
import { clientRequestSigningData, type Replica } from '../src/adapter/contract.js';
import { defineAdversary } from '../src/adversary.js';
import { runScenarioChecked, type RunOutcome } from '../src/check/run-scenario.js';
import { judge } from '../src/check/verdict.js';
import type { Scenario } from '../src/scenario/types.js';
import type { TraceEvent } from '../src/sim/trace.js';
import { fourRequestScenario } from './fixtures/four-requests.js';
import pbft from '../targets/pbft/index.js';
import { batchDigest, seal, type PbftMessage, type PrePrepareMsg } from '../targets/pbft/messages.js';
import { z } from 'zod';
import fc from 'fast-check';

/** A Byzantine primary that proposes an operation no client sent, signed with its own key but not the client's. */
const inventor = defineAdversary<Record<string, never>>({
  name: 'inventor',
  description: 'test-only: proposes a made-up client request',
  params: () => fc.constant({}),
  schema: z.object({}).strict(),
  enact: ({ ctx }): Replica<unknown> => ({
    init: () => {
      const request = { client: ctx.config.n, requestId: 1, operation: 'transfer 1000000 alice mallory' };
      const forged = { ...request, signature: ctx.sign(clientRequestSigningData(request)) };
      const pp = seal<PrePrepareMsg>({ type: 'PRE-PREPARE', view: 0, seq: 1, digest: batchDigest([forged]), requests: [forged], sender: ctx.config.id, sig: '' }, (d) => ctx.sign(d));
      ctx.broadcast(pp);
    },
    onMessage: () => undefined,
    onRequest: () => undefined,
  }),
});

const ADVERSARY_MAP = new Map([...ADVERSARIES, inventor].map((a) => [a.name, a]));

const scenario = fourRequestScenario;

async function run(s: Scenario): Promise<RunOutcome & { trace: TraceEvent[] }> {
  const out = await runScenarioChecked(s, { target: pbft, adversaries: ADVERSARY_MAP, properties: PROPERTIES }, true);
  return { ...out, trace: out.trace ?? [] };
}

type Delivery = { from: number; to: number; t: number; m: PbftMessage & Record<string, unknown> };
function deliveries(trace: readonly TraceEvent[], from?: number): Delivery[] {
  return trace.flatMap((e) =>
    e.kind === 'deliver' && e.to < 4 && (from === undefined || e.from === from) ? [{ from: e.from, to: e.to, t: e.t, m: JSON.parse(e.payload) as Delivery['m'] }] : [],
  );
}
const sends = (trace: readonly TraceEvent[], from: number) => trace.filter((e): e is Extract<TraceEvent, { kind: 'send' }> => e.kind === 'send' && e.from === from);

/** Safety and liveness hold, and every request was accepted by its client. */
function expectCorrect(out: RunOutcome, s: Scenario): void {
  expect(judge(s, out.facts, PROPERTIES).violations).toEqual([]);
  expect(out.facts.accepted).toHaveLength(s.requests.length);
}

describe('each Byzantine strategy does what it says against the reference PBFT (≤ f faulty: PBFT survives)', () => {
  it('silent: the primary never sends anything; a view change restores progress', async () => {
    const s = scenario([{ node: 0, adversary: 'silent', params: {} }]);
    const out = await run(s);
    expect(sends(out.trace, 0)).toEqual([]);
    expect(deliveries(out.trace).some((d) => d.m.type === 'NEW-VIEW')).toBe(true);
    expectCorrect(out, s);
  });

  it('crash: the replica works until atMs, then sends nothing more', async () => {
    const s = scenario([{ node: 1, adversary: 'crash', params: { atMs: 30 } }]);
    const out = await run(s);
    expect(sends(out.trace, 1).some((e) => e.t < 30)).toBe(true);
    expect(sends(out.trace, 1).filter((e) => e.t >= 30)).toEqual([]);
    expectCorrect(out, s);
  });

  it.each([true, false])('crash-restart (keepState %s): silent while down, acting again after the restart', async (keepState) => {
    const later = [{ client: 0, atMs: 600, operation: 'put c 3' }, { client: 1, atMs: 600, operation: 'get b' }];
    const s = scenario([{ node: 2, adversary: 'crash-restart', params: { crashAtMs: 10, downMs: 400, keepState } }]);
    const withLater = { ...s, requests: [...s.requests, ...later] };
    const out = await run(withLater);
    expect(sends(out.trace, 2).filter((e) => e.t >= 10 && e.t < 410)).toEqual([]);
    expect(sends(out.trace, 2).some((e) => e.t >= 410)).toBe(true);
    expectCorrect(out, withLater);
  });

  it('selective-sender: only the replicas in its mask ever hear from it', async () => {
    const s = scenario([{ node: 1, adversary: 'selective-sender', params: { mask: 0b0100 } }]);
    const out = await run(s);
    const heard = new Set(deliveries(out.trace, 1).map((d) => d.to));
    expect([...heard]).toEqual([2]);
    expectCorrect(out, s);
  });

  it('equivocator: replicas in the mask get a different digest for the same slot than the others', async () => {
    const s = scenario([{ node: 1, adversary: 'equivocator', params: { mask: 0b0100, variant: 1 } }]);
    const out = await run(s);
    const prepares = deliveries(out.trace, 1).filter((d) => d.m.type === 'PREPARE' && d.m['seq'] === 1);
    const to2 = prepares.find((d) => d.to === 2)?.m['digest'];
    const to3 = prepares.find((d) => d.to === 3)?.m['digest'];
    expect(to2).toBeDefined();
    expect(to2).not.toBe(to3);
    expectCorrect(out, s);
  });

  it('equivocating-primary: two honest backups receive different PRE-PREPAREs for one (v, n)', async () => {
    const s = scenario([{ node: 0, adversary: 'equivocating-primary', params: { sideMask: 0b1000, clientMask: 0b10 } }]);
    const out = await run(s);
    const pps = deliveries(out.trace, 0).filter((d) => d.m.type === 'PRE-PREPARE' && d.m['view'] === 0 && d.m['seq'] === 1);
    const digests = new Map(pps.map((d) => [d.to, d.m['digest']]));
    expect(digests.get(1)).toBeDefined();
    expect(digests.get(3)).toBeDefined();
    expect(digests.get(1)).not.toBe(digests.get(3));
    expectCorrect(out, s);
  });

  it('twins: two processes answer under one identity (each arms its own timers and replies to the client)', async () => {
    const s = scenario([{ node: 1, adversary: 'twins', params: { sideMask: 0b1000 } }]);
    const out = await run(s);
    const timers = out.trace.filter((e): e is Extract<TraceEvent, { kind: 'timer' }> => e.kind === 'timer' && e.node === 1);
    const twin0 = timers.some((e) => e.id.startsWith('twin0:'));
    const twin1 = timers.some((e) => e.id.startsWith('twin1:'));
    const repliesFrom1 = out.trace.filter((e) => e.kind === 'send' && e.from === 1 && e.to >= 4);
    const perRequest = new Map<string, number>();
    for (const e of repliesFrom1) if (e.kind === 'send') perRequest.set(`${e.to}/${(JSON.parse(e.payload) as { requestId: number }).requestId}`, (perRequest.get(`${e.to}/${(JSON.parse(e.payload) as { requestId: number }).requestId}`) ?? 0) + 1);
    expect(twin0 || twin1).toBe(true);
    expect(Math.max(...perRequest.values())).toBeGreaterThanOrEqual(2);
    expectCorrect(out, s);
  });

  it('small-scope-mutation: in the chosen round its messages carry view + 1', async () => {
    const s = scenario([{ node: 1, adversary: 'small-scope-mutation', params: { rounds: [1], plan: [1] } }]);
    const out = await run(s);
    const early = deliveries(out.trace, 1).filter((d) => d.m['seq'] === 1 && d.t < 50);
    expect(early.length).toBeGreaterThan(0);
    expect(early.every((d) => d.m['view'] === 1)).toBe(true);
    expectCorrect(out, s);
  });

  it('any-scope-mutation: arbitrary values (here a forged digest) in its messages', async () => {
    const s = scenario([{ node: 2, adversary: 'any-scope-mutation', params: { plan: [2] } }]);
    const out = await run(s);
    expect(deliveries(out.trace, 2).some((d) => d.m['digest'] === 'forged-2')).toBe(true);
    expectCorrect(out, s);
  });

  it('replay-old: re-sends messages other replicas signed earlier', async () => {
    const s = scenario([{ node: 3, adversary: 'replay-old', params: { everyK: 1, lag: 1 } }]);
    const out = await run(s);
    expect(deliveries(out.trace, 3).some((d) => d.m['sender'] !== 3)).toBe(true);
    expectCorrect(out, s);
  });

  it('forged-signature: claims another author; honest replicas reject and the run counts it', async () => {
    const s = scenario([{ node: 1, adversary: 'forged-signature', params: { everyK: 1, victimOffset: 1 } }]);
    const out = await run(s);
    expect(deliveries(out.trace, 1).some((d) => d.m['sender'] !== 1)).toBe(true);
    expect(out.facts.rejectedSignatures).toBeGreaterThan(0);
    expectCorrect(out, s);
  });

  it('view-change-storm: demands view changes again and again; the honest majority never follows', async () => {
    const s = scenario([{ node: 2, adversary: 'view-change-storm', params: { periodMs: 20 } }]);
    const out = await run(s);
    const all = deliveries(out.trace);
    expect(all.filter((d) => d.from === 2 && d.m.type === 'VIEW-CHANGE').length).toBeGreaterThanOrEqual(10);
    expect(all.filter((d) => d.from !== 2 && d.m.type === 'VIEW-CHANGE')).toEqual([]);
    expectCorrect(out, s);
  });

  it('lying-proofs: claims checkpoints of a state that never existed; nobody adopts them', async () => {
    const requests = Array.from({ length: 7 }, (_, i) => ({ client: 0, atMs: 0, operation: `put k${i} ${i}` }));
    const s = scenario([{ node: 1, adversary: 'lying-proofs', params: { plan: [1] } }], { requests, clients: 1 });
    const out = await run(s);
    expect(deliveries(out.trace, 1).some((d) => d.m.type === 'CHECKPOINT' && String(d.m['digest']).startsWith('fabricated-state'))).toBe(true);
    expectCorrect(out, s);
  });

  it("seed002-faulty: never sends a COMMIT, and fakes or drops PREPAREs", async () => {
    const s = scenario([{ node: 3, adversary: 'seed002-faulty', params: {} }]);
    const out = await run(s);
    const from3 = deliveries(out.trace, 3);
    expect(from3.filter((d) => d.m.type === 'COMMIT')).toEqual([]);
    expect(from3.some((d) => d.m.type === 'PREPARE')).toBe(true);
    expectCorrect(out, s);
  });

  it('coalition: f = 2 colluding replicas acting on one plan (equivocating primary and its twin)', async () => {
    const plan = { adversary: 'equivocating-primary', params: { sideMask: 0b1110000, clientMask: 0b10 } };
    const s = scenario([{ node: 0, ...plan }, { node: 1, ...plan }], { n: 7 });
    const out = await run(s);
    const pps = deliveries(out.trace, 0).filter((d) => d.m.type === 'PRE-PREPARE' && d.m['view'] === 0 && d.m['seq'] === 1);
    expect(new Set(pps.map((d) => d.m['digest'])).size).toBe(2);
    expectCorrect(out, s);
  });

  it('a Byzantine primary cannot make honest replicas execute an operation no client sent', async () => {
    const s = scenario([{ node: 0, adversary: 'inventor', params: {} }]);
    const out = await run(s);
    expect(out.facts.executions.some((e) => e.operation === 'transfer 1000000 alice mallory')).toBe(false);
    expectCorrect(out, s);
  });
});
