import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Target } from '../../src/adapter/contract.js';
import { check } from '../../src/check/driver.js';
import type { Property } from '../../src/property.js';
import { defaultSpace } from '../../src/scenario/arbitrary.js';
import { assertReplica } from '../../src/vitest.js';
import { equivocator } from '../../adversaries/equivocator.js';
import { agreement } from '../../properties/agreement.js';
import { replicaContract } from '../../properties/replica-contract.js';
import naive from '../../targets/naive-broadcast/index.js';
import { byzcheck } from '../fixtures/cli.js';
import { ADVERSARY_MAP } from '../fixtures/world-kit.js';

const out = mkdtempSync(join(tmpdir(), 'byzcheck-harness-error-'));
const SPACE = defaultSpace([equivocator], { timeMs: 2_000, events: 5_000 });
const HOOK_TARGET = 'test/fixtures/reliability/broken-hook-target.ts';

describe('an error of the harness or its options ends the campaign instead of reading as "no violation"', () => {
  it('check() rejects with the error when the scenario space names an adversary the adversaries map lacks', async () => {
    const run = check({ target: naive, adversaries: new Map(), space: SPACE, properties: [agreement], runs: 14, seed: 1 });
    await expect(run).rejects.toThrow("unknown adversary 'equivocator'");
  });

  it('check() rejects with the error a property throws while judging', async () => {
    const broken: Property = { name: 'broken', description: 'throws', check: () => { throw new TypeError('property bug'); } };
    const run = check({ target: naive, adversaries: ADVERSARY_MAP, space: SPACE, properties: [broken], runs: 14, seed: 1 });
    await expect(run).rejects.toThrow('property bug');
  });

  it('check() rejects with the error its onProgress callback throws', async () => {
    const onProgress = (): void => { throw new Error('progress display broke'); };
    await expect(check({ target: naive, adversaries: ADVERSARY_MAP, space: SPACE, properties: [agreement], runs: 14, seed: 1, onProgress })).rejects.toThrow('progress display broke');
  });

  it("a replica's own throw is still a replica-contract finding, not a harness error", async () => {
    const throwing: Target<never> = {
      name: 'throwing', description: 'throws on every request', limits: { timeMs: 2_000, events: 5_000 },
      createReplica: () => ({ onMessage: () => undefined, onRequest: () => { throw new RangeError('replica bug'); } }),
    };
    const result = await check({ target: throwing, adversaries: ADVERSARY_MAP, space: SPACE, properties: [replicaContract], runs: 20, seed: 1 });
    const violation = result.counterexample?.verdict.violations[0];
    expect(violation?.property).toBe('replica-contract');
    expect(violation?.message).toContain('replica bug');
  });

  it('assertReplica rejects with the error of a target hook instead of resolving', async () => {
    await expect(assertReplica(HOOK_TARGET, { runs: 10, properties: 'agreement', out })).rejects.toThrow('livenessBoundMs hook is broken');
  });

  it.each([
    ['in this thread', ['--runs', '20']],
    ['on worker threads', ['--runs', '300', '--workers', '2']],
  ])('the CLI exits 3 with the error %s', (_where, extra) => {
    const r = byzcheck('run', '--target', HOOK_TARGET, '--properties', 'agreement', '--seed', '1', ...extra, '--out', out, '--no-progress');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('internal error');
    expect(r.stderr).toContain('livenessBoundMs hook is broken');
    expect(r.stdout).not.toContain('no violation');
  });

  it('the CLI exits 3, instead of waiting forever, when a worker thread ends without a result', () => {
    const r = byzcheck('run', '--target', 'test/fixtures/reliability/thread-exit-target.ts', '--runs', '400', '--workers', '2', '--seed', '1', '--out', out, '--no-progress');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/the worker thread running chunk \d+ exited with code 7 before posting a result/);
  });
});
