import { describe, expect, it } from 'vitest';
import { runAndReplay } from '../fixtures/subprocess/faults.js';

describe('a subprocess replica that exits as soon as a run starts', () => {
  it('is a replica-contract finding (exit 1) with its exit code, its stderr beside it, and replays with the same trace hash', () => {
    const { run, replay, hash } = runAndReplay('exit-at-start');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/replica-contract: replica \d+ failed while handling init: SubprocessError: subprocess replica '[^']+': child exited with code 4\n/);
    // The pid and stderr are shown, but never in the finding's message (which enters the trace).
    expect(run.stdout).toMatch(/replica \d+'s process: pid \d+; stderr: faulty: cannot read my configuration/);
    expect(run.stdout).not.toContain('WARNING');
    expect(hash).toBeDefined();
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain(`trace hash: ${hash}`);
    expect(replay.stdout).toContain('identical to the recorded run');
  });
});
