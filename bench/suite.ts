/**
 * The benchmark suite: simulator core, reference PBFT (fast path and campaign path), cost per
 * request, memory over a long loop, and all cores. Medians of ≥ 3 repetitions with min and max.
 * Prints each section's tables and writes reports/bench/bench.json and reports/bench/bench.md.
 *
 *   npm run bench                    # full suite (~5 min on 2 cores)
 *   npm run bench:quick              # smoke run (--quick): fewer sizes, fewer runs, short batches
 *   node --expose-gc --import tsx bench/suite.ts [--quick] [--only sim-core,pbft,...]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { tuneGarbageCollection } from '../src/campaign/gc-tuning.js';
import { campaignPathSection } from './sections/campaign-path.js';
import { coresSection } from './sections/cores.js';
import { costPerRequestSection } from './sections/cost-per-request.js';
import { memorySection } from './sections/memory.js';
import { modsmartSection } from './sections/modsmart.js';
import { pbftSection } from './sections/pbft.js';
import { ratiosSection } from './sections/ratios.js';
import type { Section, SectionResult, SuiteOptions, TargetCheck } from './sections/section.js';
import { simCoreSection } from './sections/sim-core.js';
import { markdownTable, textTable, type Table } from './stats.js';

/** Every section, in run order, by the id `--only` takes. */
const SECTIONS: readonly (readonly [string, Section])[] = [
  ['sim-core', simCoreSection],
  ['pbft', pbftSection],
  ['modsmart', modsmartSection],
  ['campaign-path', campaignPathSection],
  ['cost-per-request', costPerRequestSection],
  ['memory', memorySection],
  ['cores', coresSection],
  ['ratios', ratiosSection],
];

const OUT_DIR = fileURLToPath(new URL('../reports/bench/', import.meta.url));

function parseArgs(argv: readonly string[]): { quick: boolean; only: readonly string[] } {
  const quick = argv.includes('--quick');
  const i = argv.indexOf('--only');
  const only = i >= 0 ? (argv[i + 1] ?? '').split(',').filter((s) => s !== '') : SECTIONS.map(([id]) => id);
  const unknown = only.filter((id) => !SECTIONS.some(([known]) => known === id));
  if (unknown.length > 0) throw new Error(`unknown section(s) ${unknown.join(', ')}; valid: ${SECTIONS.map(([id]) => id).join(', ')}`);
  return { quick, only };
}

/** Where and how the suite ran, for the report header. */
function environment(quick: boolean, started: Date, seconds: number, loadStart: readonly number[]): Record<string, string | number | boolean> {
  return {
    date: started.toISOString(), node: process.version, platform: `${process.platform} ${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown', cores: availableParallelism(), quick,
    forcedGc: typeof (globalThis as { gc?: unknown }).gc === 'function',
    nodeFlags: process.execArgv.filter((a) => a.startsWith('--') && a !== '--import').join(' ') || 'none',
    loadavgStart: loadStart.map((x) => x.toFixed(2)).join(' '), loadavgEnd: loadavg().map((x) => x.toFixed(2)).join(' '),
    suiteSeconds: Math.round(seconds),
  };
}

function targetsTable(results: readonly SectionResult[]): Table {
  const all: TargetCheck[] = results.flatMap((r) => r.targets);
  return { caption: 'Targets', headers: ['what', 'goal', 'measured (median)', 'met'], rows: all.map((t) => [t.what, t.goal, t.measured, t.met ? 'yes' : '**no**']) };
}

function markdown(results: readonly SectionResult[], env: Record<string, string | number | boolean>): string {
  const lines = ['# byzcheck benchmarks', '', Object.entries(env).map(([k, v]) => `${k}: \`${String(v)}\``).join(' · '), '', markdownTable(targetsTable(results)), ''];
  for (const r of results) {
    lines.push(`## ${r.title}`, '');
    for (const t of r.tables) lines.push(markdownTable(t), '');
    for (const note of r.notes) lines.push(`- ${note}`);
    lines.push('');
  }
  return lines.join('\n');
}

function write(results: readonly SectionResult[], env: Record<string, string | number | boolean>): void {
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(`${OUT_DIR}bench.json`, `${JSON.stringify({ environment: env, sections: results }, null, 2)}\n`);
  writeFileSync(`${OUT_DIR}bench.md`, markdown(results, env));
}

function print(r: SectionResult): void {
  console.log(`\n## ${r.title}\n`);
  for (const t of r.tables) console.log(`${textTable(t)}\n`);
  for (const note of r.notes) console.log(`- ${note.replaceAll('**', '')}`);
}

async function main(): Promise<void> {
  tuneGarbageCollection(); // as `byzcheck` does: the figures are those of its runs
  const { quick, only } = parseArgs(process.argv.slice(2));
  const started = new Date();
  const t0 = performance.now();
  const loadStart = loadavg();
  const options: SuiteOptions = { quick, reps: quick ? 3 : 5, repSeconds: quick ? 0.2 : 0.6, log: (line) => process.stderr.write(`  … ${line}\n`) };
  console.log(`byzcheck benchmark suite${quick ? ' (--quick)' : ''}: node ${process.version}, ${availableParallelism()} cores, load ${loadStart.map((x) => x.toFixed(2)).join(' ')}`);
  const results: SectionResult[] = [];
  for (const [id, section] of SECTIONS) {
    if (!only.includes(id)) continue;
    const result = await section(options);
    results.push(result);
    print(result);
    write(results, environment(quick, started, (performance.now() - t0) / 1000, loadStart));
  }
  console.log(`\n${textTable(targetsTable(results))}`);
  console.log(`\nwrote ${OUT_DIR}bench.json and bench.md in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

await main();
