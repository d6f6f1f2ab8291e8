import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './fixtures/cli.js';
import { matchingBlock, shownCommands } from './fixtures/readme-examples.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
/** The quick start runs the whole default campaign and test suite: it is what this suite is part of. */
const commands = shownCommands(README).filter((c) => c.section !== 'Quick start');
const BIN = join(ROOT, 'bin', 'byzcheck.js');

// A fresh working folder, so `reports/…` paths are the ones the README prints, with the README's
// relative paths (examples/…) reachable from it.
const cwd = mkdtempSync(join(tmpdir(), 'byzcheck-readme-'));
symlinkSync(join(ROOT, 'examples'), join(cwd, 'examples'));

/** Runs a README command through sh (it may quote words), with `npx byzcheck` as this checkout's bin. */
function run(command: string): { code: number | null; stdout: string; stderr: string } {
  const line = command.replace(/^npx byzcheck /, `'${process.execPath}' '${BIN}' `);
  const r = spawnSync('sh', ['-c', line], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the README shell examples', () => {
  it('show only byzcheck commands, each of which this suite runs', () => {
    expect(commands.length).toBeGreaterThanOrEqual(5);
    for (const c of commands) expect(c.command, `README.md:${c.line}`).toMatch(/^npx byzcheck /);
  });

  // In document order: a replay command reads the report an earlier command wrote.
  it.each(commands.map((c) => [`README.md:${c.line} ${c.command}`, c] as const))('%s runs and prints what the README shows', (_, c) => {
    const r = run(c.command);
    expect([0, 1], `\`${c.command}\` exited ${String(r.code)}:\n${r.stderr}`).toContain(r.code);
    if (c.output.length > 0) {
      expect(matchingBlock(r.stdout, c.output), `README.md:${c.line}: the output shown under \`${c.command}\` drifted; update the README (or show no output)`).toEqual(c.output);
    }
  }, 120_000);
});

describe('the README example parser', () => {
  const doc = ['## Quick start', '```sh', 'npm test', '```', '## Use', '```ts', '# not a command', '```', '```sh', 'npx byzcheck run --seed 1   # note', '# ✗ found', '#   detail', 'npx byzcheck list', '```'].join('\n');

  it('reads commands, their shown output lines and their section', () => {
    expect(shownCommands(doc)).toEqual([
      { command: 'npm test', output: [], section: 'Quick start', line: 3 },
      { command: 'npx byzcheck run --seed 1   # note', output: ['✗ found', '  detail'], section: 'Use', line: 10 },
      { command: 'npx byzcheck list', output: [], section: 'Use', line: 13 },
    ]);
  });

  it('finds the shown lines in the real output, and shows the drifted lines when they differ', () => {
    const actual = 'header\n✗ found\n  detail\nmore';
    expect(matchingBlock(actual, ['✗ found', '  detail'])).toEqual(['✗ found', '  detail']);
    expect(matchingBlock('header\n✗ found at run 2\n  other\nmore', ['✗ found at run 1', '  detail'])).toEqual(['✗ found at run 2', '  other']);
  });
});
