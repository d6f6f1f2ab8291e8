import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

describe('the Python binding (bindings/python)', () => {
  it("passes its own unittest suite under python3", () => {
    const run = spawnSync('python3', ['-m', 'unittest', 'discover', '-s', 'bindings/python/tests', '-t', 'bindings/python'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.error, 'python3 must be installed (Debian/Ubuntu: sudo apt-get install -y python3)').toBeUndefined();
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Ran \d+ tests[\s\S]*OK/);
  });
});
