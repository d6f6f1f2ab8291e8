/**
 * The campaign behind the test-runner helpers (`byzcheck/vitest`, a `node:test` helper): the same
 * chunked campaign `byzcheck run` runs, so one seed means one campaign everywhere — the first
 * counterexample a test finds is the one `byzcheck run --seed S --runs R` finds, and vice versa.
 */
import { join, relative } from 'node:path';
import { resolveTargetOptions, TargetOptionsError } from '../adapter/target-options.js';
import { OptionsError } from '../check/options-error.js';
import { resolveAdversaryEntries } from '../cli/adversary-modules.js';
import { UsageError } from '../cli/errors.js';
import { parseList } from '../cli/parse.js';
import { selectAdversaries, selectProperties } from '../cli/selection.js';
import { loadTarget } from '../cli/targets.js';
import type { CampaignSettings } from '../report/counterexample-file.js';
import { claimReportDir, reportId } from '../report/report-dir.js';
import { commandLine, describeCounterexample } from '../report/summary-text.js';
import { writeReports } from '../report/write-reports.js';
import { writeCampaignFile } from './campaign-file.js';
import type { CampaignOutcome } from './merge.js';
import { runCampaign } from './pool.js';
import { DEFAULT_END_WHEN_SETTLED, DEFAULT_SEARCH, type CampaignSpec, type CryptoName } from './spec.js';

/** Options of a test-runner campaign, named like `byzcheck run`'s flags; all optional. */
export interface AssertCampaignOptions {
  /** Generated scenarios (default 200). */
  readonly runs?: number;
  /** Campaign seed (default 1: a regression suite should explore the same scenarios every time). */
  readonly seed?: number;
  /** Comma-separated adversary names and strategy module paths (`'equivocator,./my-strategy.ts'`), or 'none' (default: all built-in ones). */
  readonly adversary?: string;
  /** The target's options (validated by its `options` schema; recorded in every scenario), like `--target-option key=value`. */
  readonly targetOptions?: Readonly<Record<string, unknown>>;
  /** Comma-separated property names (default: all). */
  readonly properties?: string;
  /** Allow more than f faulty replicas. */
  readonly beyondF?: boolean;
  /** Cluster sizes to draw from (default: the target's). */
  readonly n?: readonly number[];
  /** Signature provider (default symbolic). */
  readonly crypto?: CryptoName;
  /** Reports folder (default `reports`). */
  readonly out?: string;
  /** Worker threads (default 1: test runners already run files in parallel); results are the same for any number. */
  readonly workers?: number;
  /** How scenarios are picked, like `--search`: 'random' (default, as `byzcheck run`) or 'guided'. */
  readonly search?: 'random' | 'guided';
  /**
   * Wall-clock milliseconds for exploring and shrinking, like `--time-limit`: past it the campaign
   * stops and a violation found so far is reported with the smallest counterexample reached. Give
   * one below the test runner's own timeout, which would otherwise fail the test with no word of
   * what byzcheck found.
   */
  readonly timeLimit?: number;
}

/** A violation found by {@link runAssertCampaign}: the lines to show and where its report went. */
export interface CampaignViolation {
  /** Summary lines: the heading, the shrunk counterexample, and last the replay command. */
  readonly lines: readonly string[];
  /** counterexample.json as the replay command names it. */
  readonly reportPath: string;
  /** The report folder, created for this campaign alone. */
  readonly dir: string;
}

/** What {@link runAssertCampaign} returns: the campaign outcome, and the violation if one was found. */
export interface AssertCampaignResult {
  readonly outcome: CampaignOutcome;
  readonly violation: CampaignViolation | null;
}

/**
 * The spec `byzcheck run --target T --seed S --runs R …` builds for the same options; `adversaries`
 * are the names resolved from the option (module paths replaced by the names they export).
 */
export function assertCampaignSpec(target: string, options: AssertCampaignOptions = {}, resolved?: { names: readonly string[] | null; modules: CampaignSpec['adversaryModules'] }): CampaignSpec {
  const adversaries = resolved?.names ?? (options.adversary === undefined ? null : options.adversary === 'none' ? [] : parseList(options.adversary));
  const modules = resolved?.modules ?? [];
  return {
    target,
    ...(modules.length > 0 ? { adversaryModules: modules } : {}),
    ...(options.targetOptions !== undefined ? { targetOptions: options.targetOptions } : {}),
    adversaries,
    properties: options.properties === undefined ? null : parseList(options.properties),
    beyondF: options.beyondF === true,
    seed: options.seed ?? 1,
    runs: options.runs ?? 200,
    ...(options.n !== undefined ? { clusterSizes: options.n } : {}),
    ...(options.crypto !== undefined ? { crypto: options.crypto } : {}),
    search: options.search ?? DEFAULT_SEARCH,
    ...(DEFAULT_END_WHEN_SETTLED ? { endWhenSettled: true } : {}),
  };
}

/** Validates `targetOptions` against the target's schema: an OptionsError naming each bad option and what it expects. */
function checkOptionsOf(target: Awaited<ReturnType<typeof loadTarget>>, given: Readonly<Record<string, unknown>> | undefined): void {
  try {
    resolveTargetOptions(target, given);
  } catch (error) {
    if (error instanceof TargetOptionsError) throw new OptionsError(error.problems.map((p) => `assertReplica(): options.targetOptions: ${p}`).join('\n'));
    throw error;
  }
}

/**
 * Runs the campaign `byzcheck run` would run for these options against a target (a built-in name
 * or a module path). On a violation it writes the reports to a folder of its own and returns the
 * summary lines, ending with the replay command; it never throws for a violation.
 */
export async function runAssertCampaign(target: string, options: AssertCampaignOptions = {}): Promise<AssertCampaignResult> {
  const entries = options.adversary === undefined ? undefined : options.adversary === 'none' ? [] : parseList(options.adversary);
  const chosen = await resolveAdversaryEntries(entries).catch((error: unknown) => {
    // A module that is missing or exports no strategy is a bad option of this call, named like the others.
    throw error instanceof UsageError ? new OptionsError(`assertReplica(): options.adversary: ${error.message}`) : error;
  });
  const spec = assertCampaignSpec(target, options, { names: chosen.names, modules: chosen.modules.map((m) => m.ref) });
  const loaded = await loadTarget(target);
  checkOptionsOf(loaded, options.targetOptions);
  const settings: CampaignSettings = {
    target,
    adversaries: selectAdversaries(spec.adversaries ?? undefined, chosen.registry).map((a) => a.name),
    properties: selectProperties(spec.properties ?? undefined, chosen.registry).map((p) => p.name),
    beyondF: spec.beyondF,
    ...(spec.crypto !== undefined ? { crypto: spec.crypto } : {}),
    ...(spec.adversaryModules !== undefined ? { adversaryModules: spec.adversaryModules } : {}),
    ...(spec.targetOptions !== undefined ? { targetOptions: spec.targetOptions } : {}),
    ...(spec.endWhenSettled === true ? { endWhenSettled: true } : {}),
  };
  const started = performance.now();
  const outcome = await runCampaign(spec, { workers: options.workers ?? 1, ...(options.timeLimit !== undefined ? { timeLimitMs: options.timeLimit } : {}) });
  const seconds = (performance.now() - started) / 1000;
  const cx = outcome.counterexample;
  if (cx === null) return { outcome, violation: null };
  const dir = claimReportDir(options.out ?? 'reports', reportId(target, spec.seed));
  const reportPath = relative(process.cwd(), join(dir, 'counterexample.json')) || join(dir, 'counterexample.json');
  writeReports(dir, { settings, result: outcome, seed: spec.seed, elapsedSeconds: seconds, codec: loaded.codec, reportPath });
  writeCampaignFile(join(dir, 'campaign.json'), spec, null, outcome, seconds);
  const lines = [
    `byzcheck found a violation in ${target} (seed ${spec.seed})`,
    ...describeCounterexample(cx, reportPath),
    `Replay: ${commandLine(['npx', 'byzcheck', 'replay', reportPath])}`,
  ];
  return { outcome, violation: { lines, reportPath, dir } };
}
