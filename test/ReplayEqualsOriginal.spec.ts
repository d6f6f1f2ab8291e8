import { beforeAll, describe, expect, it } from 'vitest';
import { check, replayTraced, type CheckOptions, type CheckResult, type Counterexample } from '../src/check/driver.js';
import { traceHash } from '../src/check/trace-hash.js';
import { defaultSpace } from '../src/scenario/arbitrary.js';
import { parseScenario } from '../src/scenario/schema.js';
import naive from '../targets/naive-broadcast/index.js';
import { ADVERSARIES } from '../adversaries/index.js';
import { agreement } from '../properties/agreement.js';
import { replicaContract } from '../properties/replica-contract.js';
import { ADVERSARY_MAP } from './fixtures/world-kit.js';

const options: CheckOptions = {
  target: naive,
  adversaries: ADVERSARY_MAP,
  space: defaultSpace(ADVERSARIES, { timeMs: 5_000, events: 20_000 }),
  properties: [agreement, replicaContract],
  runs: 200,
  seed: 1,
};

describe('a counterexample replays exactly', () => {
  let original: CheckResult;
  let cx: Counterexample;

  beforeAll(async () => {
    original = await check(options);
    if (original.counterexample === null) throw new Error('seed 1 found no counterexample against naive-broadcast');
    cx = original.counterexample;
  });

  it('seed 1 finds an agreement violation against naive-broadcast, reproducibly', () => {
    expect(cx.verdict.ok).toBe(false);
    expect(cx.verdict.violations.map((v) => v.property)).toContain('agreement');
    expect(cx.reproducible).toBe(true);
    expect(cx.seed).toBe(1);
    expect(cx.path).toMatch(/^\d+(:\d+)*$/);
    expect(cx.traceHash).toBe(traceHash(cx.trace));
    expect(cx.trace.length).toBeGreaterThan(0);
  });

  it('running check again with the same seed and the returned path yields the same scenario, verdict and trace hash', async () => {
    const again = await check({ ...options, path: cx.path ?? undefined });
    const replayed = again.counterexample;
    expect(replayed).not.toBeNull();
    expect(replayed?.scenario).toEqual(cx.scenario);
    expect(replayed?.verdict).toEqual(cx.verdict);
    expect(replayed?.traceHash).toBe(cx.traceHash);
    expect(replayed?.facts).toEqual(cx.facts);
    expect(replayed?.reproducible).toBe(true);
  });

  it('the same campaign run twice finds the same counterexample', async () => {
    const again = await check(options);
    expect(again.counterexample?.scenario).toEqual(cx.scenario);
    expect(again.counterexample?.path).toBe(cx.path);
    expect(again.counterexample?.traceHash).toBe(cx.traceHash);
    expect(again.runs).toBe(original.runs);
    expect(again.shrinks).toBe(original.shrinks);
  });

  it('replayTraced on the counterexample scenario yields the same trace hash and verdict', async () => {
    const replay = await replayTraced(cx.scenario, options, options.properties);
    expect(replay.traceHash).toBe(cx.traceHash);
    expect(replay.verdict).toEqual(cx.verdict);
    expect(replay.events).toBe(cx.events);
  });

  it('the scenario survives a trip through a JSON file: parsed back, it replays to the same trace hash', async () => {
    const fromFile = parseScenario(JSON.parse(JSON.stringify(cx.scenario)) as unknown, ADVERSARY_MAP);
    const replay = await replayTraced(fromFile, options, options.properties);
    expect(replay.traceHash).toBe(cx.traceHash);
  });
});
