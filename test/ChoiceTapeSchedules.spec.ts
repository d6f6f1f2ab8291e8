import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { NodeId, Replica, ReplicaContext } from '../src/adapter/contract.js';
import { runScenario } from '../src/check/run-scenario.js';
import { traceHash } from '../src/check/trace-hash.js';
import type { NetworkPlan, Scenario } from '../src/scenario/types.js';
import { ChoiceTape, TAPE_MAX } from '../src/sim/tape.js';
import naive from '../targets/naive-broadcast/index.js';
import { baseScenario, contextFor, deliveries, runWorld } from './fixtures/world-kit.js';

describe('ChoiceTape', () => {
  it('reads its entries in order, then 0 forever once exhausted', () => {
    const tape = new ChoiceTape([5, 0, 255]);
    expect(tape.exhausted).toBe(false);
    expect([tape.next(), tape.next(), tape.next()]).toEqual([5, 0, 255]);
    expect(tape.exhausted).toBe(true);
    expect(tape.consumed).toBe(3);
    for (let i = 0; i < 100; i++) expect(tape.next()).toBe(0);
    expect(tape.consumed).toBe(3);
  });

  it('an empty tape is exhausted from the start and always chooses 0 (the canonical choice)', () => {
    const tape = new ChoiceTape([]);
    expect(tape.exhausted).toBe(true);
    for (let choices = 0; choices < 10; choices++) expect(tape.choose(choices)).toBe(0);
    expect(tape.consumed).toBe(0);
  });

  it('choose maps an entry to [0, choices), keeping 0 canonical', () => {
    const tape = new ChoiceTape([7, 0, 9, 200]);
    expect(tape.choose(3)).toBe(1);
    expect(tape.choose(3)).toBe(0);
    expect(tape.choose(1)).toBe(0); // a single choice is always 0 …
    expect(tape.consumed).toBe(3); // … but still reads an entry
    expect(tape.choose(256)).toBe(200);
  });

  it('never writes to the array it reads', () => {
    const entries = Object.freeze([1, 2, 3]);
    const tape = new ChoiceTape(entries);
    while (!tape.exhausted) tape.next();
    expect(entries).toEqual([1, 2, 3]);
  });
});

// ---- the tape as the World uses it -------------------------------------------------------------

/**
 * Replica 0's init sends `script` (label, destination) in order; every replica commits what it
 * receives as `label@time`, and a replica receiving a label listed in `relay` forwards `label'` to
 * the listed node. No other events use the tape: only replica 0 sends at time 0.
 */
function scripted(script: readonly (readonly [string, NodeId])[], relay: Readonly<Record<string, NodeId>> = {}) {
  return (ctx: ReplicaContext<unknown>): Replica<unknown> => {
    let seq = 0;
    return {
      init: () => {
        if (ctx.config.id === 0) for (const [label, to] of script) ctx.send(to, label);
      },
      onMessage: (_from, payload) => {
        const label = String(payload);
        ctx.commit(++seq, `${label}@${ctx.now()}`);
        const next = relay[label];
        if (next !== undefined) ctx.send(next, `${label}'`);
      },
      onRequest: () => {},
    };
  };
}

function scenario(network: Partial<NetworkPlan>, tape: readonly number[], gstMs = 0): Scenario {
  return baseScenario({
    network: { delayMsMin: 1, delayMsMax: 1, preGstDelayMsMax: 1, dropPercent: 0, ...network },
    gstMs,
    tape,
  });
}

const delivered = async (s: Scenario, factory: ReturnType<typeof scripted>) => {
  const { facts, trace } = await runWorld(s, { factory });
  return { facts, order: deliveries(trace).map((d) => `${d.payload}->${d.to}@${d.t}`) };
};

describe('the World with an empty tape', () => {
  it('delivers FIFO by (time, insertion) with the minimum delay, drops nothing, even before GST with drops enabled', async () => {
    const s = scenario({ delayMsMin: 3, delayMsMax: 9, preGstDelayMsMax: 40, dropPercent: 30 }, [], 1_000);
    const { facts, order } = await delivered(s, scripted([['a', 1], ['b', 2], ['c', 1], ['d', 3]], { a: 2, c: 3 }));
    expect(order).toEqual([
      '"a"->1@3', '"b"->2@3', '"c"->1@3', '"d"->3@3',
      // relayed at time 3 in delivery order, each again after delayMsMin
      '"a\'"->2@6', '"c\'"->3@6',
    ]);
    expect(facts.drops).toBe(0);
  });

  test.prop([fc.nat(400)], { numRuns: 25 })('an all-zero tape of any length runs exactly like the empty tape', (length) => {
    const base: Scenario = {
      ...baseScenario({
        n: 4,
        clients: 2,
        requests: [
          { client: 0, atMs: 0, operation: 'put a 1' },
          { client: 1, atMs: 0, operation: 'put b 2' },
          { client: 0, atMs: 3, operation: 'get a' },
        ],
        byzantine: [{ node: 3, adversary: 'equivocator', params: { mask: 5, variant: 2 } }],
        network: { delayMsMin: 1, delayMsMax: 6, preGstDelayMsMax: 30, dropPercent: 25 },
        gstMs: 200,
      }),
    };
    const run = (tape: number[]) => {
      const out = runScenario({ ...base, tape }, contextFor(naive), true);
      if (out instanceof Promise) throw new Error('naive-broadcast is synchronous');
      return { hash: traceHash(out.trace ?? []), facts: out.facts };
    };
    const empty = run([]);
    const zeros = run(new Array<number>(length).fill(0));
    expect(zeros.hash).toBe(empty.hash);
    expect(zeros.facts).toEqual(empty.facts);
  });
});

describe('the tape picks among tied deliveries', () => {
  // With a 1-ms delay span each of replica 0's three sends reads (and ignores) one delay entry;
  // the fourth entry is the first delivery's choice among the three messages due at time 1.
  const tied = scripted([['a', 1], ['b', 1], ['c', 1]]);

  it.each([
    [0, ['a', 'b', 'c']],
    [1, ['b', 'a', 'c']],
    [2, ['c', 'a', 'b']],
    [3, ['a', 'b', 'c']], // 3 mod 3 = 0: canonical again
    [4, ['b', 'a', 'c']],
  ])('entry %i at the first delivery → order %j', async (entry, expected) => {
    const { facts, order } = await delivered(scenario({}, [0, 0, 0, entry]), tied);
    expect(order).toEqual(expected.map((l) => `"${l}"->1@1`));
    expect(facts.commits.map((c) => c.value)).toEqual(expected.map((l) => `${l}@1`));
  });

  it('a non-zero entry never delivers a message before its time', async () => {
    // Delay span 5: 'x' gets entry 0 (arrives at 1), 'y' entry 4 (arrives at 5); the delivery
    // choices (1, 1) find only one message due at each instant.
    const { order } = await delivered(scenario({ delayMsMax: 5 }, [0, 4, 1, 1]), scripted([['x', 1], ['y', 1]]));
    expect(order).toEqual(['"x"->1@1', '"y"->1@5']);
  });

  it('the delay entry picks a delay in [delayMsMin, delayMsMax] after GST and up to preGstDelayMsMax before', async () => {
    const network = { delayMsMin: 2, delayMsMax: 5, preGstDelayMsMax: 20 };
    const one = scripted([['m', 1]]);
    // after GST: span 4 → 2 + 7 mod 4 = 5
    expect((await delivered(scenario(network, [7], 0), one)).order).toEqual(['"m"->1@5']);
    // before GST: span 19 → 2 + 7 mod 19 = 9
    expect((await delivered(scenario(network, [7], 1_000), one)).order).toEqual(['"m"->1@9']);
  });

  test.prop([fc.nat(TAPE_MAX), fc.nat(10), fc.nat(10), fc.nat(50), fc.boolean()], { numRuns: 60 })(
    'every delay lies within the bounds of its period',
    async (entry, min, spread, preExtra, beforeGst) => {
      const network = { delayMsMin: min, delayMsMax: min + spread, preGstDelayMsMax: min + spread + preExtra };
      const { order } = await delivered(scenario(network, [entry], beforeGst ? 1_000 : 0), scripted([['m', 1]]));
      const span = beforeGst ? spread + preExtra + 1 : spread + 1;
      expect(order).toEqual([`"m"->1@${min + (entry % span)}`]);
    },
  );
});

describe('drops', () => {
  const one = scripted([['m', 1]]);
  // dropPercent 20 → threshold round(0.2 × 255) = 51
  it.each([1, 25, 51])('before GST with dropPercent 20, entry %i (in 1..51) drops the message', async (entry) => {
    const { facts, order } = await delivered(scenario({ dropPercent: 20 }, [entry], 100), one);
    expect(order).toEqual([]);
    expect(facts.drops).toBe(1);
    expect(facts.deliveries).toBe(0);
  });

  it.each([0, 52, 255])('before GST with dropPercent 20, entry %i (outside 1..51) delivers it', async (entry) => {
    const { facts, order } = await delivered(scenario({ dropPercent: 20 }, [entry], 100), one);
    expect(order).toEqual(['"m"->1@1']);
    expect(facts.drops).toBe(0);
  });

  it('records a drop in the trace', async () => {
    const { trace } = await runWorld(scenario({ dropPercent: 20 }, [1], 100), { factory: one });
    const drops = trace.filter((e) => e.kind === 'drop');
    expect(drops).toHaveLength(1);
    expect(drops[0]).toMatchObject({ step: 0, t: 0, kind: 'drop', from: 0, to: 1, payload: '"m"' });
  });

  it('with dropPercent 0 nothing is dropped, whatever the tape', async () => {
    for (const entry of [1, 2, 100, 255]) {
      const { facts } = await delivered(scenario({ dropPercent: 0 }, [entry, entry, entry], 100), one);
      expect(facts.drops).toBe(0);
      expect(facts.deliveries).toBe(1);
    }
  });

  it('with dropPercent 100 every non-zero entry drops before GST', async () => {
    for (const entry of [1, 128, 255]) {
      const { facts } = await delivered(scenario({ dropPercent: 100 }, [entry], 100), one);
      expect(facts.drops).toBe(1);
    }
  });

  /** Replica 0 sends one message to replica 1 from a timer at time `sendAt`. */
  const sendAtTime = (sendAt: number) => (ctx: ReplicaContext<unknown>): Replica<unknown> => ({
    init: () => {
      if (ctx.config.id === 0) ctx.setTimer('send', sendAt);
    },
    onTimer: () => ctx.send(1, 'late'),
    onMessage: () => {},
    onRequest: () => {},
  });

  it('after GST nothing is dropped: a send at exactly gstMs goes through, one a millisecond before does not', async () => {
    const atGst = await runWorld(scenario({ dropPercent: 100 }, [255], 50), { factory: sendAtTime(50) });
    expect(atGst.facts.drops).toBe(0);
    expect(atGst.facts.deliveries).toBe(1);
    const beforeGst = await runWorld(scenario({ dropPercent: 100 }, [255], 51), { factory: sendAtTime(50) });
    expect(beforeGst.facts.drops).toBe(1);
    expect(beforeGst.facts.deliveries).toBe(0);
  });

  test.prop([fc.double({ min: 0, max: 100, noNaN: true }), fc.nat(TAPE_MAX), fc.boolean()], { numRuns: 100 })(
    'a message is dropped exactly when it is sent before GST and the entry is in 1..round(dropPercent/100·255)',
    async (dropPercent, entry, beforeGst) => {
      const { facts } = await delivered(scenario({ dropPercent }, [entry], beforeGst ? 100 : 0), one);
      const threshold = Math.round((dropPercent / 100) * 255);
      const expectDrop = beforeGst && entry >= 1 && entry <= threshold;
      expect(facts.drops).toBe(expectDrop ? 1 : 0);
      expect(facts.deliveries).toBe(expectDrop ? 0 : 1);
    },
  );
});
