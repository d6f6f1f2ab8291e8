import { describe, expect, it } from 'vitest';
import type { Target } from '../src/adapter/contract.js';
import { RunsAhead } from '../src/check/runs-ahead.js';
import type { Scenario } from '../src/scenario/types.js';

/** Stand-ins: RunsAhead only passes scenarios and lanes through, and compares scenarios as JSON. */
const scenario = (i: number): Scenario => ({ seed: i }) as unknown as Scenario;
const lane = (name: string): Target<unknown> => ({ name, createReplica: () => ({}) }) as unknown as Target<unknown>;

/** A RunsAhead over `lanes` lanes whose runs finish only when the test opens their gate. */
function gated(lanes: number, runs: number) {
  const gates = new Map<number, () => void>();
  const started: { index: number; lane: string }[] = [];
  const ahead = new RunsAhead(Array.from({ length: runs }, (_, i) => scenario(i)), Array.from({ length: lanes }, (_, k) => lane(`lane${k}`)), (_s, index, target) => {
    started.push({ index, lane: target.name });
    return new Promise<number>((resolve) => gates.set(index, () => resolve(index * 10)));
  });
  return { ahead, gates, started };
}

describe('runs started ahead', () => {
  it('keep one run per lane in flight and hand each outcome to the run index that asks for it', async () => {
    const { ahead, gates, started } = gated(3, 6);
    const first = ahead.take(0, scenario(0));
    expect(started.map((s) => s.index)).toEqual([0, 1, 2]);
    expect(new Set(started.map((s) => s.lane)).size).toBe(3);
    // Later runs finishing first change nothing about which outcome run 0 gets.
    gates.get(2)?.();
    gates.get(1)?.();
    gates.get(0)?.();
    expect(await first).toBe(0);
    await new Promise((r) => setImmediate(r));
    expect(await ahead.take(1, scenario(1))).toBe(10);
    // Every lane was free again: runs 3, 4 (and 5) started on them.
    expect(started.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await ahead.take(2, scenario(2))).toBe(20);
  });

  it('refuse a scenario other than the planned one, and start nothing after settling', async () => {
    const { ahead, gates, started } = gated(2, 5);
    expect(ahead.take(0, scenario(99))).toBeUndefined();
    for (const open of gates.values()) open();
    await ahead.settle();
    expect(ahead.take(1, scenario(1))).toBeUndefined();
    expect(started.map((s) => s.index)).toEqual([0, 1]);
  });

  it('keep a failed run\'s error for the run index that asks for it', async () => {
    const ahead = new RunsAhead([scenario(0), scenario(1)], [lane('a'), lane('b')], (_s, index) => (index === 1 ? Promise.reject(new Error('run 1 broke')) : Promise.resolve(index)));
    expect(await ahead.take(0, scenario(0))).toBe(0);
    await expect(ahead.take(1, scenario(1))).rejects.toThrow('run 1 broke');
  });
});
