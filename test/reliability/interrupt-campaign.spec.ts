import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byzcheck } from '../fixtures/cli.js';
import { startByzcheck } from '../fixtures/live-cli.js';
import { childrenOf, isGone } from '../fixtures/subprocess/kit.js';

const SLOW_SHRINK = 'test/fixtures/slow-shrink-target.ts';

interface SavedCampaign {
  readonly interruptedBy?: string;
  readonly results: readonly { readonly runs: number; readonly interrupted: boolean; readonly stats: { readonly clusterSizes: Record<string, number> } }[];
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Polls until `done()` holds (failure detection only: the deadline asserts nothing about speed). */
async function eventually(done: () => boolean, what: string, deadlineMs = 20_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!done()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs a long PBFT campaign, signals it once it has reported runs done, and checks what it left behind. */
async function interruptCampaign(signal: 'SIGINT' | 'SIGTERM', workers: string): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'byzcheck-interrupt-'));
  const cli = startByzcheck('run', '--target', 'pbft', '--runs', '1000000', '--seed', '5', '--workers', workers, '--out', out);
  // Without a terminal the progress display prints a plain line every two seconds: wait for one with runs done.
  const progress = await cli.waitFor(/\[byzcheck\] ([1-9]\d*)\/1000000 runs/);
  const before = Number(progress[1]);
  cli.process.kill(signal);
  const { code } = await cli.exited;
  expect(code).toBe(signal === 'SIGINT' ? 130 : 143);
  expect(cli.stderr()).toContain(`byzcheck: ${signal} received: stopping the campaign`);
  const runs = Number(/⚠ interrupted by (?:SIGINT|SIGTERM) after (\d+) runs/.exec(cli.stdout())?.[1]);
  expect(cli.stdout()).toContain(`⚠ interrupted by ${signal} after ${runs} runs`);
  expect(runs).toBeGreaterThanOrEqual(before);

  const dir = join(out, 'pbft-seed5');
  const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
  expect(summary.split('\n')[0]).toBe(`# byzcheck campaign: pbft, seed 5: no violation (interrupted by ${signal} after ${runs} runs)`);
  expect(summary).toContain(`| runs | ${runs} |`);
  expect(summary).toContain(`| interrupted | yes: interrupted by ${signal} after ${runs} runs |`);
  expect(summary).toContain('## What the runs covered');
  const campaign = readJson<SavedCampaign>(join(dir, 'campaign.json'));
  expect(campaign.interruptedBy).toBe(signal);
  // Exactly the runs done count, and the coverage tables cover exactly those runs.
  expect(campaign.results.reduce((sum, r) => sum + r.runs, 0)).toBe(runs);
  expect(campaign.results.flatMap((r) => Object.values(r.stats.clusterSizes)).reduce((a, b) => a + b, 0)).toBe(runs);
  expect(campaign.results.some((r) => r.interrupted)).toBe(true);
  const junit = readFileSync(join(dir, 'junit.xml'), 'utf8');
  expect(junit).toContain(`<property name="interruptedBy" value="${signal}"/>`);
  expect(junit).toContain('failures="0"');
  expect(existsSync(join(dir, 'counterexample.json'))).toBe(false);
}

describe('a signal stops a campaign and keeps what it ran', () => {
  it('SIGINT mid-campaign on one thread exits 130 with summary.md, junit.xml and campaign.json marked interrupted after the runs done', async () => {
    await interruptCampaign('SIGINT', '1');
  }, 120_000);

  it('SIGTERM mid-campaign on two worker threads exits 143 with the runs of both threads counted', async () => {
    await interruptCampaign('SIGTERM', '2');
  }, 120_000);

  it('SIGINT while a violation is being shrunk exits 130 and writes the smallest counterexample so far, which replays identically', async () => {
    const out = mkdtempSync(join(tmpdir(), 'byzcheck-interrupt-'));
    const cli = startByzcheck('run', '--target', SLOW_SHRINK, '--runs', '1000', '--seed', '5', '--workers', '1', '--no-progress', '--out', out);
    await cli.waitFor(/✗ violation found; shrinking it/);
    cli.process.kill('SIGINT');
    const { code } = await cli.exited;
    expect(code).toBe(130);
    expect(cli.stdout()).toMatch(/^ {2}agreement: replicas \d+ and \d+ disagree at seq 1/m);
    expect(cli.stdout()).toContain('(interrupted by SIGINT: shrinking was cut short, this is the smallest counterexample found so far)');
    const dir = join(out, 'test-fixtures-slow-shrink-target-seed5');
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(summary.split('\n')[0]).toMatch(/: violation found \(interrupted by SIGINT after 1 runs\)$/);
    expect(summary).toContain('Shrinking was cut short by SIGINT: this is the smallest counterexample found so far');
    const file = join(dir, 'counterexample.json');
    const saved = readJson<{ verdict: { violations: { property: string }[] }; traceHash: string }>(file);
    expect(saved.verdict.violations[0]?.property).toBe('agreement');
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain('failures="1"');

    const replay = byzcheck('replay', file);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain(`trace hash: ${saved.traceHash}`);
    expect(replay.stdout).toContain('identical to the recorded run');
  }, 120_000);

  it('a second SIGINT ends the process at once, mid-run, without waiting for the reports', async () => {
    const out = mkdtempSync(join(tmpdir(), 'byzcheck-interrupt-'));
    // Each handler computes ~5× longer than by default, so the replay that follows the first signal
    // lasts seconds: the second signal lands in it even when this test process is starved of CPU.
    const cli = startByzcheck('run', '--target', SLOW_SHRINK, '--target-option', 'iterations=1200000000', '--runs', '1000', '--seed', '5', '--workers', '1', '--no-progress', '--out', out);
    await cli.waitFor(/✗ violation found; shrinking it/, 120_000);
    cli.process.kill('SIGINT');
    // The first signal is handled: the traced replay of the failure (a run of this slow target) comes next.
    await cli.waitFor(/SIGINT received: stopping the campaign/, 120_000);
    cli.process.kill('SIGINT');
    // The default action ends it by the signal itself (a shell shows exit status 130), even inside a synchronous run.
    expect(await cli.exited).toEqual({ code: null, signal: 'SIGINT' });
    expect(existsSync(join(out, 'test-fixtures-slow-shrink-target-seed5', 'summary.md'))).toBe(false);
  }, 120_000);
});

describe('a signal kills the replica processes of a subprocess target', () => {
  it('SIGINT during a campaign against a Python replica exits 130, reports the runs done and leaves no replica process behind', async () => {
    const out = mkdtempSync(join(tmpdir(), 'byzcheck-interrupt-'));
    // No adversary: seed 002's replica has real validity bugs a forger finds within a few runs, and this test needs a campaign still running.
    const cli = startByzcheck('run', '--target', 'seed002-python', '--adversary', 'none', '--properties', 'agreement,validity,integrity', '--runs', '100000', '--seed', '3', '--workers', '1', '--out', out);
    await cli.waitFor(/\[byzcheck\] [1-9]\d*\/100000 runs/);
    const pid = cli.process.pid as number;
    // One child may host every replica of a run (protocol 4), so a campaign has at least one per lane.
    const replicas = childrenOf(pid);
    expect(replicas.length).toBeGreaterThanOrEqual(1);
    cli.process.kill('SIGINT');
    const { code } = await cli.exited;
    expect(code).toBe(130);
    expect(cli.stdout()).toMatch(/⚠ interrupted by SIGINT after (?:1 run|[2-9]\d* runs|1\d+ runs)\b/);
    expect(readFileSync(join(out, 'seed002-python-seed3', 'summary.md'), 'utf8')).toContain('| interrupted | yes: interrupted by SIGINT after');
    await eventually(() => replicas.every(isGone), 'the replica processes to be gone');
  }, 120_000);

  it('SIGTERM during a sweep through a Python replica exits 143 with the points completed and leaves no replica process behind', async () => {
    const out = mkdtempSync(join(tmpdir(), 'byzcheck-interrupt-'));
    const cli = startByzcheck('sweep', '--target', 'seed002-python', '--n', '10', '--malicious', '0..10', '--trials', '5', '--out', out);
    const pid = cli.process.pid as number;
    // The sweep prints nothing until it ends: its replica processes (one hosting child per trial in
    // flight, or ten of their own) show it is running trials.
    await eventually(() => childrenOf(pid).length >= 1, 'the sweep to start its replica processes', 60_000);
    const replicas = childrenOf(pid);
    cli.process.kill('SIGTERM');
    const { code } = await cli.exited;
    expect(code).toBe(143);
    expect(cli.stdout()).toMatch(/⚠ interrupted by SIGTERM(: \d+ of 11 points completed| before the first point completed)/);
    await eventually(() => replicas.every(isGone), 'the replica processes to be gone');
  }, 120_000);
});

describe('a shard stopped by a signal', () => {
  it('merges into a campaign marked interrupted and incomplete (exit 2), never a plain "no violation"', async () => {
    const out = mkdtempSync(join(tmpdir(), 'byzcheck-interrupt-'));
    const cli = startByzcheck('run', '--target', 'pbft', '--runs', '1000000', '--seed', '5', '--shard', '1/1', '--workers', '1', '--out', out);
    await cli.waitFor(/\[byzcheck\] [1-9]\d*\/1000000 runs/);
    cli.process.kill('SIGTERM');
    expect((await cli.exited).code).toBe(143);
    const shard = join(out, 'pbft-seed5-shard1of1');
    const merged = byzcheck('merge', shard, '--out', join(out, 'merged'));
    expect(merged.code).toBe(2);
    expect(merged.stdout).toContain(`WARNING: ${shard} was interrupted by a signal: the merged campaign is incomplete`);
    const runs = readJson<SavedCampaign>(join(shard, 'campaign.json')).results.reduce((sum, r) => sum + r.runs, 0);
    expect(readFileSync(join(out, 'merged', 'summary.md'), 'utf8')).toContain(`| interrupted | yes: interrupted by SIGTERM after ${runs} runs |`);
  }, 120_000);
});
