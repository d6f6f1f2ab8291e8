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
import { median } from './stats.js';

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

/** One run's wall-clock and CPU (user + system) seconds, measured by bash's `time` around the command alone. */
function timeOnce(argv: readonly string[]): { wall: number; cpu: number } {
  const quoted = [process.execPath, bin, ...argv].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('bash', ['-c', `TIMEFORMAT='%R %U %S'; time ${quoted} >/dev/null 2>&1; exit 0`], { encoding: 'utf8' });
  const [wall, user, sys] = r.stderr.trim().split(/\s+/).map(Number);
  if (wall === undefined || user === undefined || sys === undefined || Number.isNaN(wall + user + sys)) throw new Error(`timing byzcheck ${argv.join(' ')} failed: ${r.stderr}`);
  return { wall, cpu: user + sys };
}


console.log(`bin: ${bin}, ${runs} runs each (after 1 warm-up)`);
for (const argv of COMMANDS) {
  timeOnce(argv);
  const samples = Array.from({ length: runs }, () => timeOnce(argv));
  const walls = samples.map((s) => s.wall).sort((a, b) => a - b);
  console.log(`byzcheck ${argv.join(' ')}`);
  console.log(`  wall median ${median(walls).toFixed(3)} s (min ${walls[0]!.toFixed(3)}, max ${walls.at(-1)!.toFixed(3)}); cpu median ${median(samples.map((s) => s.cpu)).toFixed(3)} s`);
}
