import { describe, expect, it } from 'vitest';
import { runAndReplay } from '../fixtures/subprocess/faults.js';

describe('a subprocess replica that prints a line that is not JSON', () => {
  it('is a replica-contract finding (exit 1) quoting the line, and replays with the same trace hash', () => {
    const { run, replay, hash } = runAndReplay('garbage');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/replica-contract: replica \d+ failed while handling request from client \d+: .*child wrote a line that is not JSON: "OK I got request 1, thanks"\n/);
    expect(run.stdout).not.toContain('WARNING');
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain(`trace hash: ${hash}`);
    expect(replay.stdout).toContain('identical to the recorded run');
  });
});
