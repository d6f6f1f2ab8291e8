import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReplicaFactory } from '../../src/adapter/contract.js';
import { trackReplicaAsyncWork } from '../../src/adapter/replica-async-context.js';
import { check, replayTraced } from '../../src/check/driver.js';
import { runScenarioChecked } from '../../src/check/run-scenario.js';
import { spaceFor } from '../../src/check/space.js';
import { assertReplica, ByzcheckViolation } from '../../src/vitest.js';
import { PROPERTIES } from '../../properties/index.js';
import { byzcheck } from '../fixtures/cli.js';
import { target } from '../fixtures/unawaited-rejection-target.js';
import { baseScenario, contextFor, makeWorld, targetOf } from '../fixtures/world-kit.js';
import { runThenReplay } from './cli-run.js';

const out = mkdtempSync(join(tmpdir(), 'byzcheck-unawaited-'));
const FINDING = /replica-contract: replica 2 failed while handling message from 0 \(work it started and never awaited\): Error: journal of replica 2 is full: cannot append "hello"/;

/** A journal that rejects every write of `culprit`, as the fixture's does. */
function rejectingJournal(id: number, culprit: number): (entry: unknown) => Promise<void> {
  return async (entry) => {
    await Promise.resolve();
    if (id === culprit) throw new Error(`journal of replica ${id} rejected ${JSON.stringify(entry)}`);
  };
}

describe('a rejection of work a replica started and never awaited', () => {
  it('is a replica-contract finding about that replica from check(), which replays to the same trace hash, and leaves no listener behind', async () => {
    const listeners = process.listenerCount('unhandledRejection');
    const result = await check({ ...contextFor(target), space: spaceFor(target, [], false), properties: PROPERTIES, runs: 20, seed: 1 });
    expect(process.listenerCount('unhandledRejection')).toBe(listeners);
    const cx = result.counterexample;
    expect(cx?.verdict.violations.map((v) => v.property)).toEqual(['replica-contract']);
    expect(`replica-contract: ${cx?.verdict.violations[0]?.message}`).toMatch(FINDING);
    expect(cx?.facts.replicaErrors.map((e) => e.replica)).toEqual([2]);
    expect(cx?.reproducible).toBe(true);
    // The trace holds the error's name and message, never its stack: no path of this machine.
    const errors = cx?.trace.filter((e) => e.kind === 'error') ?? [];
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(cx?.trace)).not.toContain(import.meta.dirname);
    const again = await replayTraced(cx!.scenario, contextFor(target), PROPERTIES);
    expect(again.traceHash).toBe(cx?.traceHash);
  });

  it('fails assertReplica with the finding, as a user test would see it', async () => {
    const run = assertReplica('test/fixtures/unawaited-rejection-target.ts', { runs: 10, seed: 3, adversary: 'none', out });
    const error = (await run.catch((e: unknown) => e)) as ByzcheckViolation;
    expect(error).toBeInstanceOf(ByzcheckViolation);
    expect(error.message).toMatch(FINDING);
  });

  it('is blamed on the replica whose async handler started it, when the work starts after an await', async () => {
    const factory: ReplicaFactory<unknown> = (ctx) => {
      const append = rejectingJournal(ctx.config.id, 3);
      return {
        init: () => (ctx.config.id === 0 ? ctx.broadcast('hello') : undefined),
        onMessage: async (_from, message) => {
          await Promise.resolve();
          void append(message);
        },
        onRequest: () => undefined,
      };
    };
    const { facts } = await runScenarioChecked(baseScenario(), contextFor(targetOf(factory)));
    expect(facts.replicaErrors).toEqual([expect.objectContaining({ replica: 3, event: 'message from 0 (work it started and never awaited)', message: 'Error: journal of replica 3 rejected "hello"' })]);
  });

  it('of a faulty replica turns it inert, like its crash, instead of being a finding', async () => {
    const factory: ReplicaFactory<unknown> = (ctx) => {
      const append = rejectingJournal(ctx.config.id, 1);
      return { init: () => (ctx.config.id === 0 ? ctx.broadcast('hello') : undefined), onMessage: (_f, m) => void append(m), onRequest: () => undefined };
    };
    const untrack = trackReplicaAsyncWork();
    try {
      const world = makeWorld(baseScenario(), { factory, honest: [true, false, true, true] });
      const facts = await world.run();
      await new Promise((resolve) => setImmediate(resolve));
      expect(facts.replicaErrors).toEqual([]);
      expect(world.trace?.filter((e) => e.kind === 'error').map((e) => e.kind === 'error' && e.node)).toEqual([1]);
    } finally {
      untrack();
    }
  });

  it('that no replica started, during runs in a user\'s test process, still reaches its other listeners as if byzcheck were not listening', async () => {
    const marker = new Error('rejected by the test itself, outside any replica');
    const seen: number[] = [];
    const listener = (reason: unknown): void => {
      if (reason === marker) seen.push(process.listenerCount('unhandledRejection'));
    };
    const before = process.listenerCount('unhandledRejection');
    process.on('unhandledRejection', listener);
    const untrack = trackReplicaAsyncWork();
    try {
      void Promise.reject(marker);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      untrack();
      process.off('unhandledRejection', listener);
    }
    // Once with byzcheck's listener among them, then handed on without it (vitest reports only when alone).
    expect(seen).toEqual([before + 2, before + 1]);
    expect(process.listenerCount('unhandledRejection')).toBe(before);
  });

  it('through the CLI: exit 1 with the finding, and `byzcheck replay` of its counterexample exits 1 with the same trace hash', () => {
    const { run, replay, runHash, replayHash, file } = runThenReplay('test/fixtures/unawaited-rejection-target.ts', 1);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(FINDING);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toMatch(FINDING);
    expect(runHash).toBeDefined();
    expect(replayHash).toBe(runHash);
    expect(replay.stdout).toContain('identical to the recorded run');
    // The stack, with its paths, is in the report for the reader (and nowhere the trace hash sees).
    const report = readFileSync(join(dirname(file), 'counterexample.md'), 'utf8');
    expect(report).toContain("Stack of replica 2's error:");
    expect(report).toContain('unawaited-rejection-target.ts:');
  });

  it('that no replica started (a rejection at the top level of the target module) is an internal error: exit 3, never 1', () => {
    const r = byzcheck('run', '--target', 'test/fixtures/module-rejection-target.ts', '--seed', '1', '--runs', '5', '--no-progress', '--out', out);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('byzcheck: internal error (please report it): Error: module-level work of the target module failed');
  });
});
