import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeAllChildren } from '../src/adapter/subprocess/registry.js';
import type { CampaignOutcome } from '../src/campaign/merge.js';
import { runCampaign } from '../src/campaign/pool.js';
import type { CampaignSpec } from '../src/campaign/spec.js';
import { byzcheck } from './fixtures/cli.js';

const TINY = 'python3 examples/tiny_replica.py';

/** Everything a campaign reports that must not depend on how many runs were in flight. */
function essence(o: CampaignOutcome) {
  const cx = o.counterexample;
  return {
    runs: o.runs, shrinks: o.shrinks, deliveries: o.deliveries, stats: o.stats, chunks: o.chunks, failedChunk: o.failedChunk,
    counterexample: cx === null ? null : { scenario: cx.scenario, verdict: cx.verdict, traceHash: cx.traceHash, path: cx.path, failedAtRun: cx.failedAtRun, shrinks: cx.shrinks, events: cx.events },
  };
}

/** A report file without what differs between two runs of one campaign: wall time, speed and the report folder. */
function stable(text: string): string {
  return text
    .replace(/\| (wall time|runs\/s) \|[^\n]*/g, '| $1 | (timing) |')
    .replace(/time="[0-9.]+"/g, 'time="(timing)"')
    .replace(/[^\s"]*counterexample\.json/g, '(report path)');
}

describe('runs in flight over several lanes of a subprocess target', () => {
  afterAll(closeAllChildren);

  it('find the same counterexample (at the same run, same shrinks, same trace) as one run at a time', async () => {
    // Seed 3 fails at run 4: runs 2 … 4 are started ahead on other lanes, some finishing before earlier ones.
    const spec: CampaignSpec = { target: `exec:${TINY}`, adversaries: ['equivocator', 'crash', 'silent'], properties: null, beyondF: false, seed: 3, runs: 30 };
    const one = await runCampaign(spec, { workers: 1, lanes: 1 });
    const three = await runCampaign(spec, { workers: 1, lanes: 3 });
    expect(one.counterexample?.failedAtRun).toBe(4);
    expect(essence(three)).toEqual(essence(one));
  });

  it('count the same runs, deliveries and coverage when every run passes', async () => {
    const spec: CampaignSpec = { target: `exec:${TINY}`, adversaries: [], properties: ['replica-contract'], beyondF: false, seed: 8, runs: 24 };
    const one = await runCampaign(spec, { workers: 1, lanes: 1 });
    const three = await runCampaign(spec, { workers: 1, lanes: 3 });
    expect(one.counterexample).toBeNull();
    expect(one.runs).toBe(24);
    expect(essence(three)).toEqual(essence(one));
  });

  it('write the same summary and JUnit report from the CLI for --lanes 1 and --lanes 3', () => {
    const reports = [1, 3].map((lanes) => {
      const out = mkdtempSync(join(tmpdir(), `byzcheck-lanes-${lanes}-`));
      const run = byzcheck('run', '--exec', TINY, '--adversary', 'equivocator,crash,silent', '--seed', '3', '--runs', '30', '--workers', '1', '--lanes', String(lanes), '--out', out, '--no-progress');
      expect(run.code).toBe(1);
      const dir = join(out, `exec-python3-examples-tiny-replica-py-seed3`);
      return {
        stdout: /violation found at run \d+; shrunk in \d+ steps to \d+ events/.exec(run.stdout)?.[0],
        hash: /trace hash: ([0-9a-f]{64})/.exec(run.stdout)?.[1],
        summary: stable(readFileSync(join(dir, 'summary.md'), 'utf8')),
        junit: stable(readFileSync(join(dir, 'junit.xml'), 'utf8')),
      };
    });
    expect(reports[0]?.stdout).toMatch(/at run 4;/);
    expect(reports[1]).toEqual(reports[0]);
  });
});
