/**
 * Two cores, three ways, in one session (issue 22 item 4): the same campaign on one thread, on two
 * worker threads of one process (`--workers 2`), and as two separate processes running a shard each
 * at the same time (`--shard 1/2` and `--shard 2/2`, `--workers 1`). The three are alternated round
 * by round, so a shared machine's load hits them alike; it prints each one's median wall time and
 * its speed-up over one thread.
 *
 *   node --import tsx bench/workers-vs-shards.ts [--target pbft] [--runs 3000] [--rounds 3] [--seed 7] [--bin bin/byzcheck.js]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './stats.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : fallback;
};
const target = option('--target', 'pbft');
const runs = option('--runs', '3000');
const rounds = Number(option('--rounds', '3'));
const seed = option('--seed', '7');
const bin = option('--bin', join(import.meta.dirname, '..', 'bin', 'byzcheck.js'));
const out = mkdtempSync(join(tmpdir(), 'byzcheck-workers-vs-shards-'));

/** Runs one `byzcheck run` with `extra` flags; resolves with the runs it reported once it exits. */
function campaign(extra: readonly string[]): Promise<number> {
  const argv = [bin, 'run', '--target', target, '--runs', runs, '--seed', seed, '--no-progress', '--out', out, ...extra];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('exit', (code) => {
      const done = /no violation in ([\d,]+) run/.exec(text)?.[1];
      if (code !== 0 || done === undefined) reject(new Error(`byzcheck ${argv.slice(1).join(' ')} exited ${code}: ${text}`));
      else resolve(Number(done.replace(/,/g, '')));
    });
  });
}

/** Wall seconds of `work`, and the runs it did. */
async function timed(work: () => Promise<number>): Promise<{ seconds: number; runs: number }> {
  const start = performance.now();
  const done = await work();
  return { seconds: (performance.now() - start) / 1000, runs: done };
}

const WAYS: Readonly<Record<string, () => Promise<number>>> = {
  'one thread (--workers 1)': () => campaign(['--workers', '1']),
  'two worker threads (--workers 2)': () => campaign(['--workers', '2']),
  'two processes (--shard 1/2 + --shard 2/2, --workers 1 each)': async () => {
    const parts = await Promise.all([campaign(['--workers', '1', '--shard', '1/2']), campaign(['--workers', '1', '--shard', '2/2'])]);
    return parts[0]! + parts[1]!;
  },
};

const seconds = new Map<string, number[]>(Object.keys(WAYS).map((k) => [k, []]));
console.log(`byzcheck run --target ${target} --runs ${runs} --seed ${seed}: ${rounds} rounds, ways alternated (load ${(await import('node:os')).loadavg()[0]?.toFixed(1)})`);
for (let round = 1; round <= rounds; round++) {
  for (const [name, work] of Object.entries(WAYS)) {
    const t = await timed(work);
    seconds.get(name)?.push(t.seconds);
    console.log(`  round ${round}: ${name}: ${t.seconds.toFixed(1)} s, ${t.runs} runs`);
  }
}
const base = median(seconds.get('one thread (--workers 1)') ?? []);
console.log('\n| way | median wall | runs/s | speed-up vs one thread |\n| --- | ---: | ---: | ---: |');
for (const [name, xs] of seconds) {
  const m = median(xs);
  console.log(`| ${name} | ${m.toFixed(1)} s | ${Math.round(Number(runs) / m)} | ${(base / m).toFixed(2)}× |`);
}
