import { describe, expect, it } from 'vitest';
import type { ClientRequest, Replica, ReplicaContext } from '../src/adapter/contract.js';
import type { AdversaryEnv } from '../src/adversary.js';
import { inSequence } from '../src/strategy-kit.js';
import { Shadows } from '../adversaries/forged-certificate/shadows.js';

// A subprocess replica is one child taking one step at a time: a second handler call before the
// first settles failed "the child is still busy with another step", which the run recorded as an
// error event and a campaign against a third-party Python PBFT then reported as the REPLICA's
// nondeterminism (forged-certificate's shadow called init and onRequest at once).
function oneStepAtATime(log: string[]): Replica<unknown> {
  let busy = false;
  const step = (what: string): Promise<void> => {
    if (busy) throw new Error(`${what}: the child is still busy with another step`);
    busy = true;
    log.push(`start ${what}`);
    return new Promise((resolve) => setImmediate(() => ((busy = false), log.push(`end ${what}`), resolve())));
  };
  return { init: () => step('init'), onMessage: () => step('message'), onTimer: (id) => step(`timer ${id}`), onRequest: (r) => step(`request ${r.requestId}`) };
}

const noop = (): undefined => undefined;
const ctx = {
  config: { id: 1, n: 4, f: 1, clients: [4] }, send: noop, broadcast: noop, setTimer: noop, cancelTimer: noop, commit: noop, execute: noop,
  reply: noop, installState: noop, membership: noop, log: noop, sign: (d: string) => `sig:${d}`, verify: () => true, random: () => 0.5, now: () => 0,
} as unknown as ReplicaContext<unknown>;
const request: ClientRequest = { client: 4, requestId: 1, operation: 'put a 1', signature: 'sig' };

describe('handler calls a strategy makes on one replica', () => {
  it("forged-certificate's shadow starts its copy and hands it the request one step at a time", async () => {
    const log: string[] = [];
    const env = { ctx, createHonest: () => oneStepAtATime(log) } as unknown as AdversaryEnv;
    await new Shadows(env, () => undefined).feed(request);
    expect(log).toEqual(['start init', 'end init', 'start request 1', 'end request 1']);
  });

  it('run in order at once when each settles at once (in-process replicas keep their traces)', () => {
    const order: number[] = [];
    expect(inSequence([() => void order.push(1), () => void order.push(2), () => void order.push(3)])).toBeUndefined();
    expect(order).toEqual([1, 2, 3]);
  });

  it('start each call only once the one before has settled', async () => {
    const log: string[] = [];
    const r = oneStepAtATime(log);
    await inSequence([() => r.onMessage(0, {}) as Promise<void>, () => undefined, () => r.onTimer?.('vc') as Promise<void>]);
    expect(log).toEqual(['start message', 'end message', 'start timer vc', 'end timer vc']);
  });
});
