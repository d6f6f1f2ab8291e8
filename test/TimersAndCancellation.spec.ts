import { describe, expect, it } from 'vitest';
import type { Replica, ReplicaContext } from '../src/adapter/contract.js';
import { baseScenario, logs, runWorld } from './fixtures/world-kit.js';

/** One replica, quiet network: only timers make events. */
const solo = baseScenario({ n: 1 });

/** A replica that commits `<timer id>@<virtual time>` whenever a timer fires, numbering commits from 1. */
function timerReplica(
  ctx: ReplicaContext<unknown>,
  init: (ctx: ReplicaContext<unknown>) => void,
  onFire: (ctx: ReplicaContext<unknown>, id: string) => void = () => {},
): Replica<unknown> {
  let seq = 0;
  return {
    init: () => init(ctx),
    onMessage: () => {},
    onRequest: () => {},
    onTimer: (id) => {
      ctx.commit(++seq, `${id}@${ctx.now()}`);
      ctx.log(`fired ${id} at ${ctx.now()}`);
      onFire(ctx, id);
    },
  };
}

const fired = (commits: readonly { value: string }[]): string[] => commits.map((c) => c.value);

describe('timers', () => {
  it('fire at the virtual time they were armed for, earliest first', async () => {
    const { facts, trace } = await runWorld(solo, {
      factory: (ctx) =>
        timerReplica(ctx, (c) => {
          c.setTimer('late', 30);
          c.setTimer('early', 10);
          c.setTimer('middle', 20);
        }),
    });
    expect(fired(facts.commits)).toEqual(['early@10', 'middle@20', 'late@30']);
    expect(logs(trace).map((l) => [l.t, l.message])).toEqual([
      [10, 'fired early at 10'],
      [20, 'fired middle at 20'],
      [30, 'fired late at 30'],
    ]);
    expect(trace.filter((e) => e.kind === 'timer').map((e) => e.t)).toEqual([10, 20, 30]);
    expect(facts.stopReason).toBe('quiescent');
    expect(facts.endTimeMs).toBe(30);
  });

  it('fire relative to the time they were armed, not to time 0', async () => {
    const { facts } = await runWorld(solo, {
      factory: (ctx) =>
        timerReplica(
          ctx,
          (c) => c.setTimer('first', 15),
          (c, id) => {
            if (id === 'first') c.setTimer('second', 7);
          },
        ),
    });
    expect(fired(facts.commits)).toEqual(['first@15', 'second@22']);
  });

  it('round a fractional delay up to the next whole millisecond', async () => {
    const { facts } = await runWorld(solo, { factory: (ctx) => timerReplica(ctx, (c) => c.setTimer('t', 2.5)) });
    expect(fired(facts.commits)).toEqual(['t@3']);
  });

  it('armed for the same instant fire in the order they were armed', async () => {
    const { facts } = await runWorld(solo, {
      factory: (ctx) =>
        timerReplica(ctx, (c) => {
          for (const id of ['c', 'a', 'd', 'b']) c.setTimer(id, 5);
        }),
    });
    expect(fired(facts.commits)).toEqual(['c@5', 'a@5', 'd@5', 'b@5']);
  });

  it('a cancelled timer never fires, and the others still do', async () => {
    const { facts, trace } = await runWorld(solo, {
      factory: (ctx) =>
        timerReplica(ctx, (c) => {
          c.setTimer('keep', 10);
          c.setTimer('drop', 20);
          c.cancelTimer('drop');
        }),
    });
    expect(fired(facts.commits)).toEqual(['keep@10']);
    expect(trace.some((e) => e.kind === 'timer' && e.id === 'drop')).toBe(false);
  });

  it('a timer cancelled by another timer (before its time) never fires', async () => {
    const { facts } = await runWorld(solo, {
      factory: (ctx) =>
        timerReplica(
          ctx,
          (c) => {
            c.setTimer('watchdog', 50);
            c.setTimer('progress', 10);
          },
          (c, id) => {
            if (id === 'progress') c.cancelTimer('watchdog');
          },
        ),
    });
    expect(fired(facts.commits)).toEqual(['progress@10']);
  });

  it('cancelling a timer that is not pending is a no-op', async () => {
    const { facts } = await runWorld(solo, {
      factory: (ctx) =>
        timerReplica(ctx, (c) => {
          c.cancelTimer('never-armed');
          c.setTimer('t', 4);
        }),
    });
    expect(fired(facts.commits)).toEqual(['t@4']);
    expect(facts.replicaErrors).toEqual([]);
  });

  it('re-arming a pending timer restarts it: it fires once, at the new time (later or earlier)', async () => {
    const { facts } = await runWorld(solo, {
      factory: (ctx) =>
        timerReplica(
          ctx,
          (c) => {
            c.setTimer('pushed-back', 20);
            c.setTimer('pulled-in', 100);
            c.setTimer('tick', 10);
          },
          (c, id) => {
            if (id === 'tick') {
              c.setTimer('pushed-back', 40); // was due at 20, now 50
              c.setTimer('pulled-in', 5); // was due at 100, now 15
            }
          },
        ),
    });
    expect(fired(facts.commits)).toEqual(['tick@10', 'pulled-in@15', 'pushed-back@50']);
  });

  it('re-arming in the same instant keeps only the last setting', async () => {
    const { facts } = await runWorld(solo, {
      factory: (ctx) =>
        timerReplica(ctx, (c) => {
          c.setTimer('t', 10);
          c.setTimer('t', 30);
          c.setTimer('t', 20);
        }),
    });
    expect(fired(facts.commits)).toEqual(['t@20']);
  });

  it('cancel then re-arm fires at the re-armed time only', async () => {
    const { facts } = await runWorld(solo, {
      factory: (ctx) =>
        timerReplica(ctx, (c) => {
          c.setTimer('t', 10);
          c.cancelTimer('t');
          c.setTimer('t', 25);
        }),
    });
    expect(fired(facts.commits)).toEqual(['t@25']);
  });

  it('a timer may re-arm itself from its own handler', async () => {
    const { facts } = await runWorld(solo, {
      factory: (ctx) =>
        timerReplica(
          ctx,
          (c) => c.setTimer('beat', 10),
          (c, id) => {
            if (ctx.now() < 40) c.setTimer(id, 10);
          },
        ),
    });
    expect(fired(facts.commits)).toEqual(['beat@10', 'beat@20', 'beat@30', 'beat@40']);
  });

  it('timers of different replicas with the same id are independent', async () => {
    const { trace } = await runWorld(baseScenario({ n: 2 }), {
      factory: (ctx) =>
        timerReplica(ctx, (c) => {
          c.setTimer('t', c.config.id === 0 ? 10 : 20);
          if (c.config.id === 1) c.cancelTimer('t'); // must not disarm replica 0's 't'
        }),
    });
    expect(trace.filter((e) => e.kind === 'timer').map((e) => (e.kind === 'timer' ? [e.node, e.t] : null))).toEqual([[0, 10]]);
  });

  it('a negative or non-finite delay is a contract error naming afterMs', async () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const { facts } = await runWorld(solo, { factory: (ctx) => timerReplica(ctx, (c) => c.setTimer('t', bad)) });
      expect(facts.stopReason).toBe('replica-error');
      expect(facts.replicaErrors[0]?.message).toContain("'afterMs'");
    }
  });
});
