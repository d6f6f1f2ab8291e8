import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The handler-settle watchdog armed a real setTimeout from inside src/sim: a wall clock in the pure
// core, where only virtual time may run. What reads the wall clock lives at the edges and is injected.

const CORE = ['src/sim', 'src/scenario', 'properties'];
const WALL_CLOCK = /\b(setTimeout|setInterval|setImmediate|Date\.now|Math\.random|performance\.now|process\.hrtime|new Date)\b/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.(ts|mts)$/.test(e.name) ? [join(dir, e.name)] : []));
}

/** The code of a file without its comments (which may name what the code must not do). */
function code(file: string): string {
  return readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('the simulator core', () => {
  it('reads no wall clock and no ambient randomness', () => {
    const offenders = CORE.flatMap(sources).flatMap((file) => {
      const hit = WALL_CLOCK.exec(code(file));
      return hit === null ? [] : [`${file}: ${hit[0]}`];
    });
    expect(offenders).toEqual([]);
  });
});
