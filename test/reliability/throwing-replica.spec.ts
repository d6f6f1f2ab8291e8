import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runThenReplay } from './cli-run.js';

describe('a replica that throws in a handler', () => {
  it('is a replica-contract finding through the CLI (exit 1) naming the replica and event, with its stack in the report only, and replays to the same trace hash', () => {
    const { run, replay, runHash, replayHash, file } = runThenReplay('test/fixtures/reliability/throwing-target.ts', 1);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/replica-contract: replica 1 failed while handling message from 0: RangeError: cannot handle "hello" from 0/);
    expect(replay.code).toBe(1);
    expect(runHash).toMatch(/^[0-9a-f]{64}$/);
    expect(replayHash).toBe(runHash);
    const markdown = readFileSync(file.replace(/\.json$/, '.md'), 'utf8');
    expect(markdown).toContain('throwing-target.ts');
    // The stack names files of this machine: it is in the report, never in the trace that is hashed.
    const recorded = JSON.parse(readFileSync(file, 'utf8')) as { trace: readonly { kind: string; message?: string }[] };
    expect(recorded.trace.filter((e) => e.kind === 'error').map((e) => e.message)).toEqual(['message from 0: RangeError: cannot handle "hello" from 0']);
  }, 60_000);
});
