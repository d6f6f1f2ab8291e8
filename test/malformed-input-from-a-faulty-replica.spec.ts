/**
 * A Byzantine replica can send anything: a payload that is not an object, or an object with a null,
 * missing, retyped or out-of-range field. An honest replica that throws on one is a replica-contract
 * finding about the honest replica; the faulty one's malformed sends ride beside any strategy.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ReplicaFactory } from '../src/adapter/contract.js';
import { defineAdversary, type AnyAdversary } from '../src/adversary.js';
import { runScenario } from '../src/check/run-scenario.js';
import { MALFORMED_KINDS, malformedEntry, malformPayload } from '../src/malformed-payload.js';
import { malformedAt } from '../src/malformed-sends.js';
import { scenarioArbitrary, defaultSpace } from '../src/scenario/arbitrary.js';
import { parseScenario } from '../src/scenario/schema.js';
import type { MalformedSend, Scenario } from '../src/scenario/types.js';
import { ADVERSARIES } from '../adversaries/index.js';
import { baseScenario, targetOf } from './fixtures/world-kit.js';
import fc from 'fast-check';

const PAYLOAD = { type: 'VOTE', view: 3, seq: 7, digest: 'd7', voters: [0, 1, 2], cert: { sender: 2, sig: 'S' } };

describe('malformed payloads', () => {
  it('replace the whole payload with a non-object, simplest first', () => {
    expect(MALFORMED_KINDS.slice(0, 5)).toEqual(['null', 'undefined', 'number', 'string', 'list']);
    expect(malformPayload(PAYLOAD, 'null', 0)).toEqual({ value: null });
    expect(malformPayload(PAYLOAD, 'undefined', 0)).toEqual({ value: undefined });
    expect(malformPayload(PAYLOAD, 'number', 2)).toEqual({ value: 2 ** 53 });
    expect(malformPayload(PAYLOAD, 'list', 0)).toEqual({ value: [PAYLOAD] });
    expect(malformedEntry(0)).toEqual({ kind: 'null', selector: 0 });
    expect(malformedEntry(MALFORMED_KINDS.length + 2)).toEqual({ kind: 'number', selector: 1 });
  });

  it('change one field at any depth, found by walking the payload (no codec)', () => {
    expect(malformPayload(PAYLOAD, 'field-null', 0)?.value).toEqual({ ...PAYLOAD, type: null });
    expect(malformPayload(PAYLOAD, 'field-missing', 1)?.value).toEqual({ type: 'VOTE', seq: 7, digest: 'd7', voters: [0, 1, 2], cert: { sender: 2, sig: 'S' } });
    expect(malformPayload(PAYLOAD, 'field-retyped', 1)?.value).toMatchObject({ view: '3' });
    expect(malformPayload(PAYLOAD, 'number-huge', 0)?.value).toMatchObject({ view: 2 ** 53 });
    expect(malformPayload(PAYLOAD, 'number-negative', 1)?.value).toMatchObject({ seq: -8 });
    expect(malformPayload(PAYLOAD, 'number-fraction', 0)?.value).toMatchObject({ view: 3.5 });
    expect(malformPayload(PAYLOAD, 'number-as-text', 0)?.value).toMatchObject({ view: '9007199254740996' });
    expect(malformPayload(PAYLOAD, 'list-emptied', 0)?.value).toMatchObject({ voters: [] });
    expect(malformPayload(PAYLOAD, 'list-doubled', 0)?.value).toMatchObject({ voters: [0, 1, 2, 0, 1, 2] });
    expect(malformPayload(PAYLOAD, 'field-retyped', 4)?.value).toMatchObject({ voters: { 0: 0, 1: 1, 2: 2 } });
    expect(malformPayload(PAYLOAD, 'field-missing', 6)?.value).toEqual({ ...PAYLOAD, cert: { sig: 'S' } });
    expect(malformPayload({ a: 1 }, 'list-emptied', 0)).toBeUndefined();
    expect(PAYLOAD.voters).toEqual([0, 1, 2]);
  });

  it('survive a JSON wire: every kind but undefined (which goes as null) is a JSON value', () => {
    for (const kind of MALFORMED_KINDS) {
      for (let selector = 0; selector < 12; selector++) {
        const out = malformPayload(PAYLOAD, kind, selector);
        if (out === undefined || kind === 'undefined') continue;
        expect(JSON.parse(JSON.stringify(out.value))).toEqual(out.value);
      }
    }
  });

  it('leave the outer signature alone and re-sign the changed payload as the original was signed', () => {
    const issued = new Map([['SIG-A', { signer: 1, data: JSON.stringify({ type: 'VOTE', view: 3 }) }]]);
    const table = { issued: (token: string) => issued.get(token) };
    const signed: string[] = [];
    const out = malformedAt([{ at: 0, kind: MALFORMED_KINDS.indexOf('field-null'), every: 0 }], 0, { type: 'VOTE', view: 3, sig: 'SIG-A' }, table, (data) => (signed.push(data), 'SIG-B'));
    expect(out).toEqual({ type: null, view: 3, sig: 'SIG-B' });
    expect(signed).toEqual([JSON.stringify({ type: null, view: 3 })]);
  });
});

/** Replica 0 broadcasts one `{ seq }` per init; every replica reads `seq` of what it receives without a check. */
const trusting: ReplicaFactory<unknown> = (ctx) => ({
  init: () => {
    if (ctx.config.id === 0) ctx.broadcast({ seq: 1, op: 'x' });
  },
  onMessage: (_from, m) => ctx.log(`seq ${(m as { seq: number }).seq.toFixed(0)}`),
  onRequest: () => {},
});

const passThrough: AnyAdversary = defineAdversary<Record<string, never>>({
  name: 'pass-through', description: 'runs the honest code unchanged', params: () => fc.constant({}), schema: z.object({}).strict(),
  enact: (env) => env.createHonest(env.ctx),
});
const context = { target: targetOf(trusting), adversaries: new Map([[passThrough.name, passThrough]]) };

function withMalformed(malformed: readonly MalformedSend[] | undefined): Scenario {
  return baseScenario({ byzantine: [{ node: 0, adversary: 'pass-through', params: {}, ...(malformed === undefined ? {} : { malformed }) }] });
}

describe('a faulty replica\'s malformed sends', () => {
  it('make an honest replica that reads a field of a null payload a replica-contract finding about that replica', async () => {
    const clean = await runScenario(withMalformed(undefined), context, true);
    expect(clean.facts.replicaErrors).toEqual([]);
    // Message 1 of the broadcast (to replica 2) is null; replicas 1 and 3 get the real one.
    const out = await runScenario(withMalformed([{ at: 1, kind: 0, every: 0 }]), context, true);
    expect(out.facts.replicaErrors.map((e) => [e.replica, e.event])).toEqual([[2, 'message from 0']]);
    expect(out.facts.replicaErrors[0]?.message).toMatch(/TypeError/);
  });

  it('pass a scenario file\'s schema, and are drawn last so a scenario without them is drawn as before', () => {
    const s = withMalformed([{ at: 3, kind: 17, every: 2 }]);
    expect(parseScenario(JSON.parse(JSON.stringify(s)), context.adversaries).byzantine[0]?.malformed).toEqual([{ at: 3, kind: 17, every: 2 }]);
    const space = defaultSpace(ADVERSARIES, { timeMs: 5000, events: 10_000 });
    const drawn = fc.sample(scenarioArbitrary(space), { seed: 11, numRuns: 60 });
    const carrying = drawn.filter((d) => d.byzantine.some((b) => b.malformed !== undefined));
    expect(carrying.length).toBeGreaterThan(5);
    expect(carrying.length).toBeLessThan(30);
    for (const d of carrying) expect(d.byzantine.findIndex((b) => b.malformed !== undefined)).toBe(0);
  });
});

describe('an honest replica whose payload is not a message', () => {
  for (const [what, payload] of [['undefined', undefined], ['null', null]] as const) {
    it(`sending ${what} is a replica-contract finding`, async () => {
      const sender: ReplicaFactory<unknown> = (ctx) => ({
        init: () => (ctx.config.id === 1 ? ctx.send(2, payload) : undefined),
        onMessage: () => {},
        onRequest: () => {},
      });
      const out = await runScenario(baseScenario(), { target: targetOf(sender), adversaries: new Map() }, true);
      expect(out.facts.replicaErrors.map((e) => [e.replica, e.message])).toEqual([[1, `ContractError: send: the payload must be a message, got ${what}`]]);
    });
  }

  it('a faulty replica may send one: that is the input honest replicas must survive', async () => {
    const sender: ReplicaFactory<unknown> = (ctx) => ({ init: () => ctx.broadcast(undefined), onMessage: () => {}, onRequest: () => {} });
    const out = await runScenario(baseScenario({ byzantine: [{ node: 0, adversary: 'pass-through', params: {} }] }), { target: targetOf(sender), adversaries: context.adversaries }, true);
    expect(out.facts.replicaErrors.map((e) => e.replica)).toEqual([1]);
  });
});

describe('a campaign against a replica that trusts its peers\' message shapes', () => {
  it('finds the honest replica\'s throw and shrinks to the one malformed message', async () => {
    const { runCampaign } = await import('../src/campaign/pool.js');
    const outcome = await runCampaign({
      target: 'test/fixtures/trusting-follower-target.ts', adversaries: ['selective-sender', 'malformed'], properties: ['replica-contract'],
      beyondF: false, seed: 1, runs: 100, clusterSizes: [4],
    }, { workers: 1 });
    const cx = outcome.counterexample;
    expect(cx?.verdict.violations.map((v) => v.property)).toEqual(['replica-contract']);
    const faulty = cx?.scenario.byzantine[0];
    expect(faulty?.malformed).toHaveLength(1);
    expect(faulty?.malformed?.[0]?.every).toBe(0);
    // The finding names an honest replica, never the faulty sender.
    expect(cx?.verdict.violations[0]?.nodes).not.toContain(faulty?.node);
    expect(cx?.verdict.violations[0]?.message).toMatch(/TypeError/);
    expect(cx?.trace.filter((e) => e.kind === 'error').map((e) => e.node)).toEqual(cx?.verdict.violations[0]?.nodes);
  }, 120_000);

  it('draws no malformed sends when the named strategies leave out \'malformed\'', async () => {
    const { runCampaign } = await import('../src/campaign/pool.js');
    const outcome = await runCampaign({
      target: 'test/fixtures/trusting-follower-target.ts', adversaries: ['selective-sender'], properties: ['replica-contract'],
      beyondF: false, seed: 1, runs: 100, clusterSizes: [4],
    }, { workers: 1 });
    expect(outcome.counterexample).toBeNull();
  }, 120_000);
});

describe('a replica with malformed sends', () => {
  it('is faulty from the start even when its strategy runs the honest code until a crash, so timeliness never judges its garbage as fault-free time', async () => {
    const { slotFactories } = await import('../src/check/run-scenario.js');
    const adversaries = new Map(ADVERSARIES.map((a) => [a.name, a]));
    const plan = { node: 1, adversary: 'crash', params: { atMs: 500, sends: 0 } };
    const ctx = { target: targetOf(trusting), adversaries };
    expect(slotFactories(baseScenario({ byzantine: [plan] }), ctx).faultsFromMs).toBe(500);
    expect(slotFactories(baseScenario({ byzantine: [{ ...plan, malformed: [{ at: 4, kind: 0, every: 0 }] }] }), ctx).faultsFromMs).toBe(0);
  });
});
