import { describe, expect, it } from 'vitest';
import type { ReplicaContext, Target } from '../src/adapter/contract.js';
import { runScenario, type RunContext } from '../src/check/run-scenario.js';
import type { Scenario } from '../src/scenario/types.js';
import type { RunFacts } from '../src/sim/facts.js';
import { liveness } from '../properties/liveness.js';
import { timeliness } from '../properties/timeliness.js';
import { ADVERSARIES } from '../adversaries/index.js';
import pbft, { DEFAULT_PBFT_OPTIONS, PbftReplica, type PbftMessage } from '../targets/pbft/index.js';
import type { PrePrepareMsg } from '../targets/pbft/messages.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const OPS = ['put a 7', 'get a', 'transfer 10 alice bob', 'put b 3', 'get b', 'put c 1'];

/** Six requests from three clients, GST at 600 ms, a network of 1..10 ms delays (up to 100 ms before GST). */
function scenario(overrides: Partial<Mutable<Scenario>> = {}): Scenario {
  return {
    version: 1, n: 4, clients: 3,
    requests: OPS.map((operation, i) => ({ client: i % 3, atMs: 5 * i, operation })),
    byzantine: [], beyondF: false,
    network: { delayMsMin: 1, delayMsMax: 10, preGstDelayMsMax: 100, dropPercent: 0 },
    gstMs: 600, limits: { timeMs: 20_000, events: 500_000 }, seed: 3, tape: [],
    ...overrides,
  };
}

/** Arms the view-change timer at start whatever its state: executions stop it at the backups, but the primary suspects itself 400 ms in. */
class SuspiciousReplica extends PbftReplica {
  override init(): void {
    super.init();
    this.armViewChangeTimer();
  }
}

/** Replica 3 ignores PRE-PREPAREs: the others make a quorum without it, and it catches up by STATUS, late. */
class DeafBackup extends PbftReplica {
  protected override onPrePrepare(pp: PrePrepareMsg): void {
    if (this.id !== 3) super.onPrePrepare(pp);
  }
}

function run(s: Scenario, create: (ctx: ReplicaContext<PbftMessage>) => PbftReplica = (ctx) => new PbftReplica(ctx)): RunFacts {
  const target: Target<PbftMessage> = { ...pbft, createReplica: create };
  const context: RunContext = { target: target as Target<unknown>, adversaries: new Map(ADVERSARIES.map((a) => [a.name, a])) };
  return (runScenario(s, context) as { facts: RunFacts }).facts;
}

describe('timeliness against the reference PBFT', () => {
  it('holds for the reference in calm runs, whose every replica stays in view 0, with a bound of ten of the largest delays taken', () => {
    // GST at 0: every tape entry 9 draws a 10 ms delay, the largest after GST.
    const slow = run(scenario({ gstMs: 0, tape: new Array<number>(60).fill(9) }));
    expect(slow.calmUntilMs).toBe(Number.POSITIVE_INFINITY);
    expect(slow.calmDelayMsMax).toBe(10);
    expect(slow.timelinessBoundMs).toBe(100);
    expect(new Set(slow.views.map((v) => `${v.replica}:${v.view}`))).toEqual(new Set(['0:0', '1:0', '2:0', '3:0']));
    expect(timeliness.check(slow)).toEqual([]);
    // An empty tape takes the 1 ms minimum every time: a network of 1 ms delays could have run it, so the bound is 10 ms.
    const fast = run(scenario());
    expect(fast.calmDelayMsMax).toBe(1);
    expect(fast.timelinessBoundMs).toBe(10);
    expect(timeliness.check(fast)).toEqual([]);
  });

  it('ends the calm at the first message the network delays beyond the largest delay after GST, drops or duplicates', () => {
    // Before GST a tape entry v draws a delay of 1 + v % 100 ms: 5 is within the 10 ms after GST, 50 is not.
    expect(run(scenario({ tape: [0, 0, 0, 5] })).calmUntilMs).toBe(Number.POSITIVE_INFINITY);
    expect(run(scenario({ tape: [0, 0, 0, 50] })).calmUntilMs).toBeLessThan(50);
    expect(run(scenario({ network: { ...scenario().network, dropPercent: 100 }, tape: [1] })).calmUntilMs).toBe(0);
    expect(run(scenario({ network: { ...scenario().network, duplicatePercent: 100 }, tape: [0, 1] })).calmUntilMs).toBe(0);
    expect(run(scenario({ network: { ...scenario().network, lost: [{ from: 0, to: 1, nth: 1 }] } })).calmUntilMs).toBeLessThan(50);
  });

  it('flags a needless view change of an honest cluster in a calm run, which liveness accepts', () => {
    const facts = run(scenario(), (ctx) => new SuspiciousReplica(ctx));
    expect(liveness.check(facts)).toEqual([]);
    const [v] = timeliness.check(facts);
    expect(v?.message).toBe('replica 0 moved from view 0 to view 1 at 400 ms, a needless view change: every replica honest and the network synchronous for the whole run');
  });

  it('flags a backup that catches up by STATUS instead of taking part, which liveness accepts', () => {
    const facts = run(scenario(), (ctx) => new DeafBackup(ctx));
    expect(liveness.check(facts)).toEqual([]);
    const violations = timeliness.check(facts);
    expect(violations.length).toBeGreaterThan(0);
    expect(violations.every((v) => v.nodes.includes(3) && v.message.includes('was not executed by replica 3 by'))).toBe(true);
  });

  it('excuses the same slowness once the network has failed before the deadlines', () => {
    const s = scenario({ tape: [0, 0, 90] });
    const facts = run(s, (ctx) => new DeafBackup(ctx));
    expect(facts.calmUntilMs).toBeLessThan(10);
    expect(timeliness.check(facts)).toEqual([]);
    expect(timeliness.check(run(s, (ctx) => new SuspiciousReplica(ctx)))).toEqual([]);
  });

  it('judges a run with a crashing replica up to its crash, when the strategy says it runs the honest code until then', () => {
    const crash = (atMs: number): Partial<Mutable<Scenario>> => ({ byzantine: [{ node: 2, adversary: 'crash', params: { atMs } }] });
    const reference = run(scenario(crash(700)));
    expect(reference.faultsFromMs).toBe(700);
    expect(reference.views.some((v) => v.replica === 2)).toBe(false);
    expect(timeliness.check(reference)).toEqual([]);
    const [v] = timeliness.check(run(scenario(crash(700)), (ctx) => new DeafBackup(ctx)));
    expect(v?.message).toContain('was not executed by replica 3 by');
    expect(v?.message).toContain('every replica running the honest code until 700 ms (when a faulty replica\'s strategy starts) and the network synchronous');
    // A silent replica is faulty from the start: nothing is judged.
    const silent = run(scenario({ byzantine: [{ node: 2, adversary: 'silent', params: {} }] }), (ctx) => new DeafBackup(ctx));
    expect(silent.faultsFromMs).toBe(0);
    expect(timeliness.check(silent)).toEqual([]);
  });

  it('is not declared for networks or workloads the reference timers are not tuned for', () => {
    expect(pbft.timelinessBoundMs?.({ n: 4, f: 1, clients: 3, delayMsMax: 10 }, DEFAULT_PBFT_OPTIONS)).toBe(100);
    expect(pbft.timelinessBoundMs?.({ n: 4, f: 1, clients: 3, delayMsMax: 20 }, DEFAULT_PBFT_OPTIONS)).toBeUndefined();
    expect(pbft.timelinessBoundMs?.({ n: 4, f: 1, clients: 9, delayMsMax: 10 }, DEFAULT_PBFT_OPTIONS)).toBeUndefined();
  });
});
