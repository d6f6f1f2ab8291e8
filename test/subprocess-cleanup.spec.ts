import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeAllChildren, liveChildPids } from '../src/adapter/subprocess/index.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { baseScenario, contextFor } from './fixtures/world-kit.js';
import { childTarget, childrenOf, isGone, processState } from './fixtures/subprocess/kit.js';

afterAll(closeAllChildren);

const CAMPAIGN = join(import.meta.dirname, 'fixtures', 'subprocess', 'campaign-process.ts');

/** Parent pid of a live process, from /proc. */
function parentOf(pid: number): number | undefined {
  const state = processState(pid);
  if (state === undefined) return undefined;
  return childrenOf(process.pid).includes(pid) ? process.pid : Number.NaN;
}

/** Polls until `done()` holds, failing after a generous deadline (failure detection, not a timing assertion). */
async function eventually(done: () => boolean, what: string, deadlineMs = 20_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!done()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts the campaign process, waits for it to report its children, and returns both. */
async function startCampaign(mode: string): Promise<{ proc: ReturnType<typeof spawn>; pids: number[]; exited: Promise<{ code: number | null; signal: string | null }> }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', CAMPAIGN, mode], { cwd: join(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  let out = '';
  let err = '';
  proc.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  proc.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  await eventually(() => /children \[.+\]\n/.test(out) || proc.exitCode !== null, `the campaign's children (stderr: ${err})`, 40_000);
  const pids = JSON.parse(/children (\[.+\])\n/.exec(out)?.[1] ?? '[]') as number[];
  return { proc, pids, exited };
}

describe('no child process outlives byzcheck', () => {
  it('closeAllChildren leaves the test process with exactly the children it had before', async () => {
    const before = childrenOf(process.pid).sort();
    const { facts } = await runScenarioChecked(baseScenario({ requests: [{ client: 0, atMs: 0, operation: 'x' }] }), contextFor(childTarget('ok')));
    expect(facts.accepted).toHaveLength(1);
    const spawned = liveChildPids();
    expect(spawned).toHaveLength(4);
    for (const pid of spawned) expect(parentOf(pid)).toBe(process.pid);
    await closeAllChildren();
    expect(liveChildPids()).toEqual([]);
    for (const pid of spawned) expect(isGone(pid)).toBe(true);
    expect(childrenOf(process.pid).sort()).toEqual(before);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`a campaign process sent ${signal} mid-campaign kills its replica processes and dies of the signal`, async () => {
      const { proc, pids, exited } = await startCampaign('signal');
      expect(pids.length).toBeGreaterThanOrEqual(4);
      for (const pid of pids) expect(isGone(pid)).toBe(false);
      proc.kill(signal);
      const { signal: diedOf } = await exited;
      expect(diedOf).toBe(signal);
      await eventually(() => pids.every(isGone), 'the replica processes to be gone');
    });
  }

  it('a campaign that simply ends exits by itself (idle children keep nothing alive) and leaves no replica process behind', async () => {
    const { pids, exited } = await startCampaign('finish');
    expect(pids.length).toBeGreaterThanOrEqual(4);
    expect((await exited).code).toBe(0);
    await eventually(() => pids.every(isGone), 'the replica processes to be gone');
  });

  it('a campaign process that exits on its own mid-campaign leaves no replica process behind', async () => {
    const { pids, exited } = await startCampaign('exit');
    expect(pids.length).toBeGreaterThanOrEqual(4);
    expect((await exited).code).toBe(7);
    await eventually(() => pids.every(isGone), 'the replica processes to be gone');
  });
});
