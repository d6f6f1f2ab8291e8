/**
 * Seed 002's sweep (`byzcheck sweep`: n = 10, 0..10 malicious, 5 trials each) as a user runs it: a
 * whole process, start-up included, against the 82.9 s the seed's own script sleeps through. Both the
 * in-process port (`--target seed002`) and the Python replica (`--target seed002-python`) run, in
 * turn, each repetition; the shell's `time` gives wall and CPU (Node plus the children it reaped).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarize, type Summary } from '../stats.js';
import type { SuiteOptions } from './section.js';

/** The seed's own sweep, seconds of wall clock (its script sleeps real time). */
export const SEED_SWEEP_SECONDS = 82.9;
/** Issue 22's goal: the whole-process sweep this many times faster than the seed's. */
export const SWEEP_GOAL = 1_000;

const BIN = fileURLToPath(new URL('../../bin/byzcheck.js', import.meta.url));

/** One target's whole-process sweep figures. */
export interface SweepFigures {
  readonly target: string;
  readonly command: string;
  readonly wallSeconds: Summary;
  readonly cpuSeconds: Summary;
  /** 82.9 s ÷ wall seconds, per repetition. */
  readonly speedUp: Summary;
}

function timeOnce(argv: readonly string[]): { wall: number; cpu: number } {
  const quoted = [process.execPath, BIN, ...argv].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('bash', ['-c', `TIMEFORMAT='%R %U %S'; time ${quoted} >/dev/null 2>&1; exit 0`], { encoding: 'utf8' });
  const [wall, user, sys] = r.stderr.trim().split(/\s+/).map(Number);
  if (wall === undefined || user === undefined || sys === undefined || Number.isNaN(wall + user + sys)) throw new Error(`timing byzcheck ${argv.join(' ')} failed: ${r.stderr}`);
  return { wall, cpu: user + sys };
}

/** Both sweeps, whole processes, in turn (order swapped every repetition), after one warm-up each (compile cache). */
export function wholeSweepSection(options: SuiteOptions): SweepFigures[] {
  const out = mkdtempSync(join(tmpdir(), 'byzcheck-sweep-bench-'));
  const targets = ['seed002', 'seed002-python'];
  const argv = (t: string): string[] => ['sweep', '--target', t, '--out', out];
  const samples = new Map<string, { wall: number; cpu: number }[]>(targets.map((t) => [t, []]));
  try {
    options.log(`whole-process sweep: ${targets.join(' and ')}, ${options.reps} repetitions after a warm-up`);
    for (const t of targets) timeOnce(argv(t));
    for (let r = 0; r < options.reps; r++) {
      for (const t of r % 2 === 0 ? targets : [...targets].reverse()) samples.get(t)?.push(timeOnce(argv(t)));
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return targets.map((t) => {
    const s = samples.get(t) ?? [];
    return {
      target: t,
      command: `byzcheck sweep --target ${t}`,
      wallSeconds: summarize(s.map((x) => x.wall)),
      cpuSeconds: summarize(s.map((x) => x.cpu)),
      speedUp: summarize(s.map((x) => SEED_SWEEP_SECONDS / x.wall)),
    };
  });
}
