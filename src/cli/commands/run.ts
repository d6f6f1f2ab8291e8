import { randomInt } from 'node:crypto';
import { join, relative } from 'node:path';
import type { Target } from '../../adapter/contract.js';
import type { AnyAdversary } from '../../adversary.js';
import type { Property } from '../../property.js';
import { check, type CheckResult, type Counterexample } from '../../check/driver.js';
import { defaultSpace } from '../../scenario/arbitrary.js';
import type { CampaignSettings } from '../../report/counterexample-file.js';
import { commandLine, describeCounterexample } from '../../report/summary-text.js';
import { writeReports, type WrittenReports } from '../../report/write-reports.js';
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

/** A campaign ready to run: what `runCommand` resolved from its options. */
interface Campaign {
  readonly target: Target<unknown>;
  readonly adversaries: readonly AnyAdversary[];
  readonly properties: readonly Property[];
  readonly settings: CampaignSettings;
  readonly seed: number;
  /** The flags given explicitly, repeated in regenerate commands. */
  readonly explicit: { adversary?: string; properties?: string };
}

/** Resolves the target, adversaries, properties and seed of `byzcheck run`. */
async function resolveCampaign(options: RunCommandOptions): Promise<Campaign> {
  if (options.path !== undefined && options.seed === undefined) throw new UsageError('--path replays one case of a campaign and needs the campaign\'s --seed');
  const target: Target<unknown> = await loadTarget(options.target);
  const adversaryNames = options.adversary === undefined ? undefined : options.adversary === 'none' ? [] : parseList(options.adversary);
  const adversaries = selectAdversaries(adversaryNames);
  const properties = selectProperties(options.properties === undefined ? undefined : parseList(options.properties));
  const settings: CampaignSettings = {
    target: options.target,
    adversaries: adversaries.map((a) => a.name),
    properties: properties.map((p) => p.name),
    beyondF: options.beyondF === true,
  };
  const explicit = {
    ...(options.adversary !== undefined ? { adversary: options.adversary } : {}),
    ...(options.properties !== undefined ? { properties: options.properties } : {}),
  };
  return { target, adversaries, properties, settings, seed: options.seed ?? randomInt(2 ** 31), explicit };
}

/** Runs the campaign with a progress display; returns its result and wall-clock seconds. */
async function runCampaign(campaign: Campaign, options: RunCommandOptions): Promise<{ result: CheckResult; seconds: number }> {
  const { target, settings, seed } = campaign;
  const limits = { ...DEFAULT_LIMITS, ...target.limits };
  const space = { ...defaultSpace(campaign.adversaries, limits), beyondF: settings.beyondF };
  const runs = options.path === undefined ? options.runs : 1;
  console.log(`byzcheck run: target ${options.target}, seed ${seed}, up to ${runs} runs${options.timeLimit ? ` or ${options.timeLimit / 1000}s` : ''}`);
  console.log(`  adversaries: ${settings.adversaries.join(', ') || 'none'}; properties: ${settings.properties.join(', ')}`);
  const progress = createProgress(runs, process.stderr, options.progress);
  const started = performance.now();
  try {
    const result = await check({
      target, adversaries: ALL_ADVERSARIES, space, properties: campaign.properties, runs, seed,
      ...(options.path !== undefined ? { path: options.path } : {}),
      ...(options.timeLimit !== undefined ? { timeLimitMs: options.timeLimit } : {}),
      onProgress: (p) => progress.update(p),
    });
    return { result, seconds: (performance.now() - started) / 1000 };
  } finally {
    progress.stop();
  }
}

/** A path as the user should type it: relative to the working directory when that is shorter to read. */
function shownPath(file: string): string {
  return relative(process.cwd(), file) || file;
}

/** Prints a found violation: summary, how to regenerate it, the report files, and last the replay command. */
function reportViolation(campaign: Campaign, cx: Counterexample, outcome: { result: CheckResult; seconds: number }, written: WrittenReports, shown: string): void {
  for (const line of describeCounterexample(cx, shown)) console.log(line);
  console.log(`  campaign: ${outcome.result.runs} runs in ${outcome.seconds.toFixed(1)} s${outcome.result.interrupted ? ' (time limit reached: best counterexample so far)' : ''}`);
  if (cx.path !== null) console.log(`  or regenerate it: ${commandLine(runWords(campaign.settings, cx.seed, ['--path', cx.path], campaign.explicit))}`);
  const files = written.counterexample === undefined ? [] : [written.counterexample.markdown, written.counterexample.html];
  console.log(`  reports: ${[...files, written.junit, written.summary].map(shownPath).join(', ')}`);
  console.log(`Replay: ${commandLine(['npx', 'byzcheck', 'replay', shown])}`);
}

/** `byzcheck run`: a campaign of generated scenarios against one target. Returns the exit code. */
export async function runCommand(options: RunCommandOptions): Promise<number> {
  const campaign = await resolveCampaign(options);
  const outcome = await runCampaign(campaign, options);
  const { result, seconds } = outcome;
  const dir = join(options.out, reportId(options.target, campaign.seed));
  const shown = shownPath(join(dir, 'counterexample.json'));
  const written = writeReports(dir, {
    settings: campaign.settings, result, seed: campaign.seed, elapsedSeconds: seconds, codec: campaign.target.codec, reportPath: shown,
  });
  const cx = result.counterexample;
  if (cx !== null) {
    reportViolation(campaign, cx, outcome, written, shown);
    return EXIT.violation;
  }
  const speed = result.runs / Math.max(seconds, 1e-9);
  console.log(`✓ no violation in ${result.runs} runs (${seconds.toFixed(1)} s, ${Math.round(speed)} runs/s, ${result.deliveries} deliveries)${result.interrupted ? ' — stopped by the time limit' : ''}`);
  console.log(`  repeat this campaign: ${commandLine(runWords(campaign.settings, campaign.seed, ['--runs', String(options.runs)], campaign.explicit))}`);
  console.log(`  reports: ${shownPath(written.summary)}, ${shownPath(written.junit)}`);
  return EXIT.ok;
}
