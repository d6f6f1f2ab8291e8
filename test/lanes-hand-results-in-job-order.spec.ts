import { describe, expect, it } from 'vitest';
import type { Target } from '../src/adapter/contract.js';
import { laneTargets, runInLanes } from '../src/adapter/subprocess/lanes.js';
import seed002 from '../targets/seed002/index.js';
import seed002Python from '../targets/seed002-python/index.js';

describe('runInLanes', () => {
  it('hands results over in job order even when later jobs finish first', async () => {
    const lanes = [seed002, seed002, seed002] as Target<unknown>[];
    const gates = new Map<number, () => void>();
    const taken: number[] = [];
    const done = runInLanes([0, 1, 2, 3, 4], lanes, (job) => new Promise<number>((resolve) => gates.set(job, () => resolve(job * 10))), (job, r) => taken.push(job, r));
    await Promise.resolve();
    // Release the started jobs in reverse: nothing may be taken before job 0.
    for (const job of [2, 1]) gates.get(job)?.();
    await new Promise((r) => setImmediate(r));
    expect(taken).toEqual([]);
    gates.get(0)?.();
    await new Promise((r) => setImmediate(r));
    expect(taken).toEqual([0, 0, 1, 10, 2, 20]);
    for (const job of [4, 3]) gates.get(job)?.();
    await done;
    expect(taken).toEqual([0, 0, 1, 10, 2, 20, 3, 30, 4, 40]);
  });

  it('starts no job once stopped', async () => {
    const started: number[] = [];
    await runInLanes([0, 1, 2], [seed002 as Target<unknown>], async (job) => started.push(job), () => undefined, () => started.length >= 1);
    expect(started).toEqual([0]);
  });

  it('forks only child-process targets', () => {
    expect(laneTargets(seed002 as Target<unknown>, 4)).toHaveLength(1);
    const lanes = laneTargets(seed002Python, 3);
    expect(lanes).toHaveLength(3);
    expect(new Set(lanes).size).toBe(3);
  });
});
