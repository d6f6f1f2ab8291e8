import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { expect } from 'vitest';
import { byzcheck, ROOT } from '../fixtures/cli.js';

/** What `byzcheck run` printed about its counterexample, and what `byzcheck replay` of it printed. */
export interface RunAndReplay {
  readonly run: ReturnType<typeof byzcheck>;
  readonly replay: ReturnType<typeof byzcheck>;
  readonly runHash: string | undefined;
  readonly replayHash: string | undefined;
  /** The counterexample.json the run wrote. */
  readonly file: string;
}

/** Runs the real CLI on `target` (no adversaries, so run 1 fails), then replays the counterexample it wrote, in another process. */
export function runThenReplay(target: string, seed: number): RunAndReplay {
  const out = mkdtempSync(join(tmpdir(), 'byzcheck-reliability-'));
  const run = byzcheck('run', '--target', target, '--seed', String(seed), '--runs', '20', '--adversary', 'none', '--out', out, '--no-progress');
  const lines = run.stdout.trim().split('\n');
  const last = lines[lines.length - 1] ?? '';
  expect(last).toMatch(/^Replay: npx byzcheck replay \S+counterexample\.json$/);
  const file = last.replace('Replay: npx byzcheck replay ', '');
  const replay = byzcheck('replay', file);
  const hashOf = (text: string): string | undefined => /trace hash: ([0-9a-f]{64})/.exec(text)?.[1];
  return { run, replay, runHash: hashOf(run.stdout), replayHash: hashOf(replay.stdout), file: isAbsolute(file) ? file : join(ROOT, file) };
}
