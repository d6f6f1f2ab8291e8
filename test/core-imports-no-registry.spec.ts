/**
 * The pure core (src/check, src/sim, src/scenario) receives the strategies and properties it runs
 * with: nothing it imports, directly or through other modules, is a registry of them (adversaries/,
 * properties/), a target, or an edge (the CLI, campaigns).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT } from './fixtures/cli.js';

const CORE = ['src/check', 'src/sim', 'src/scenario'];
const FORBIDDEN = ['adversaries/', 'properties/', 'targets/', 'src/cli/', 'src/campaign/'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** The repository files a module imports (static and dynamic, type-only included: a type import is an arrow too). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1] as string);
  return specifiers.map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts'))).filter((f) => existsSync(f));
}

/** Every repository module reachable from `roots`, with the chain that reaches it. */
function reachable(roots: readonly string[]): Map<string, string[]> {
  const chains = new Map<string, string[]>(roots.map((r) => [r, [r]]));
  const queue = [...roots];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const next of importsOf(file)) {
      if (chains.has(next)) continue;
      chains.set(next, [...(chains.get(file) ?? []), next]);
      queue.push(next);
    }
  }
  return chains;
}

describe('the pure core', () => {
  test('imports no strategy or property registry, target or edge module, even indirectly', () => {
    const roots = CORE.flatMap((dir) => filesUnder(join(ROOT, dir)));
    expect(roots.length).toBeGreaterThan(20);
    const chains = reachable(roots);
    const offending = [...chains.entries()]
      .filter(([file]) => FORBIDDEN.some((prefix) => relative(ROOT, file).startsWith(prefix)))
      .map(([, chain]) => chain.map((f) => relative(ROOT, f)).join(' → '));
    expect(offending).toEqual([]);
  });

  test('the check sees through an import it must not make (the scan is not vacuous)', () => {
    const edge = join(ROOT, 'src', 'cli', 'selection.ts');
    const reached = [...reachable([edge]).keys()].map((f) => relative(ROOT, f));
    expect(reached).toContain('adversaries/index.ts');
    expect(reached).toContain('properties/index.ts');
  });
});
