import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Replica, ReplicaContext } from '../src/adapter/contract.js';
import { runScenario } from '../src/check/run-scenario.js';
import { traceHash } from '../src/check/trace-hash.js';
import { defaultSpace, scenarioArbitrary } from '../src/scenario/arbitrary.js';
import type { Scenario } from '../src/scenario/types.js';
import type { RunFacts } from '../src/sim/facts.js';
import naive from '../targets/naive-broadcast/index.js';
import { ADVERSARIES } from '../adversaries/index.js';
import { baseScenario, contextFor, targetOf } from './fixtures/world-kit.js';

const LIMITS = naive.limits?.timeMs !== undefined && naive.limits.events !== undefined
  ? { timeMs: naive.limits.timeMs, events: naive.limits.events }
  : { timeMs: 5_000, events: 20_000 };
const SCENARIOS: readonly Scenario[] = fc.sample(scenarioArbitrary(defaultSpace(ADVERSARIES, LIMITS)), { numRuns: 200, seed: 20240601 });
const context = contextFor(naive);

function runSync(scenario: Scenario, trace: boolean): { facts: RunFacts; hash: string } {
  const out = runScenario(scenario, context, trace);
  if (out instanceof Promise) throw new Error('naive-broadcast is synchronous');
  return { facts: out.facts, hash: traceHash(out.trace ?? []) };
}

describe('same scenario, same trace (in one process)', () => {
  it('the sample is varied enough to mean something', () => {
    expect(new Set(SCENARIOS.map((s) => s.n)).size).toBe(3);
    expect(SCENARIOS.filter((s) => s.byzantine.length > 0).length).toBeGreaterThan(20);
    expect(SCENARIOS.filter((s) => s.tape.length > 0).length).toBeGreaterThan(100);
    expect(SCENARIOS.filter((s) => s.network.dropPercent > 0 && s.gstMs > 0).length).toBeGreaterThan(50);
  });

  it('200 random scenarios run twice with tracing give identical trace hashes and facts', () => {
    const hashes = new Set<string>();
    for (const scenario of SCENARIOS) {
      const first = runSync(scenario, true);
      const second = runSync(scenario, true);
      expect(second.hash).toBe(first.hash);
      expect(second.facts).toEqual(first.facts);
      hashes.add(first.hash);
    }
    // the hash actually depends on the run: distinct scenarios give (almost always) distinct traces
    expect(hashes.size).toBeGreaterThan(150);
  });

  it('tracing does not change the run: the fast path produces the same facts as the traced one', () => {
    for (const scenario of SCENARIOS) expect(runSync(scenario, false).facts).toEqual(runSync(scenario, true).facts);
  });

  it('the trace hash detects a nondeterministic replica (the comparison is not vacuous)', async () => {
    let outside = 0; // state that leaks across runs: what a replica using Math.random or Date.now does
    const leaky = (ctx: ReplicaContext<unknown>): Replica<unknown> => ({
      init: () => {
        if (ctx.config.id === 0) ctx.broadcast(`run ${outside++}`);
      },
      onMessage: () => {},
      onRequest: () => {},
    });
    const target = targetOf(leaky);
    const once = await runScenario(baseScenario(), contextFor(target), true);
    const twice = await runScenario(baseScenario(), contextFor(target), true);
    expect(traceHash(twice.trace ?? [])).not.toBe(traceHash(once.trace ?? []));
  });
});

describe('same scenario, same trace (across processes)', () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = join(here, '..');
  const script = join(here, 'fixtures', 'trace-hash-of.ts');
  const dir = mkdtempSync(join(tmpdir(), 'byzcheck-determinism-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the fixture in a fresh Node process: by file path, or with the JSON on stdin. */
  function hashInChild(scenario: Scenario, via: 'file' | 'stdin'): string {
    const json = JSON.stringify(scenario);
    const args = ['--import', 'tsx', script];
    let out: string;
    if (via === 'file') {
      const file = join(dir, `scenario-${scenario.seed}.json`);
      writeFileSync(file, json);
      out = execFileSync(process.execPath, [...args, file], { cwd: root, encoding: 'utf8' });
    } else {
      out = execFileSync(process.execPath, [...args, '-'], { cwd: root, encoding: 'utf8', input: json });
    }
    return out.trim();
  }

  // A few of the busiest sampled scenarios, at least one with a Byzantine replica.
  const busiest = SCENARIOS.map((s) => ({ s, events: runSync(s, false).facts.events }))
    .sort((a, b) => b.events - a.events)
    .map((x) => x.s);
  const picks = [busiest[0], busiest.find((s) => s.byzantine.length > 0), busiest.find((s) => s.network.dropPercent > 0 && s.gstMs > 100)]
    .filter((s): s is Scenario => s !== undefined);

  it.each(picks.map((s, i) => [i, s] as const))('scenario %i gives the same hash in two child processes and in this one', (_i, scenario) => {
    const inProcess = runSync(scenario, true).hash;
    const a = hashInChild(scenario, 'file');
    const b = hashInChild(scenario, 'stdin');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect(a).toBe(inProcess);
  });
});
