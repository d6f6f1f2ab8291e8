import { describe, expect, it } from 'vitest';
import { replyIntegrity } from '../properties/reply-integrity.js';
import { PROPERTIES } from '../properties/index.js';
import type { ReplicaContext, Target } from '../src/adapter/contract.js';
import { interpose } from '../src/adversary.js';
import { check } from '../src/check/driver.js';
import { spaceFor } from '../src/check/space.js';
import type { ExecuteFact, ReplyFact, RunFacts } from '../src/sim/facts.js';
import pbft from '../targets/pbft/index.js';

function facts(executions: ExecuteFact[], replies: ReplyFact[]): RunFacts {
  return {
    n: 4, f: 1, honest: [true, true, true, true], gstMs: 0, livenessBoundMs: undefined, timelinessBoundMs: undefined,
    commits: [], executions, replies, installs: [], memberships: [], submitted: [], accepted: [], replicaErrors: [], views: [],
    events: 0, deliveries: 0, drops: 0, lostAfterGst: 0, faultsFromMs: Number.POSITIVE_INFINITY, calmUntilMs: Number.POSITIVE_INFINITY, calmDelayMsMax: 10, rejectedSignatures: 0, endTimeMs: 0, stopReason: 'quiescent',
  };
}
const exec = (replica: number, requestId: number, result: string, step: number): ExecuteFact => ({ replica, seq: requestId, operation: 'op', result, origin: { client: 4, requestId }, step, timeMs: 0 });
const reply = (replica: number, requestId: number, result: string, step: number): ReplyFact => ({ replica, client: 4, requestId, result, step });

describe('reply-integrity', () => {
  it('holds when each reply carries the result its replica executed, and where it never executed the request', () => {
    expect(replyIntegrity.check(facts([exec(0, 1, 'a', 1)], [reply(0, 1, 'a', 2), reply(1, 1, 'other', 3)]))).toEqual([]);
  });

  it('flags a reply sent before its execution carrying another result', () => {
    const [v, ...rest] = replyIntegrity.check(facts([exec(0, 1, 'a', 1), exec(0, 2, 'b', 5)], [reply(0, 1, 'a', 2), reply(0, 2, 'a', 4)]));
    expect(rest).toEqual([]);
    expect(v?.message).toBe('replica 0 replied "a" to request 2 of client 4, which it executed only later, but its execution at seq 2 gave "b"');
    expect(v?.steps).toEqual([4, 5]);
  });

  it('finds a PBFT whose replicas all answer with the previous request\'s result, which client-safety cannot see', async () => {
    // Every honest replica sends the same wrong result, so f + 1 replies still match.
    const stale: Target<unknown> = {
      ...(pbft as Target<unknown>), name: 'pbft-stale-replies',
      createReplica: (ctx: ReplicaContext<unknown>, options) => {
        let previous = 'none';
        const lagging = interpose(ctx, { reply: (client, requestId, result) => (ctx.reply(client, requestId, previous), (previous = result)) });
        return (pbft as Target<unknown>).createReplica(lagging, options);
      },
    };
    const result = await check({ target: stale, adversaries: new Map(), space: spaceFor(stale, [], false), properties: PROPERTIES, runs: 5, seed: 1 });
    expect(result.counterexample?.verdict.violations.map((v) => v.property)).toContain('reply-integrity');
    expect(result.counterexample?.verdict.violations.map((v) => v.property)).not.toContain('client-safety');
  });
});
