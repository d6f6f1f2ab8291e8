/**
 * Start-up time of whole byzcheck commands, as a user's CI pays it: spawns each command N times
 * (sequentially, after one warm-up) and prints the median and spread of the wall-clock times.
 *
 *   node --import tsx bench/startup.ts [--runs 15] [--bin path/to/byzcheck.js]
 *
 * The default binary is this checkout's bin/byzcheck.js (compiled dist/ when it is fresh).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const runs = Number(option('--runs', '15'));
const bin = option('--bin', join(import.meta.dirname, '..', 'bin', 'byzcheck.js'));

const COMMANDS: readonly (readonly string[])[] = [
  ['list'],
  ['run', '--target', 'naive-broadcast', '--seed', '1', '--no-progress', '--out', join('reports', 'bench-startup')],
];

function timeOnce(argv: readonly string[]): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8' });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`byzcheck ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return elapsed;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

console.log(`bin: ${bin}, ${runs} runs each (after 1 warm-up)`);
for (const argv of COMMANDS) {
  timeOnce(argv);
  const times = Array.from({ length: runs }, () => timeOnce(argv));
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`byzcheck ${argv.join(' ')}\n  median ${median(times).toFixed(3)} s  (min ${sorted[0]!.toFixed(3)}, max ${sorted.at(-1)!.toFixed(3)})`);
}
