import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Target } from '../src/adapter/contract.js';
import { closeAllChildren } from '../src/adapter/subprocess/index.js';
import { writeSweepCharts } from '../src/sweep/charts.js';
import { parseMaliciousRange } from '../src/sweep/range.js';
import { percentile, runSweep, type SweepResult } from '../src/sweep/run.js';
import { sweepScenario } from '../src/sweep/scenario.js';
import { formatSweepTable } from '../src/sweep/table.js';
import seed002 from '../targets/seed002/index.js';
import seed002Python from '../targets/seed002-python/index.js';
import { ADVERSARY_MAP } from './fixtures/world-kit.js';

afterAll(closeAllChildren);

const sweep = (target: Target<unknown>, malicious: number[], trials = 3): Promise<SweepResult> =>
  runSweep({ target, adversaries: ADVERSARY_MAP, n: 10, malicious, trials, seed: 11 });

describe("seed 002's sweep, in virtual time", () => {
  it('parses --malicious as a range, a list or one number', () => {
    expect(parseMaliciousRange('0..10')).toHaveLength(11);
    expect(parseMaliciousRange('4,0,2,2')).toEqual([0, 2, 4]);
    expect(parseMaliciousRange('3')).toEqual([3]);
    expect(() => parseMaliciousRange('5..1')).toThrow(/upwards/);
    expect(() => parseMaliciousRange('a-b')).toThrow(/not a range/);
  });

  it("draws the malicious set like the seed's random.sample, deterministically per (seed, m, trial)", () => {
    const a = sweepScenario({ n: 10, malicious: 4, trial: 2, seed: 11, adversary: 'seed002-faulty', timeoutMs: 2000 });
    const b = sweepScenario({ n: 10, malicious: 4, trial: 2, seed: 11, adversary: 'seed002-faulty', timeoutMs: 2000 });
    expect(a).toEqual(b);
    const nodes = a.byzantine.map((p) => p.node);
    expect(new Set(nodes).size).toBe(4);
    expect(nodes.every((x) => x >= 0 && x < 10)).toBe(true);
    expect(a.beyondF).toBe(true);
    expect(a.requests).toEqual([{ client: 0, atMs: 0, operation: 'tx: pay Alice->Bob 5' }]);
  });

  it('always succeeds with no malicious node, never beyond f, and only without a faulty primary within f', async () => {
    const result = await sweep(seed002 as Target<unknown>, [0, 1, 2, 3, 4, 7, 10]);
    const at = (m: number) => result.points.find((p) => p.malicious === m);
    expect(at(0)).toMatchObject({ successes: 3, agreements: 3, replicaErrors: 0 });
    for (const m of [4, 7, 10]) expect(at(m)).toMatchObject({ successes: 0, meanLatencyMs: null, p95LatencyMs: null });
    for (const m of [1, 2, 3]) {
      const primaryFaulty = [0, 1, 2].filter((t) => sweepScenario({ n: 10, malicious: m, trial: t, seed: 11, adversary: 'seed002-faulty', timeoutMs: 2000 }).byzantine.some((b) => b.node === 0)).length;
      expect(at(m)?.successes).toBe(3 - primaryFaulty);
    }
    const zero = at(0);
    // Three hops of 5–35 ms each, plus the client's hop: within the seed's network's range.
    expect(zero?.meanLatencyMs).toBeGreaterThanOrEqual(4 * 5);
    expect(zero?.meanLatencyMs).toBeLessThanOrEqual(4 * 35);
  });

  it('the Python replica gives exactly the in-process numbers', async () => {
    const ts = await sweep(seed002 as Target<unknown>, [0, 3, 5], 2);
    const py = await sweep(seed002Python, [0, 3, 5], 2);
    expect(py.points).toEqual(ts.points);
  });

  it('gives the same points and trial order with one lane of Python children as with three', async () => {
    const run = async (lanes: number) => {
      const order: string[] = [];
      const result = await runSweep({ target: seed002Python, adversaries: ADVERSARY_MAP, n: 4, malicious: [0, 1, 2], trials: 3, seed: 5, lanes, onTrial: (m, t, o) => order.push(`${m}/${t}/${o.success}`) });
      return { points: result.points, order };
    };
    const one = await run(1);
    expect(one.order).toHaveLength(9);
    expect(await run(3)).toEqual(one);
  });

  it('prints a table and writes two escaped SVG charts under <out>/sweep/<target>/', async () => {
    const result = await sweep(seed002 as Target<unknown>, [0, 4], 2);
    const lines = formatSweepTable(result);
    expect(lines[0]).toContain('target seed002, n=10 (f=3)');
    expect(lines.some((l) => /^\s+4\s+0\/2\s+0\.00\s+NA\s+NA\s+0\/0\s+beyond f$/.test(l))).toBe(true);
    const out = mkdtempSync(join(tmpdir(), 'byzcheck-sweep-'));
    const charts = writeSweepCharts({ ...result, target: 'a<b>&"c"' }, out);
    expect(charts.latency).toBe(join(out, 'sweep', 'a-b-c', 'latency.svg'));
    const svg = readFileSync(charts.success, 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('a&lt;b&gt;&amp;&quot;c&quot;');
    expect(svg).not.toContain('a<b>');
    expect(readFileSync(charts.latency, 'utf8')).toContain('Latency vs malicious nodes');
  });

  it('takes the nearest-rank p95', () => {
    expect(percentile([10, 20, 30, 40], 95)).toBe(40);
    expect(percentile(Array.from({ length: 20 }, (_, i) => i + 1), 95)).toBe(19);
  });
});
