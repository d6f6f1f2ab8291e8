/**
 * Every `import … from 'byzcheck…'` the shipped docs and examples show works in a user's project:
 * its specifier is one of package.json's `exports`, and every name it imports is exported there.
 * A stranger copies these lines first; one that names a source path the package does not export
 * fails with ERR_PACKAGE_PATH_NOT_EXPORTED before their replica ever runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, { types: string }> };

function filesUnder(dir: string, ending: RegExp): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true }).map(String).filter((f) => ending.test(f)).map((f) => join(dir, f));
}

const SHIPPED = ['README.md', ...filesUnder('docs', /\.md$/), ...filesUnder('examples', /\.(ts|mts|mjs|js)$/)];

type DocumentedImport = { file: string; specifier: string; names: string[] };

function importsOf(file: string): DocumentedImport[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found: DocumentedImport[] = [];
  for (const m of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'(byzcheck(?:\/[^']*)?)'/g)) {
    const names = m[2]!.split(',').map((s) => s.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]!).filter((s) => s !== '' && s !== '…');
    found.push({ file, specifier: m[3]!, names });
  }
  return found;
}

/** The source module an export key resolves to (exports point at dist/, the sources mirror it). */
function sourceOf(specifier: string): string {
  const key = specifier === 'byzcheck' ? '.' : `.${specifier.slice('byzcheck'.length)}`;
  const entry = pkg.exports[key];
  if (entry === undefined) throw new Error(`'${specifier}' is not in package.json exports (${Object.keys(pkg.exports).join(', ')})`);
  return join(ROOT, entry.types.replace(/^\.\/dist\//, '').replace(/\.d\.ts$/, '.ts'));
}

/** Names a module exports, values and types, read from its export statements. */
function exportedNames(source: string): Set<string> {
  const text = readFileSync(source, 'utf8');
  const names = new Set<string>();
  for (const m of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(',')) {
      const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/).at(-1)!.trim();
      if (name !== '') names.add(name);
    }
  }
  for (const m of text.matchAll(/export\s+(?:async\s+)?(?:function|const|class|type|interface)\s+(\w+)/g)) names.add(m[1]!);
  return names;
}

const documented = SHIPPED.flatMap(importsOf);

describe('imports shown in the docs and examples', () => {
  test('there are some to check', () => {
    expect(documented.length).toBeGreaterThan(3);
  });

  test.each(documented.map((d) => [`${relative(ROOT, join(ROOT, d.file))}: ${d.specifier}`, d] as const))('%s resolves in an installed package', (_, d) => {
    const exported = exportedNames(sourceOf(d.specifier));
    expect(d.names.filter((name) => !exported.has(name)), `names ${d.file} imports from '${d.specifier}' that it does not export`).toEqual([]);
  });
});
