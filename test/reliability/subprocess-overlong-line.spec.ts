import { describe, expect, it } from 'vitest';
import { runAndReplay } from '../fixtures/subprocess/faults.js';

describe('a subprocess replica that prints a line over the 1 MiB limit', () => {
  it('is a replica-contract finding (exit 1) naming the limit, and replays with the same trace hash', () => {
    const { run, replay, hash } = runAndReplay('overlong');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/replica-contract: replica \d+ failed while handling request from client \d+: .*child wrote a line longer than the limit of 1048576 bytes\n/);
    expect(run.stdout).not.toContain('WARNING');
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain(`trace hash: ${hash}`);
    expect(replay.stdout).toContain('identical to the recorded run');
  });
});
