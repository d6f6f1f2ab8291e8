import { clientRequestSigningData } from '../src/adapter/contract.js';
import { describe, expect, it } from 'vitest';
import type { ClientOptions, ClientRequest, NodeId, Replica, ReplicaContext } from '../src/adapter/contract.js';
import { GenericClient, type ClientHost } from '../src/client/generic-client.js';
import type { RequestPlan } from '../src/scenario/types.js';
import { baseScenario, runWorld } from './fixtures/world-kit.js';

/** A ClientHost that records what the client does; the test moves the clock and fires timers. */
class FakeHost implements ClientHost {
  time = 0;
  readonly sends: { from: NodeId; to: NodeId; payload: ClientRequest; at: number }[] = [];
  readonly timers = new Map<string, number>();
  readonly submissions: ClientRequest[] = [];
  readonly accepts: { client: NodeId; requestId: number; result: string; replicas: readonly NodeId[] }[] = [];
  now(): number {
    return this.time;
  }
  sendFromClient(from: NodeId, to: NodeId, payload: ClientRequest): void {
    this.sends.push({ from, to, payload, at: this.time });
  }
  setTimer(_node: NodeId, id: string, afterMs: number): void {
    this.timers.set(id, this.time + afterMs);
  }
  cancelTimer(_node: NodeId, id: string): void {
    this.timers.delete(id);
  }
  submitted(request: ClientRequest): void {
    this.submissions.push(request);
  }
  signAsClient(client: NodeId, data: string): string {
    return `signed-by-${client}:${data}`;
  }
  accepted(client: NodeId, requestId: number, result: string, replicas: readonly NodeId[]): void {
    this.accepts.push({ client, requestId, result, replicas });
  }
  /** Advances to the timer's due time and fires it. */
  fire(client: GenericClient, id: string): void {
    const due = this.timers.get(id);
    if (due === undefined) throw new Error(`timer ${id} is not armed`);
    this.timers.delete(id);
    this.time = due;
    client.onTimer(id);
  }
}

const N = 4; // f = 1: f + 1 = 2 matching replies needed
const F = 1;
const CLIENT = 4;
const options: ClientOptions = { sendFirstTo: 'replica0', retransmitMs: 400 };

function started(plans: readonly RequestPlan[], opts: ClientOptions = options): { host: FakeHost; client: GenericClient } {
  const host = new FakeHost();
  const client = new GenericClient(CLIENT, plans, N, F, opts, host);
  client.start();
  host.fire(client, 'wake');
  return { host, client };
}

const reply = (requestId: number, result: string, replica = 99) => ({ replica, requestId, result });

describe('the generic client accepts on f+1 matching replies from distinct replicas', () => {
  it('one reply is not enough; a second matching reply from another replica is', () => {
    const { host, client } = started([{ client: 0, atMs: 0, operation: 'op' }]);
    client.onReply(1, reply(1, 'r'));
    expect(host.accepts).toEqual([]);
    client.onReply(3, reply(1, 'r'));
    expect(host.accepts).toEqual([{ client: CLIENT, requestId: 1, result: 'r', replicas: [1, 3] }]);
    expect(client.done).toBe(true);
  });

  it('a reply repeated by one replica does not count twice', () => {
    const { host, client } = started([{ client: 0, atMs: 0, operation: 'op' }]);
    for (let i = 0; i < 5; i++) client.onReply(2, reply(1, 'r'));
    expect(host.accepts).toEqual([]);
    expect(client.done).toBe(false);
  });

  it('the voucher is the network sender, not the replica field of the payload', () => {
    const { host, client } = started([{ client: 0, atMs: 0, operation: 'op' }]);
    client.onReply(2, reply(1, 'r', 0));
    client.onReply(2, reply(1, 'r', 1));
    expect(host.accepts).toEqual([]);
  });

  it('mismatching results do not combine into a quorum', () => {
    const { host, client } = started([{ client: 0, atMs: 0, operation: 'op' }]);
    client.onReply(0, reply(1, 'x'));
    client.onReply(1, reply(1, 'y'));
    client.onReply(2, reply(1, 'z'));
    expect(host.accepts).toEqual([]);
    client.onReply(3, reply(1, 'y'));
    expect(host.accepts).toEqual([{ client: CLIENT, requestId: 1, result: 'y', replicas: [1, 3] }]);
  });

  it('a replica that changes its answer counts only for its latest one', () => {
    const { host, client } = started([{ client: 0, atMs: 0, operation: 'op' }]);
    client.onReply(1, reply(1, 'x'));
    client.onReply(1, reply(1, 'y'));
    client.onReply(2, reply(1, 'x'));
    expect(host.accepts).toEqual([]);
  });

  it('ignores replies for another request, from clients, and payloads that are not replies', () => {
    const { host, client } = started([{ client: 0, atMs: 0, operation: 'op' }]);
    client.onReply(1, reply(2, 'r')); // wrong request id
    client.onReply(5, reply(1, 'r')); // from a client, not a replica
    client.onReply(2, { requestId: '1', result: 'r' });
    client.onReply(2, null);
    client.onReply(2, 'r');
    client.onReply(3, reply(1, 'r'));
    expect(host.accepts).toEqual([]);
  });

  it('needs f+1 = 3 matching replies when n = 7', () => {
    const host = new FakeHost();
    const client = new GenericClient(7, [{ client: 0, atMs: 0, operation: 'op' }], 7, 2, options, host);
    client.start();
    host.fire(client, 'wake');
    client.onReply(0, reply(1, 'r'));
    client.onReply(4, reply(1, 'r'));
    expect(host.accepts).toEqual([]);
    client.onReply(6, reply(1, 'r'));
    expect(host.accepts.map((a) => a.replicas)).toEqual([[0, 4, 6]]);
  });

  it('replies after acceptance are ignored (no second accept)', () => {
    const { host, client } = started([{ client: 0, atMs: 0, operation: 'op' }]);
    client.onReply(0, reply(1, 'r'));
    client.onReply(1, reply(1, 'r'));
    client.onReply(2, reply(1, 'r'));
    client.onReply(3, reply(1, 'other'));
    expect(host.accepts).toHaveLength(1);
  });
});

describe('the generic client retransmits', () => {
  it('sends first to replica 0, and to every replica each retransmitMs until accepted', () => {
    const { host, client } = started([{ client: 0, atMs: 0, operation: 'op' }]);
    expect(host.sends.map((s) => [s.at, s.to])).toEqual([[0, 0]]);
    expect(host.timers.get('retransmit')).toBe(400);
    host.fire(client, 'retransmit');
    host.fire(client, 'retransmit');
    expect(host.sends.map((s) => [s.at, s.to])).toEqual([[0, 0], [400, 0], [400, 1], [400, 2], [400, 3], [800, 0], [800, 1], [800, 2], [800, 3]]);
    expect(new Set(host.sends.map((s) => JSON.stringify(s.payload)))).toEqual(new Set([JSON.stringify({ client: CLIENT, requestId: 1, operation: 'op', signature: `signed-by-${CLIENT}:${clientRequestSigningData({ client: CLIENT, requestId: 1, operation: 'op' })}` })]));
    expect(host.submissions).toHaveLength(1); // a retransmission is not a new submission
    client.onReply(1, reply(1, 'r'));
    client.onReply(2, reply(1, 'r'));
    expect(host.timers.has('retransmit')).toBe(false);
  });

  it("with sendFirstTo 'all' the first transmission already goes to every replica", () => {
    const { host } = started([{ client: 0, atMs: 0, operation: 'op' }], { sendFirstTo: 'all', retransmitMs: 100 });
    expect(host.sends.map((s) => s.to)).toEqual([0, 1, 2, 3]);
    expect(host.timers.get('retransmit')).toBe(100);
  });
});

describe('the generic client issues its requests one at a time, in atMs order', () => {
  it('waits for acceptance before issuing the next request, and numbers them 1, 2, …', () => {
    const plans = [
      { client: 0, atMs: 0, operation: 'first' },
      { client: 0, atMs: 0, operation: 'second' },
      { client: 0, atMs: 0, operation: 'third' },
    ];
    const { host, client } = started(plans);
    expect(host.submissions.map((r) => r.operation)).toEqual(['first']);
    client.onReply(0, reply(1, 'a'));
    client.onReply(1, reply(1, 'a'));
    expect(host.submissions.map((r) => [r.requestId, r.operation])).toEqual([[1, 'first'], [2, 'second']]);
    client.onReply(0, reply(2, 'b'));
    client.onReply(1, reply(2, 'b'));
    client.onReply(0, reply(3, 'c'));
    client.onReply(1, reply(3, 'c'));
    expect(host.submissions.map((r) => r.requestId)).toEqual([1, 2, 3]);
    expect(client.done).toBe(true);
  });

  it('does not issue a request before its atMs, even when the previous one is accepted earlier', () => {
    const { host, client } = started([
      { client: 0, atMs: 0, operation: 'now' },
      { client: 0, atMs: 50, operation: 'later' },
    ]);
    host.time = 10;
    client.onReply(0, reply(1, 'a'));
    client.onReply(1, reply(1, 'a'));
    expect(host.submissions.map((r) => r.operation)).toEqual(['now']);
    expect(host.timers.get('wake')).toBe(50);
    host.fire(client, 'wake');
    expect(host.submissions.map((r) => r.operation)).toEqual(['now', 'later']);
  });

  // Through the World: plans listed out of order in the scenario, a replica that answers everyone.
  const answering = (ctx: ReplicaContext<unknown>): Replica<unknown> => ({
    onMessage: () => {},
    onRequest: (request) => ctx.reply(request.client, request.requestId, `done:${request.operation}`),
  });

  it('in a run, sorts a client’s requests by atMs and keeps one outstanding at a time', async () => {
    const scenario = baseScenario({
      clients: 2,
      requests: [
        { client: 0, atMs: 30, operation: 'c0-late' },
        { client: 1, atMs: 5, operation: 'c1-only' },
        { client: 0, atMs: 0, operation: 'c0-early' },
        { client: 0, atMs: 10, operation: 'c0-middle' },
      ],
    });
    const { facts } = await runWorld(scenario, { factory: answering, client: { sendFirstTo: 'all' } });
    const byClient = (c: NodeId) => facts.submitted.filter((s) => s.client === c);
    expect(byClient(4).map((s) => [s.requestId, s.operation])).toEqual([[1, 'c0-early'], [2, 'c0-middle'], [3, 'c0-late']]);
    expect(byClient(5).map((s) => s.operation)).toEqual(['c1-only']);
    for (const s of facts.submitted) {
      const plan = scenario.requests.find((r) => r.operation === s.operation);
      expect(s.timeMs).toBeGreaterThanOrEqual(plan?.atMs ?? Infinity);
    }
    // each of client 4's requests is submitted only after the previous one was accepted
    for (let i = 1; i < byClient(4).length; i++) {
      const previous = facts.accepted.find((a) => a.client === 4 && a.requestId === i);
      expect(previous).toBeDefined();
      expect(byClient(4)[i]?.step).toBeGreaterThanOrEqual(previous?.step ?? Infinity);
    }
    expect(facts.accepted.map((a) => [a.client, a.requestId, a.result])).toEqual(
      expect.arrayContaining([[4, 1, 'done:c0-early'], [4, 2, 'done:c0-middle'], [4, 3, 'done:c0-late'], [5, 1, 'done:c1-only']]),
    );
  });

  it('in a run, retransmits to all replicas every retransmitMs while nobody answers', async () => {
    const silent = (): Replica<unknown> => ({ onMessage: () => {}, onRequest: () => {} });
    const scenario = baseScenario({ requests: [{ client: 0, atMs: 0, operation: 'op' }], limits: { timeMs: 1_000, events: 10_000 } });
    const { trace } = await runWorld(scenario, { factory: silent, client: { retransmitMs: 400 } });
    const clientSends = trace.filter((e) => e.kind === 'send' && e.from === 4).map((e) => (e.kind === 'send' ? [e.t, e.to] : []));
    expect(clientSends).toEqual([[0, 0], [400, 0], [400, 1], [400, 2], [400, 3], [800, 0], [800, 1], [800, 2], [800, 3]]);
  });
});

describe('client request signatures', () => {
  it('every request a client issues carries its signature over the canonical request text', () => {
    const host = new FakeHost();
    const client = new GenericClient(4, [{ client: 0, atMs: 0, operation: 'put a 1' }], 4, 1, { sendFirstTo: 'replica0', retransmitMs: 100 }, host);
    client.start();
    client.onTimer('wake');
    const [sent] = host.sends;
    expect(sent?.payload.signature).toBe(`signed-by-4:${clientRequestSigningData({ client: 4, requestId: 1, operation: 'put a 1' })}`);
    expect(host.submissions[0]?.signature).toBe(sent?.payload.signature);
  });
});
