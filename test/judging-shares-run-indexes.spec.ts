import { describe, expect, it } from 'vitest';
import { PROPERTIES } from '../properties/index.js';
import { clientSafety } from '../properties/client-safety.js';
import { PairMap } from '../properties/number-keys.js';
import { judge } from '../src/check/verdict.js';
import { judgingFacts, sharedOf } from '../src/judging-memo.js';
import type { RunFacts } from '../src/sim/facts.js';
import type { Scenario } from '../src/scenario/types.js';

function facts(parts: Partial<RunFacts> = {}): RunFacts {
  return {
    n: 4, f: 1, honest: [true, true, true, true], gstMs: 0, livenessBoundMs: 1_000, timelinessBoundMs: 50, settledTimelinessBoundMs: 50,
    commits: [], executions: [], replies: [], installs: [], memberships: [], submitted: [], accepted: [], replicaErrors: [], views: [],
    events: 0, deliveries: 0, drops: 0, lostAfterGst: 0, faultsFromMs: Number.POSITIVE_INFINITY, calmUntilMs: Number.POSITIVE_INFINITY, calmDelayMsMax: 5, rejectedSignatures: 0, endTimeMs: 5_000, stopReason: 'quiescent',
    ...parts,
  };
}

const scenario = { n: 4, byzantine: [] } as unknown as Scenario;

describe('judging one run', () => {
  it('derives a shared index once per judging, and afresh outside it or for other facts', () => {
    let derived = 0;
    const derive = (f: RunFacts): number => (derived++, f.executions.length);
    const run = facts();
    judgingFacts(run, () => {
      sharedOf(run, derive);
      sharedOf(run, derive);
      sharedOf(facts(), derive);
    });
    expect(derived).toBe(2);
    sharedOf(run, derive);
    expect(derived).toBe(3);
  });

  it('gives the same verdict as each property checked on its own (liveness and timeliness share when requests were executed)', () => {
    // Request 1 of client 4 executed late by replica 3, request 2 never: liveness, timeliness and
    // recovery-timeliness all read the shared index, and each finds something.
    const exec = (replica: number, timeMs: number, step: number) => ({ replica, seq: 1, operation: 'put a 1', result: 'ok', origin: { client: 4, requestId: 1 }, step, timeMs });
    const run = facts({
      submitted: [{ client: 4, requestId: 1, operation: 'put a 1', step: 0, timeMs: 0 }, { client: 4, requestId: 2, operation: 'get a', step: 9, timeMs: 3_000 }],
      executions: [exec(0, 10, 1), exec(1, 10, 2), exec(2, 10, 3), exec(3, 2_500, 4)],
    });
    const alone = PROPERTIES.flatMap((p) => p.check(run));
    expect(alone.map((v) => v.property)).toEqual(['liveness', 'liveness', 'client-liveness', 'client-liveness', 'timeliness', 'timeliness', 'recovery-timeliness']);
    expect(judge(scenario, run, PROPERTIES).violations).toEqual(alone);
  });
});

describe('keys made of numbers', () => {
  it('tell apart and unify exactly what the joined text `${a}/${b}` does', () => {
    const map = new PairMap<number, number, string>();
    map.set(0, 1, 'zero');
    map.set(Number.NaN, 1, 'nan');
    map.set(1, 23, 'one/twenty-three');
    expect([map.get(-0, 1), map.get(Number.NaN, 1), map.get(12, 3), map.get(1, 23)]).toEqual(['zero', 'nan', undefined, 'one/twenty-three']);
  });

  it('leave client safety judging replies of the wrong type by their text, as before', () => {
    // A replica's reply fields are not checked when sent: "1" stands for request 1, as it always did.
    const reply = { replica: 0, client: 4, requestId: '1' as unknown as number, result: 'ok', step: 1 };
    const accept = { client: 4, requestId: 1, result: 'ok', replicas: [0, 1], step: 2, timeMs: 0 };
    expect(clientSafety.check(facts({ replies: [reply], accepted: [accept] }))).toEqual([]);
    expect(clientSafety.check(facts({ replies: [{ ...reply, requestId: 2 }], accepted: [accept] }))).toHaveLength(1);
  });
});
