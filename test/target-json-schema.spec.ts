import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { targetFileProblems, targetFileSchema, targetJsonSchema } from '../src/adapter/declared/target-file.js';
import { boundFunction, FormulaError, parseFormula } from '../src/adapter/declared/bound-formula.js';

const ROOT = join(import.meta.dirname, '..');

describe('the shipped JSON Schema of target.json', () => {
  it('is exactly what the zod schema generates (run `npm run schema` after changing it)', () => {
    const shipped: unknown = JSON.parse(readFileSync(join(ROOT, 'schemas', 'target.schema.json'), 'utf8'));
    expect(shipped).toEqual(targetJsonSchema());
  });

  it('ships in the package', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('schemas/');
  });
});

describe('target.json validation', () => {
  const problems = (value: unknown): string[] => {
    const parsed = targetFileSchema.safeParse(value);
    return parsed.success ? [] : targetFileProblems(parsed.error);
  };

  it('accepts a full declaration', () => {
    expect(problems({
      $schema: '../schemas/target.schema.json', command: ['python3', 'replica.py'], cwd: '.', env: { A: '1' },
      livenessBoundMs: '2000 + (f + 1) * 800', timelinessBoundMs: 'max(10 * delayMsMax, 50)', clusterSizes: [4, 7],
      client: { sendFirstTo: 'all', retransmitMs: 300 }, limits: { timeMs: 10000 }, stepTimeoutMs: 2000,
      codec: { type: 'type', view: 'content.view', signature: 'sig', signed: 'content', signedItems: [{ path: 'viewChanges.*', signature: 'sig' }],
        certificates: [{ path: 'prepared.*', claim: 'PREPARED', votes: 'prepares.*', fields: { seq: 'seq' } }] },
    })).toEqual([]);
  });

  it('names every bad field', () => {
    expect(problems({ command: 'python3 replica.py', livenessBoundMs: '2000 + g', codec: { sequence: 'seq', signedItems: [{ path: 'a..b', signature: 'sig' }] } })).toEqual([
      'command: Invalid input: expected array, received string',
      expect.stringMatching(/^livenessBoundMs: .*unknown name 'g'/),
      expect.stringMatching(/^codec\.signedItems\.0\.path: not a JSON path/),
      'codec.sequence: unknown field',
    ]);
  });

  it('lets a liveness bound use n and f only: delayMsMax belongs to timeliness', () => {
    expect(problems({ command: ['x'], livenessBoundMs: 'delayMsMax * 10' })).toEqual([expect.stringMatching(/^livenessBoundMs: unknown name 'delayMsMax'/)]);
    expect(problems({ command: ['x'], timelinessBoundMs: 'delayMsMax * 10' })).toEqual([]);
  });
});

describe('bound formulas', () => {
  it('evaluate with precedence, parentheses, unary minus, min and max', () => {
    const vars = { n: 7, f: 2, delayMsMax: 12, clients: 3 };
    expect(parseFormula('2000 + (f + 1) * 800', ['n', 'f'])(vars)).toBe(4400);
    expect(parseFormula('n - f * 2 / 4', ['n', 'f'])(vars)).toBe(6);
    expect(parseFormula('max(10 * delayMsMax, 50) + min(n, 3, f)', ['n', 'f', 'delayMsMax'])(vars)).toBe(122);
    expect(parseFormula('-(f - 5) * 1.5e2', ['f'])(vars)).toBe(450);
    expect(boundFunction(3000, ['n'])(vars)).toBe(3000);
  });

  it('refuse anything else, saying where', () => {
    expect(() => parseFormula('f +', ['f'])).toThrow(/ends too early/);
    expect(() => parseFormula('f; process.exit()', ['f'])).toThrow(FormulaError);
    expect(() => parseFormula('f; process.exit()', ['f'])).toThrow(/unexpected character ";" at 2/);
    expect(() => parseFormula('(f + 1', ['f'])).toThrow(/expected '\)'/);
    expect(() => parseFormula('f 2', ['f'])).toThrow(/unexpected '2' at 3/);
    expect(() => parseFormula('constructor', ['f'])).toThrow(/unknown name/);
    expect(() => parseFormula('', ['f'])).toThrow(/empty/);
  });
});
