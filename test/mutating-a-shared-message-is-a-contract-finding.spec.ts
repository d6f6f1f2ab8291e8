import { describe, expect, it } from 'vitest';
import type { ReplicaFactory } from '../src/adapter/contract.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { freezePayload } from '../src/sim/freeze-payload.js';
import { target } from './fixtures/mutating-receiver-target.js';
import { baseScenario, contextFor, makeWorld, targetOf } from './fixtures/world-kit.js';
import { runThenReplay } from './reliability/cli-run.js';

const ONE_REQUEST = baseScenario({ requests: [{ client: 0, atMs: 0, operation: 'put a 1' }] });
const HINT = 'messages are frozen when sent, as every receiver shares the one object: copy a message before changing it';

/** Replica 0 broadcasts `message` on the request; the others hand what they receive to `receive`. */
function receiving(message: () => unknown, receive: (m: unknown) => void): ReplicaFactory<unknown> {
  return (ctx) => ({
    onMessage: (_from, m) => receive(m),
    onRequest: () => (ctx.config.id === 0 ? ctx.broadcast(message()) : undefined),
  });
}

/** The findings of the one-request run of `factory`, as [replica, event, message]. */
async function findings(factory: ReplicaFactory<unknown>): Promise<[number, string, string][]> {
  const { facts } = await runScenarioChecked(ONE_REQUEST, contextFor(targetOf(factory)));
  return facts.replicaErrors.map((e) => [e.replica, e.event, e.message]);
}

describe('a replica that changes a message it shares with others is a replica-contract finding, never a silent pass', () => {
  it('changing a received message names the receiver, the sender and the field', async () => {
    const { facts } = await runScenarioChecked(ONE_REQUEST, contextFor(target));
    expect(facts.replicaErrors.map((e) => [e.replica, e.event, e.message])).toEqual([
      [1, 'message from 0', `TypeError: Cannot assign to read only property 'hops' of object '#<Object>' (if that object is a message or part of one: ${HINT})`],
    ]);
    expect(facts.stopReason).toBe('replica-error');
  });

  it('adding to a list inside a message, or changing what it sent after sending it, is one too', async () => {
    expect(await findings(receiving(() => ({ seen: [] as number[] }), (m) => void (m as { seen: number[] }).seen.push(1)))).toEqual([
      [1, 'message from 0', `TypeError: Cannot add property 0, object is not extensible (if that object is a message or part of one: ${HINT})`],
    ]);
    const sender: ReplicaFactory<unknown> = (ctx) => ({
      onMessage: () => undefined,
      onRequest: () => {
        const m = { view: 0 };
        ctx.broadcast(m);
        m.view = 1;
      },
    });
    expect((await findings(sender)).map(([r, e, m]) => [r, e, m.replace(/ \(.*$/, '')])).toEqual([[0, 'request from client 4', "TypeError: Cannot assign to read only property 'view' of object '#<Object>'"]]);
  });

  it("a client's request is shared by the replicas it goes to: changing it is a finding", async () => {
    const factory: ReplicaFactory<unknown> = () => ({ onMessage: () => undefined, onRequest: (r) => void ((r as { operation: string }).operation = 'hacked') });
    expect((await findings(factory)).map(([r, e, m]) => [r, e, m.replace(/ \(.*$/, '')])).toEqual([[0, 'request from client 4', "TypeError: Cannot assign to read only property 'operation' of object '#<Object>'"]]);
  });

  it("a Map's and a Set's entries are guarded, a class instance keeps its class, and its #private memo stays writable", async () => {
    const map = receiving(() => ({ votes: new Map([[0, 'sig']]) }), (m) => void (m as { votes: Map<number, string> }).votes.set(1, 'x'));
    expect(await findings(map)).toEqual([[1, 'message from 0', `TypeError: Cannot set an entry of a Map in a message: ${HINT}`]]);
    const set = receiving(() => ({ ids: new Set([0]) }), (m) => void (m as { ids: Set<number> }).ids.add(1));
    expect(await findings(set)).toEqual([[1, 'message from 0', `TypeError: Cannot add an entry of a Set in a message: ${HINT}`]]);
    class Prepare {
      #digest: string | undefined;
      constructor(readonly seq: number) {}
      digest(): string {
        return (this.#digest ??= `d${this.seq}`);
      }
    }
    const digests: string[] = [];
    expect(await findings(receiving(() => new Prepare(3), (m) => void digests.push(m instanceof Prepare ? m.digest() : 'not a Prepare')))).toEqual([]);
    // The client retransmits its unanswered request, so replica 0 broadcasts again: three receivers each time.
    expect(digests.length).toBeGreaterThanOrEqual(3);
    expect(new Set(digests)).toEqual(new Set(['d3']));
  });

  it('freezes cycles and shared parts once, and leaves bytes as they are (they cannot be frozen)', () => {
    const shared = { sig: 'x' };
    const cyclic: { self?: unknown; a: unknown; b: unknown; bytes: Uint8Array } = { a: shared, b: [shared], bytes: new Uint8Array([1]) };
    cyclic.self = cyclic;
    expect(freezePayload(cyclic)).toBe(cyclic);
    expect([Object.isFrozen(cyclic), Object.isFrozen(shared), Object.isFrozen(cyclic.b), Object.isFrozen(cyclic.bytes)]).toEqual([true, true, true, false]);
  });

  it('leaves a Proxy whose traps throw as it is, rather than failing the send that carries it', () => {
    const hostile = new Proxy({}, { isExtensible: () => { throw new Error('trap'); }, preventExtensions: () => { throw new Error('trap'); } });
    expect(freezePayload(hostile)).toBe(hostile);
    const inside = { hostile, ok: { a: 1 } };
    expect(freezePayload(inside)).toBe(inside);
    expect(Object.isFrozen(inside)).toBe(true);
  });

  it('under an adversary the replica that changes a message is turned inert like one that throws, not blamed', async () => {
    const world = makeWorld(ONE_REQUEST, { factory: (ctx) => target.createReplica(ctx, {}), honest: [true, false, true, true] });
    const facts = await world.run();
    expect(facts.replicaErrors.map((e) => e.replica)).toEqual([2]);
    expect(world.trace?.filter((e) => e.kind === 'error').map((e) => e.kind === 'error' && e.node)).toEqual([1, 2]);
  });

  it('through the CLI: exit 1 with the finding, and `byzcheck replay` of its counterexample exits 1 with the same trace hash', () => {
    const { run, replay, runHash, replayHash } = runThenReplay('test/fixtures/mutating-receiver-target.ts', 1);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("replica-contract: replica 1 failed while handling message from 0: TypeError: Cannot assign to read only property 'hops'");
    expect(replay.code).toBe(1);
    expect(replayHash).toBe(runHash);
  });
});
