import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TimelineData } from '../src/report/html.js';
import type { TraceEvent } from '../src/sim/trace.js';

// Three real counterexamples whose cause is not an event the violating replica saw: a dropped
// message (total order), a message never sent (liveness, from a Python subprocess target), and
// forged votes (agreement). Each is found by the CLI, as a user would, and its reports are read back.

const ROOT = join(import.meta.dirname, '..');

/** A counterexample found by `byzcheck run`, with the reports it wrote. */
export interface ReportCase {
  readonly name: string;
  readonly json: { readonly trace: readonly TraceEvent[]; readonly scenario: { readonly n: number } };
  readonly markdown: string;
  readonly html: string;
  /** The data counterexample.html embeds (what its page draws). */
  readonly data: TimelineData;
  readonly htmlPath: string;
}

/** The CLI arguments of each case. */
export const CASES = {
  // No adversary and one property, so that the case stays the same when strategies or properties are added.
  'my-replica-total-order': ['--target', 'examples/my-replica.ts', '--seed', '7', '--adversary', 'none', '--properties', 'total-order'],
  'python-liveness': ['--target', 'seed002-python', '--seed', '1', '--runs', '100'],
  'forged-votes': ['--target', 'zoo/signatures-not-verified', '--adversary', 'double-dealer', '--seed', '3'],
} as const;

/** The Mermaid diagram of a counterexample.md. */
export function diagramOf(md: string): string {
  const m = /```mermaid\n([\s\S]*?)\n```/.exec(md);
  if (m === null) throw new Error('counterexample.md has no Mermaid diagram');
  return m[1] as string;
}

/** The data embedded in a counterexample.html. */
export function dataOf(html: string): TimelineData {
  const m = /<script type="application\/json" id="byzcheck-data">([\s\S]*?)<\/script>/.exec(html);
  if (m === null) throw new Error('counterexample.html embeds no data');
  return JSON.parse(m[1] as string) as TimelineData;
}

/** Runs `byzcheck run` for a case (it must find a violation) and reads its reports. */
export async function runCase(name: keyof typeof CASES): Promise<ReportCase> {
  const out = mkdtempSync(join(tmpdir(), `byzcheck-${name}-`));
  const args = ['bin/byzcheck.js', 'run', ...CASES[name], '--no-progress', '--out', out];
  const exit = await promisify(execFile)(process.execPath, args, { cwd: ROOT, maxBuffer: 1 << 24 }).then(() => 0, (e: { code?: number }) => e.code ?? -1);
  if (exit !== 1) throw new Error(`byzcheck run ${CASES[name].join(' ')} exited ${exit}, expected 1 (a violation)`);
  const dir = join(out, readdirSync(out)[0] as string);
  const html = readFileSync(join(dir, 'counterexample.html'), 'utf8');
  return {
    name,
    json: JSON.parse(readFileSync(join(dir, 'counterexample.json'), 'utf8')) as ReportCase['json'],
    markdown: readFileSync(join(dir, 'counterexample.md'), 'utf8'),
    html,
    data: dataOf(html),
    htmlPath: join(dir, 'counterexample.html'),
  };
}
