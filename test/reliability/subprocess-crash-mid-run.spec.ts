import { describe, expect, it } from 'vitest';
import { runAndReplay } from '../fixtures/subprocess/faults.js';

describe('a subprocess replica that crashes in the middle of a run', () => {
  it('is a replica-contract finding (exit 1) with its exit code and traceback, and replays with the same trace hash', () => {
    const { run, replay, hash } = runAndReplay('crash-mid-run');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/replica-contract: replica \d+ failed while handling request from client \d+: .*child exited with code 1\n/);
    expect(run.stdout).toMatch(/replica \d+'s process: pid \d+; stderr: Traceback/);
    expect(run.stdout).toContain('RuntimeError: request');
    expect(run.stdout).not.toContain('WARNING');
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain(`trace hash: ${hash}`);
    expect(replay.stdout).toContain('identical to the recorded run');
  });
});
