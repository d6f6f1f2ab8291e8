import { describe, expect, it } from 'vitest';
import { runAndReplay } from '../fixtures/subprocess/faults.js';

describe('a subprocess replica that never answers a step', () => {
  it('is reported once confirmed (exit 1), unshrunk, with the hung step and the last events it got, and replays with the same trace hash', () => {
    const { run, replay, hash } = runAndReplay('hang', '--step-timeout', '2s');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/replica-contract: replica \d+ failed while handling request from client \d+: .*no answer to request 1 of client \d+ within the step timeout, twice \(the second time on a fresh process fed the same 3 event\(s\)\)/);
    expect(run.stdout).toMatch(/the last events it got: \{"type":"reset".*\{"type":"init","now":0\}, \{"type":"request"/);
    expect(run.stdout).toMatch(/shrunk in 0 steps/);
    expect(run.stdout).not.toContain('WARNING');
    // The replay waits with the default step timeout: the message names no duration, so the trace is the same.
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain(`trace hash: ${hash}`);
    expect(replay.stdout).toContain('identical to the recorded run');
  });
});
