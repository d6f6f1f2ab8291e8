import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byzcheck, ROOT } from '../fixtures/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'byzcheck-badfield-'));
const GOOD = JSON.parse(readFileSync(join(ROOT, 'targets/seed001/counterexamples/agreement-equivocating-primary.json'), 'utf8')) as Record<string, unknown>;

/** Writes the good counterexample with one field replaced, and replays it. */
function replayWith(field: string, value: unknown): ReturnType<typeof byzcheck> {
  const file = join(dir, `${field}.json`);
  writeFileSync(file, JSON.stringify({ ...GOOD, [field]: value }));
  return byzcheck('replay', file);
}

describe('byzcheck replay of a counterexample file with a wrong-typed field', () => {
  it.each([
    ['path', 17, /file\.path: /],
    ['seed', 'seven', /file\.seed: /],
    ['traceHash', 'abc', /file\.traceHash: .*SHA-256/],
    ['verdict', [], /file\.verdict: /],
    ['events', -1, /file\.events: /],
  ])('a bad %s is an input error (exit 2) naming the field', (field, value, named) => {
    const r = replayWith(field, value);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a byzcheck counterexample file');
    expect(r.stderr).toMatch(named);
    expect(r.stderr).not.toContain('internal error');
  });
});
