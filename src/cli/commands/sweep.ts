/**
 * `byzcheck sweep`: seed 002's latency/success experiment against any target, in virtual time.
 * Prints the table and writes two SVG charts under `<out>/sweep/<target>/`.
 */
import { relative } from 'node:path';
import type { Target } from '../../adapter/contract.js';
import { closeAllChildren } from '../../adapter/subprocess/registry.js';
import { writeSweepCharts } from '../../sweep/charts.js';
import { parseMaliciousRange } from '../../sweep/range.js';
import { runSweep } from '../../sweep/run.js';
import { formatSweepTable } from '../../sweep/table.js';
import { EXIT, UsageError } from '../errors.js';
import { signalExitCode, type Interrupt } from '../interrupt.js';
import { ALL_ADVERSARIES } from '../selection.js';
import { EXEC_PREFIX, loadTarget } from '../targets.js';
import { plural } from '../../report/plural.js';

/** Options of `byzcheck sweep`, as commander parses them. */
export interface SweepCommandOptions {
  /** Built-in target or module path (ignored when `exec` is given). */
  readonly target: string;
  /** A subprocess replica command instead of a target. */
  readonly exec?: string;
  readonly n: number;
  /** `0..10`, `0,2,4` or one number. */
  readonly malicious: string;
  readonly trials: number;
  readonly seed: number;
  /** Virtual ms per trial. */
  readonly timeoutMs: number;
  readonly adversary: string;
  /** Trials in flight at once for a subprocess replica (default: one per core, at most 4). */
  readonly lanes?: number;
  /** Reports folder; charts go to `<out>/sweep/<target>/`. */
  readonly out: string;
}

function malicious(options: SweepCommandOptions): number[] {
  let values: number[];
  try {
    values = parseMaliciousRange(options.malicious);
  } catch (error) {
    throw new UsageError(`--malicious ${error instanceof Error ? error.message : String(error)}`);
  }
  const tooMany = values.filter((m) => m > options.n);
  if (tooMany.length > 0) throw new UsageError(`--malicious ${tooMany.join(', ')} exceeds --n ${options.n}`);
  return values;
}

/**
 * `byzcheck sweep`: runs the experiment, prints its table, writes its charts. Returns the exit code;
 * after a signal, the table and charts hold the points completed and the code is the signal's.
 */
export async function sweepCommand(options: SweepCommandOptions, interrupt?: Interrupt): Promise<number> {
  if (!ALL_ADVERSARIES.has(options.adversary)) throw new UsageError(`unknown adversary '${options.adversary}'`);
  const values = malicious(options);
  const target: Target<unknown> = await loadTarget(options.exec !== undefined ? `${EXEC_PREFIX}${options.exec}` : options.target);
  const started = performance.now();
  try {
    const result = await runSweep({
      target, adversaries: ALL_ADVERSARIES, n: options.n, malicious: values, trials: options.trials,
      seed: options.seed, adversary: options.adversary, timeoutMs: options.timeoutMs,
      ...(options.lanes !== undefined ? { lanes: options.lanes } : {}),
      ...(interrupt !== undefined ? { signal: interrupt.signal } : {}),
    });
    const seconds = (performance.now() - started) / 1000;
    const by = interrupt?.received() ?? null;
    if (by !== null && result.points.length === 0) {
      console.log(`⚠ interrupted by ${by} before the first point completed (${seconds.toFixed(1)} s): no table, no charts written`);
      return signalExitCode(by);
    }
    for (const line of formatSweepTable(result)) console.log(line);
    const charts = writeSweepCharts({ ...result, target: options.exec ?? options.target }, options.out);
    const done = result.points.length * options.trials;
    if (by !== null) console.log(`⚠ interrupted by ${by}: ${result.points.length} of ${values.length} points completed; the table and charts show those only`);
    console.log(`  ${plural(done, 'trial')} in ${seconds.toFixed(1)} s wall time`);
    console.log(`  charts: ${relative(process.cwd(), charts.latency)}, ${relative(process.cwd(), charts.success)}`);
    return by === null ? EXIT.ok : signalExitCode(by);
  } finally {
    await closeAllChildren();
  }
}
