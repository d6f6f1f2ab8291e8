import { randomInt } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Target } from '../../adapter/contract.js';
import { check, type CheckResult } from '../../check/driver.js';
import { defaultSpace } from '../../scenario/arbitrary.js';
import { counterexampleFile, type CampaignSettings } from '../../report/counterexample-file.js';
import { commandLine, describeCounterexample } from '../../report/summary-text.js';
import { EXIT, UsageError } from '../errors.js';
import { parseList } from '../parse.js';
import { createProgress } from '../progress.js';
import { ALL_ADVERSARIES, selectAdversaries, selectProperties } from '../selection.js';
import { loadTarget } from '../targets.js';

/** Options of `byzcheck run`, as commander parses them. */
export interface RunCommandOptions {
  readonly target: string;
  readonly runs: number;
  readonly seed?: number;
  readonly path?: string;
  readonly timeLimit?: number;
  readonly out: string;
  readonly adversary?: string;
  readonly properties?: string;
  readonly beyondF?: boolean;
  readonly progress: boolean;
}

const DEFAULT_LIMITS = Object.freeze({ timeMs: 10_000, events: 50_000 });

/** The words of `byzcheck run` that regenerate this campaign (or, with a path, one case of it). */
function runWords(settings: CampaignSettings, seed: number, extra: readonly string[], explicit: { adversary?: string; properties?: string }): string[] {
  const words = ['npx', 'byzcheck', 'run', '--target', settings.target, '--seed', String(seed), ...extra];
  if (explicit.adversary !== undefined) words.push('--adversary', explicit.adversary);
  if (explicit.properties !== undefined) words.push('--properties', explicit.properties);
  if (settings.beyondF) words.push('--beyond-f');
  return words;
}

/** A folder name for a campaign's reports: stable for a target and seed, so reruns overwrite. */
export function reportId(target: string, seed: number): string {
  const slug = target.replace(/\.[cm]?[jt]s$/, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${slug}-seed${seed}`;
}

/** `byzcheck run`: a campaign of generated scenarios against one target. Returns the exit code. */
export async function runCommand(options: RunCommandOptions): Promise<number> {
  if (options.path !== undefined && options.seed === undefined) throw new UsageError('--path replays one case of a campaign and needs the campaign\'s --seed');
  const target: Target<unknown> = await loadTarget(options.target);
  const adversaryNames = options.adversary === undefined ? undefined : options.adversary === 'none' ? [] : parseList(options.adversary);
  const adversaries = selectAdversaries(adversaryNames);
  const properties = selectProperties(options.properties === undefined ? undefined : parseList(options.properties));
  const seed = options.seed ?? randomInt(2 ** 31);
  const settings: CampaignSettings = {
    target: options.target,
    adversaries: adversaries.map((a) => a.name),
    properties: properties.map((p) => p.name),
    beyondF: options.beyondF === true,
  };
  const limits = { ...DEFAULT_LIMITS, ...target.limits };
  const space = { ...defaultSpace(adversaries, limits), beyondF: settings.beyondF };
  const runs = options.path === undefined ? options.runs : 1;
  console.log(`byzcheck run: target ${options.target}, seed ${seed}, up to ${runs} runs${options.timeLimit ? ` or ${options.timeLimit / 1000}s` : ''}`);
  console.log(`  adversaries: ${settings.adversaries.join(', ') || 'none'}; properties: ${settings.properties.join(', ')}`);
  const progress = createProgress(runs, process.stderr, options.progress);
  const started = performance.now();
  let result: CheckResult;
  try {
    result = await check({
      target, adversaries: ALL_ADVERSARIES, space, properties, runs, seed,
      ...(options.path !== undefined ? { path: options.path } : {}),
      ...(options.timeLimit !== undefined ? { timeLimitMs: options.timeLimit } : {}),
      onProgress: (p) => progress.update(p),
    });
  } finally {
    progress.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  const explicit = {
    ...(options.adversary !== undefined ? { adversary: options.adversary } : {}),
    ...(options.properties !== undefined ? { properties: options.properties } : {}),
  };
  const cx = result.counterexample;
  if (cx === null) {
    const speed = result.runs / Math.max(seconds, 1e-9);
    console.log(`✓ no violation in ${result.runs} runs (${seconds.toFixed(1)} s, ${Math.round(speed)} runs/s, ${result.deliveries} deliveries)${result.interrupted ? ' — stopped by the time limit' : ''}`);
    console.log(`  repeat this campaign: ${commandLine(runWords(settings, seed, ['--runs', String(options.runs)], explicit))}`);
    return EXIT.ok;
  }
  const dir = join(options.out, reportId(options.target, seed));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'counterexample.json');
  writeFileSync(file, `${JSON.stringify(counterexampleFile(settings, cx), null, 1)}\n`);
  const shown = relative(process.cwd(), file) || file;
  for (const line of describeCounterexample(cx, shown)) console.log(line);
  console.log(`  campaign: ${result.runs} runs in ${seconds.toFixed(1)} s${result.interrupted ? ' (time limit reached: best counterexample so far)' : ''}`);
  if (cx.path !== null) console.log(`  or regenerate it: ${commandLine(runWords(settings, cx.seed, ['--path', cx.path], explicit))}`);
  console.log(`Replay: ${commandLine(['npx', 'byzcheck', 'replay', shown])}`);
  return EXIT.violation;
}
