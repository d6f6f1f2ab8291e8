import { describe, expect, it } from 'vitest';
import { ADVERSARIES } from '../adversaries/index.js';
import { clientLiveness } from '../properties/client-liveness.js';
import { liveness } from '../properties/liveness.js';
import type { ClientRequest, ReplicaContext, Target } from '../src/adapter/contract.js';
import { runScenario, type RunContext } from '../src/check/run-scenario.js';
import type { Scenario } from '../src/scenario/types.js';
import type { RunFacts } from '../src/sim/facts.js';
import pbft, { PbftReplica, type PbftMessage } from '../targets/pbft/index.js';

/** The reference with one realistic bug: a retransmitted, already executed request gets no reply again. */
class ForgetfulReplier extends PbftReplica {
  protected override resendReply(_r: ClientRequest): void {}
}

/**
 * Client 4 sends two requests; every first reply to it (one per replica) is lost before GST (600 ms),
 * so it must get its result from replies resent at its retransmission (200 ms later).
 */
const REPLIES_LOST: Scenario = {
  version: 1, n: 4, clients: 1,
  requests: [{ client: 0, atMs: 0, operation: 'put a 1' }, { client: 0, atMs: 10, operation: 'get a' }],
  byzantine: [], beyondF: false,
  network: { delayMsMin: 1, delayMsMax: 5, preGstDelayMsMax: 5, dropPercent: 0, lost: [0, 1, 2, 3].map((from) => ({ from, to: 4, nth: 1 })) },
  gstMs: 600, limits: { timeMs: 20_000, events: 500_000 }, seed: 1, tape: [],
};

function run(create: (ctx: ReplicaContext<PbftMessage>) => PbftReplica): RunFacts {
  const target: Target<PbftMessage> = { ...pbft, createReplica: create };
  const context: RunContext = { target: target as Target<unknown>, adversaries: new Map(ADVERSARIES.map((a) => [a.name, a])) };
  return (runScenario(REPLIES_LOST, context) as { facts: RunFacts }).facts;
}

describe('client-liveness', () => {
  it('holds for the reference PBFT, which resends the reply to a retransmission', () => {
    const facts = run((ctx) => new PbftReplica(ctx));
    expect(facts.accepted.map((a) => a.requestId)).toEqual([1, 2]);
    expect(facts.accepted[0]?.timeMs).toBeGreaterThan(200);
    expect(clientLiveness.check(facts)).toEqual([]);
  });

  it('flags a replica that never resends a lost reply: its client waits for ever, which liveness cannot see', () => {
    const facts = run((ctx) => new ForgetfulReplier(ctx));
    // Every replica executed the one request the client submitted; the second was never submitted.
    expect(facts.submitted.map((s) => s.requestId)).toEqual([1]);
    expect(liveness.check(facts)).toEqual([]);
    const [v, ...rest] = clientLiveness.check(facts);
    expect(rest).toEqual([]);
    expect(v?.message).toBe(
      'client 4 submitted request 1 ("put a 1") at 0 ms and never accepted a result for it, past 11800 ms = max(submission, GST 600 ms) + bound 10800 ms + ' +
      'two retransmission periods; 4 honest replicas executed it and 4 replied, so the client never submitted any later request',
    );
  });

  it('does not judge a request whose deadline falls after the end of a run that did not go quiet', () => {
    const facts = run((ctx) => new ForgetfulReplier(ctx));
    expect(clientLiveness.check({ ...facts, endTimeMs: 11_000, stopReason: 'time-limit' })).toEqual([]);
  });
});
