import { randomInt } from 'node:crypto';
import { join, relative } from 'node:path';
import type { Target } from '../../adapter/contract.js';
import type { Counterexample } from '../../check/driver.js';
import type { SearchTally } from '../../check/guided.js';
import { writeCampaignFile } from '../../campaign/campaign-file.js';
import { formatShard, type Shard } from '../../campaign/chunks.js';
import { mergeChunks, type CampaignOutcome } from '../../campaign/merge.js';
import { runCampaign } from '../../campaign/pool.js';
import { runChunk } from '../../campaign/run-chunk.js';
import { DEFAULT_END_WHEN_SETTLED, DEFAULT_SEARCH, type CampaignSpec } from '../../campaign/spec.js';
import type { CampaignSettings } from '../../report/counterexample-file.js';
import { commandLine, describeCounterexample, describeStats } from '../../report/summary-text.js';
import { claimReportDir, reportId } from '../../report/report-dir.js';
import { writeReports, type WrittenReports } from '../../report/write-reports.js';
import { EXIT, UsageError } from '../errors.js';
import { signalExitCode, type Interrupt, type StopSignal } from '../interrupt.js';
import { parseList } from '../parse.js';
import { createProgress } from '../progress.js';
import { resolveAdversaryEntries } from '../adversary-modules.js';
import { selectAdversaries, selectProperties } from '../selection.js';
import { checkTargetOptions, targetOptionWords } from '../target-option-flags.js';
import { EXEC_PREFIX, loadTarget } from '../targets.js';
import { plural } from '../../report/plural.js';
import { formatRate } from '../../report/rate.js';

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
  readonly workers?: number;
  /** Runs in flight at once per worker on a subprocess target. */
  readonly lanes?: number;
  readonly shard?: Shard;
  readonly stats?: boolean;
  /** A subprocess replica command, instead of --target. */
  readonly exec?: string;
  /** Wall-clock limit per step of a subprocess replica. */
  readonly stepTimeout?: number;
  /** Cluster sizes to draw from. */
  readonly n?: readonly number[];
  /** Signature provider. */
  readonly crypto?: 'symbolic' | 'ed25519';
  /** `--target-option key=value`, collected. */
  readonly targetOption?: Readonly<Record<string, unknown>>;
  /** How scenarios are picked (default {@link DEFAULT_SEARCH}). */
  readonly search?: 'random' | 'guided';
}

/** The words of `byzcheck run` that regenerate this campaign (or, with a path, one case of it). */
/** Flags given explicitly, repeated in regenerate commands so they explore the same space. */
interface ExplicitFlags {
  readonly adversary?: string;
  readonly properties?: string;
  readonly n?: string;
  readonly crypto?: string;
  readonly search?: string;
}

function runWords(settings: CampaignSettings, seed: number, extra: readonly string[], explicit: ExplicitFlags): string[] {
  const target = settings.target.startsWith(EXEC_PREFIX) ? ['--exec', settings.target.slice(EXEC_PREFIX.length)] : ['--target', settings.target];
  const words = ['npx', 'byzcheck', 'run', ...target, '--seed', String(seed), ...extra];
  if (explicit.adversary !== undefined) words.push('--adversary', explicit.adversary);
  if (explicit.properties !== undefined) words.push('--properties', explicit.properties);
  if (explicit.n !== undefined) words.push('--n', explicit.n);
  if (explicit.crypto !== undefined) words.push('--crypto', explicit.crypto);
  // A path replays fast-check's case whatever the search; a whole campaign needs its search repeated.
  if (explicit.search !== undefined && !extra.includes('--path')) words.push('--search', explicit.search);
  words.push(...targetOptionWords(settings.targetOptions));
  if (settings.beyondF) words.push('--beyond-f');
  return words;
}

/** A campaign ready to run: what `runCommand` resolved from its options. */
interface Campaign {
  readonly target: Target<unknown>;
  readonly settings: CampaignSettings;
  readonly spec: CampaignSpec;
  /** The flags given explicitly, repeated in regenerate commands. */
  readonly explicit: ExplicitFlags;
}

/** Resolves the target, adversaries, properties and seed of `byzcheck run`, failing early on bad names. */
async function resolveCampaign(options: RunCommandOptions): Promise<Campaign> {
  if (options.path !== undefined && options.seed === undefined) throw new UsageError('--path replays one case of a campaign and needs the campaign\'s --seed');
  if (options.path !== undefined && options.shard !== undefined) throw new UsageError('--path replays one case; it cannot be combined with --shard');
  const name = options.exec !== undefined ? `${EXEC_PREFIX}${options.exec}` : options.target;
  const stepTimeout = options.stepTimeout === undefined ? {} : { stepTimeoutMs: options.stepTimeout };
  const target: Target<unknown> = await loadTarget(name, stepTimeout);
  const adversaryNames = options.adversary === undefined ? undefined : options.adversary === 'none' ? [] : parseList(options.adversary);
  const chosen = await resolveAdversaryEntries(adversaryNames);
  const adversaries = selectAdversaries(chosen.names ?? undefined, chosen.registry);
  const propertyNames = options.properties === undefined ? undefined : parseList(options.properties);
  const properties = selectProperties(propertyNames, chosen.registry);
  const targetOptions = options.targetOption;
  checkTargetOptions(target, targetOptions);
  const modules = chosen.modules.map((m) => m.ref);
  const extras = {
    ...(modules.length > 0 ? { adversaryModules: modules } : {}),
    ...(targetOptions !== undefined ? { targetOptions } : {}),
  };
  const settings: CampaignSettings = {
    target: name,
    adversaries: adversaries.map((a) => a.name),
    properties: properties.map((p) => p.name),
    beyondF: options.beyondF === true,
    ...(options.crypto !== undefined ? { crypto: options.crypto } : {}),
    ...extras,
    ...(DEFAULT_END_WHEN_SETTLED ? { endWhenSettled: true } : {}),
  };
  const spec: CampaignSpec = {
    target: name,
    ...stepTimeout,
    ...extras,
    adversaries: chosen.names,
    properties: propertyNames ?? null,
    beyondF: settings.beyondF,
    seed: options.seed ?? randomInt(2 ** 31),
    runs: options.path === undefined ? options.runs : 1,
    ...(options.n !== undefined ? { clusterSizes: options.n } : {}),
    ...(options.crypto !== undefined ? { crypto: options.crypto } : {}),
    // A --path names fast-check's case of a random campaign's chunk.
    search: options.path === undefined ? options.search ?? DEFAULT_SEARCH : 'random',
    ...(DEFAULT_END_WHEN_SETTLED ? { endWhenSettled: true } : {}),
  };
  const explicit = {
    ...(options.adversary !== undefined ? { adversary: options.adversary } : {}),
    ...(options.properties !== undefined ? { properties: options.properties } : {}),
    ...(options.n !== undefined ? { n: options.n.join(',') } : {}),
    ...(options.crypto !== undefined ? { crypto: options.crypto } : {}),
    ...(options.search !== undefined ? { search: options.search } : {}),
  };
  return { target, settings, spec, explicit };
}

/** Runs the campaign (or, with --path, the one case) with a progress display; returns its outcome and wall-clock seconds. */
async function execute(campaign: Campaign, options: RunCommandOptions, signal: AbortSignal | undefined): Promise<{ outcome: CampaignOutcome; seconds: number }> {
  const { settings, spec } = campaign;
  const shard = options.shard === undefined ? '' : `, shard ${formatShard(options.shard)}`;
  const optionsShown = spec.targetOptions === undefined ? '' : ` (${Object.entries(spec.targetOptions).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')})`;
  console.log(`byzcheck run: target ${spec.target}${optionsShown}, seed ${spec.seed}${shard}, up to ${plural(spec.runs, 'run')}${options.timeLimit ? ` or ${options.timeLimit / 1000}s` : ''}`);
  console.log(`  adversaries: ${settings.adversaries.join(', ') || 'none'}; properties: ${settings.properties.join(', ')}`);
  const total = options.shard === undefined ? spec.runs : Math.ceil(spec.runs / options.shard.count);
  const progress = createProgress(total, process.stderr, options.progress);
  const started = performance.now();
  let found = false;
  try {
    const outcome =
      options.path === undefined
        ? await runCampaign(spec, {
            ...(options.workers !== undefined ? { workers: options.workers } : {}),
            ...(options.lanes !== undefined ? { lanes: options.lanes } : {}),
            ...(options.shard !== undefined ? { shard: options.shard } : {}),
            ...(options.timeLimit !== undefined ? { timeLimitMs: options.timeLimit } : {}),
            onProgress: (p) => {
              // Said once, on stdout even without a progress display: shrinking can take a while, and Ctrl-C now keeps the failure.
              if (p.violations > 0 && !found) {
                found = true;
                console.log('✗ violation found; shrinking it (Ctrl-C stops and keeps the smallest counterexample so far)');
              }
              progress.update(p);
            },
            ...(signal !== undefined ? { signal } : {}),
          })
        : mergeChunks([await runChunk(spec, { index: 0, seed: spec.seed, runs: 1 }, { path: options.path, ...(signal !== undefined ? { signal } : {}) })]);
    return { outcome, seconds: (performance.now() - started) / 1000 };
  } finally {
    progress.stop();
  }
}

/** How a guided search spent its runs, for --stats (nothing for a random campaign). */
function describeSearch(search: SearchTally | undefined): string[] {
  if (search === undefined) return [];
  return [
    '  guided search:',
    `    warm-up runs (drawn as a random campaign draws them) ${search.warmUp}, fresh draws ${search.fresh}, mutants of corpus entries ${search.mutated}`,
    `    behaviour features ${search.features}, corpus entries ${search.corpus} (summed over chunks: each chunk keeps its own corpus)`,
    '    the cluster sizes and adversaries above are the allocation it chose (novelty per event spent, small clusters first)',
  ];
}

/** A path as the user should type it: relative to the working directory when that is shorter to read. */
function shownPath(file: string): string {
  return relative(process.cwd(), file) || file;
}

/** Why a campaign ended early, as the console says it after the run count. */
export function cutShortBy(outcome: Pick<CampaignOutcome, 'interrupted' | 'counterexample'>, by: StopSignal | null): string {
  if (by !== null) return ` (interrupted by ${by}${outcome.counterexample?.shrinkCutShort === true ? ': shrinking was cut short, this is the smallest counterexample found so far' : ''})`;
  // The limit may be spent only while minimising, after the exploration ended on its own.
  return outcome.interrupted || outcome.counterexample?.shrinkCutShort === true ? ' (time limit reached: best counterexample so far)' : '';
}

/** Prints a found violation: summary, how to regenerate it, the report files, and last the replay command. */
function reportViolation(campaign: Campaign, cx: Counterexample, run: { outcome: CampaignOutcome; seconds: number }, written: WrittenReports, shown: string, by: StopSignal | null): void {
  for (const line of describeCounterexample(cx, shown)) console.log(line);
  console.log(`  campaign: ${plural(run.outcome.runs, 'run')} in ${run.seconds.toFixed(1)} s${cutShortBy(run.outcome, by)}`);
  if (cx.path !== null) console.log(`  or regenerate it: ${commandLine(runWords(campaign.settings, cx.seed, ['--path', cx.path], campaign.explicit))}`);
  else if (campaign.spec.search === 'guided') {
    // A mutant has no fast-check path: the campaign itself regenerates it (same seed, same corpus, same runs).
    console.log(`  or regenerate it (found by guided search, no --path): ${commandLine(runWords(campaign.settings, campaign.spec.seed, ['--runs', String(campaign.spec.runs)], campaign.explicit))}`);
  }
  const files = written.counterexample === undefined ? [] : [written.counterexample.markdown, written.counterexample.html];
  console.log(`  reports: ${[...files, written.junit, written.summary].map(shownPath).join(', ')}`);
  console.log(`Replay: ${commandLine(['npx', 'byzcheck', 'replay', shown])}`);
}

/** Prints that a signal stopped the campaign before it found anything, with the reports written so far. */
function reportInterrupted(outcome: CampaignOutcome, seconds: number, by: StopSignal, written: WrittenReports): number {
  console.log(`⚠ interrupted by ${by} after ${plural(outcome.runs, 'run')} (${seconds.toFixed(1)} s): no violation in the runs done; the campaign is incomplete`);
  console.log(`  reports: ${shownPath(written.summary)}, ${shownPath(written.junit)}`);
  return signalExitCode(by);
}

/**
 * `byzcheck run`: a campaign of generated scenarios against one target. Returns the exit code;
 * after a signal (see {@link Interrupt}) the reports of the runs done are written and the code is the signal's.
 */
export async function runCommand(options: RunCommandOptions, interrupt?: Interrupt): Promise<number> {
  const campaign = await resolveCampaign(options);
  const run = await execute(campaign, options, interrupt?.signal);
  const { outcome, seconds } = run;
  const by = interrupt?.received() ?? null;
  const seed = campaign.spec.seed;
  const dir = claimReportDir(options.out, reportId(campaign.spec.target, seed, options.shard));
  const shown = shownPath(join(dir, 'counterexample.json'));
  const written = writeReports(dir, {
    settings: campaign.settings, result: outcome, seed, elapsedSeconds: seconds, codec: campaign.target.codec, reportPath: shown,
    ...(by !== null ? { interruptedBy: by } : {}),
  });
  writeCampaignFile(join(dir, 'campaign.json'), campaign.spec, options.shard ?? null, outcome, seconds, by);
  if (options.stats === true) for (const line of ['coverage of the generated runs:', ...describeStats(outcome.stats, outcome.runs), ...describeSearch(outcome.search)]) console.log(line);
  const cx = outcome.counterexample;
  if (cx !== null) {
    reportViolation(campaign, cx, run, written, shown, by);
    return by === null ? EXIT.violation : signalExitCode(by);
  }
  if (by !== null) return reportInterrupted(outcome, seconds, by, written);
  console.log(`✓ no violation in ${plural(outcome.runs, 'run')} (${seconds.toFixed(1)} s, ${formatRate(outcome.runs, seconds)} runs/s, ${plural(outcome.deliveries, 'delivery')})${outcome.interrupted ? ' — stopped by the time limit' : ''}`);
  const shardWords = options.shard === undefined ? [] : ['--shard', formatShard(options.shard)];
  // Chunks stop mid-way at the time limit, so the runs done are no prefix any --runs could name: offer the whole campaign.
  const repeat = outcome.interrupted ? `run the whole campaign (the time limit stopped this one after ${outcome.runs} of ${options.runs})` : 'repeat this campaign';
  console.log(`  ${repeat}: ${commandLine(runWords(campaign.settings, seed, ['--runs', String(options.runs), ...shardWords], campaign.explicit))}`);
  console.log(`  reports: ${shownPath(written.summary)}, ${shownPath(written.junit)}`);
  return EXIT.ok;
}
