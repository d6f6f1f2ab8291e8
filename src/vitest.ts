/**
 * byzcheck inside a test suite: `await assertReplica('path/to/replica.ts')` runs a campaign and, on a
 * violation, throws an error holding the shrunk counterexample's summary and the replay command.
 */
import { join, relative } from 'node:path';
import type { Target } from './adapter/contract.js';
import { validateAssertReplicaOptions } from './assert-replica-options.js';
import { check, type CheckResult } from './check/driver.js';
import { spaceFor } from './check/space.js';
import { reportId } from './cli/commands/run.js';
import { parseList } from './cli/parse.js';
import { ALL_ADVERSARIES, selectAdversaries, selectProperties } from './cli/selection.js';
import { loadTarget } from './cli/targets.js';
import type { CampaignSettings } from './report/counterexample-file.js';
import { writeReports } from './report/write-reports.js';
import { commandLine, describeCounterexample } from './report/summary-text.js';

/** Options of {@link assertReplica}; all optional. */
export interface AssertReplicaOptions {
  /** Generated scenarios (default 200). */
  readonly runs?: number;
  /** Campaign seed (default 1: a regression suite should explore the same scenarios every time). */
  readonly seed?: number;
  /** Comma-separated adversary names, or 'none' (default: all). */
  readonly adversary?: string;
  /** Comma-separated property names (default: all). */
  readonly properties?: string;
  /** Allow more than f faulty replicas. */
  readonly beyondF?: boolean;
  /** Reports folder (default `reports`). */
  readonly out?: string;
}

/** The error thrown for a violation: its message is the summary, ending with the replay command. */
export class ByzcheckViolation extends Error {
  override readonly name = 'ByzcheckViolation';

  /** Keeps the whole campaign result for tests that want to inspect it. */
  constructor(message: string, readonly result: CheckResult) {
    super(message);
  }
}

/**
 * Runs a byzcheck campaign against a target — a built-in name or the path of a module exporting a
 * replica factory (so the replay command can find it again) — and throws {@link ByzcheckViolation}
 * with the shrunk counterexample when a property fails. Resolves to the campaign result otherwise.
 */
export async function assertReplica(target: string, options: AssertReplicaOptions = {}): Promise<CheckResult> {
  validateAssertReplicaOptions(target, options);
  const loaded: Target<unknown> = await loadTarget(target);
  const adversaryNames = options.adversary === undefined ? undefined : options.adversary === 'none' ? [] : parseList(options.adversary);
  const adversaries = selectAdversaries(adversaryNames);
  const properties = selectProperties(options.properties === undefined ? undefined : parseList(options.properties));
  const seed = options.seed ?? 1;
  const settings: CampaignSettings = {
    target, adversaries: adversaries.map((a) => a.name), properties: properties.map((p) => p.name), beyondF: options.beyondF === true,
  };
  const started = performance.now();
  const result = await check({
    target: loaded, adversaries: ALL_ADVERSARIES, space: spaceFor(loaded, adversaries, settings.beyondF, undefined, properties.some((p) => p.name === 'liveness')), properties, runs: options.runs ?? 200, seed,
  });
  const cx = result.counterexample;
  if (cx === null) return result;
  const dir = join(options.out ?? 'reports', reportId(target, seed));
  const shown = relative(process.cwd(), join(dir, 'counterexample.json')) || join(dir, 'counterexample.json');
  writeReports(dir, { settings, result, seed, elapsedSeconds: (performance.now() - started) / 1000, codec: loaded.codec, reportPath: shown });
  const lines = [`byzcheck found a violation in ${target} (seed ${seed})`, ...describeCounterexample(cx, shown)];
  lines.push(`Replay: ${commandLine(['npx', 'byzcheck', 'replay', shown])}`);
  throw new ByzcheckViolation(lines.join('\n'), result);
}

export { OptionsError } from './check/options-error.js';
