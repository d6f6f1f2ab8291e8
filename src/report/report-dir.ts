import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Shard } from '../campaign/chunks.js';

/** The base name of a campaign's report folder: `<target>-seed<S>`, with `-shard<i>of<N>` (1-based) for a shard. */
export function reportId(target: string, seed: number, shard?: Shard): string {
  const slug = target.replace(/\.[cm]?[jt]s$/, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${slug}-seed${seed}${shard === undefined ? '' : `-shard${shard.index + 1}of${shard.count}`}`;
}

/** Folders tried after the base name before giving up: far more than anyone keeps, few enough to fail fast on a broken disk. */
const MAX_SUFFIX = 10_000;

/**
 * Creates and returns a report folder that did not exist: `<out>/<id>`, or `<out>/<id>-2`, `-3`, …
 * when earlier runs (the CLI, `assertReplica`, another process) hold the name, so no run ever
 * overwrites the report another one printed. `mkdir` without `recursive` claims a name atomically,
 * so processes running at once never share a folder either.
 */
export function claimReportDir(out: string, id: string): string {
  mkdirSync(out, { recursive: true });
  for (let n = 1; n <= MAX_SUFFIX; n++) {
    const dir = join(out, n === 1 ? id : `${id}-${n}`);
    try {
      mkdirSync(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`${join(out, id)} and ${MAX_SUFFIX - 1} numbered folders after it exist already: clean up ${out}`);
}
