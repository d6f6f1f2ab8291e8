import { readFileSync } from 'node:fs';
import { replayTraced } from '../../check/driver.js';
import { ed25519Crypto } from '../../crypto/ed25519.js';
import { CounterexampleFileError, parseReplayHeader, type ReplayHeader } from '../../report/counterexample-file.js';
import { commandLine, describeReplicaDetails, describeScenario, describeVerdict } from '../../report/summary-text.js';
import { parseScenario, ScenarioError } from '../../scenario/schema.js';
import { EXIT, UsageError } from '../errors.js';
import { ALL_ADVERSARIES, selectProperties } from '../selection.js';
import { defaultTarget, loadTarget } from '../targets.js';

/** Options of `byzcheck replay`. */
export interface ReplayCommandOptions {
  /** Target for a bare scenario file (counterexample files name their own). */
  readonly target?: string;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function isCounterexample(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'format' in json && 'campaign' in json;
}

function readHeader(json: unknown, file: string): ReplayHeader {
  try {
    return parseReplayHeader(json);
  } catch (error) {
    if (error instanceof CounterexampleFileError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
}

/**
 * `byzcheck replay <file>`: reruns a counterexample (or a bare scenario file) with full tracing and
 * reports its verdict and whether the trace hash matches the recorded one. Exit 1 on a violation.
 */
export async function replayCommand(file: string, options: ReplayCommandOptions): Promise<number> {
  const json = readJson(file);
  const header = isCounterexample(json) ? readHeader(json, file) : null;
  const targetName = header?.campaign.target ?? options.target ?? defaultTarget();
  const target = await loadTarget(targetName);
  let scenario;
  try {
    scenario = parseScenario(header === null ? json : header.scenario, ALL_ADVERSARIES, header === null ? 'scenario' : 'file.scenario');
  } catch (error) {
    if (error instanceof ScenarioError) throw new UsageError(`${file} holds an invalid scenario:\n${error.message}`);
    throw error;
  }
  const properties = selectProperties(header?.campaign.properties);
  const crypto = header?.campaign.crypto === 'ed25519' ? { crypto: ed25519Crypto } : {};
  const run = await replayTraced(scenario, { target, adversaries: ALL_ADVERSARIES, ...crypto }, properties);
  console.log(`byzcheck replay: ${file} against target ${targetName}`);
  console.log(`  scenario: ${describeScenario(scenario)}`);
  console.log(`  ${run.events} events, ended: ${run.facts.stopReason} at ${run.facts.endTimeMs} ms`);
  console.log(`  trace hash: ${run.traceHash}`);
  if (header !== null) {
    console.log(
      run.traceHash === header.traceHash
        ? '  identical to the recorded run (same trace hash)'
        : `  DIFFERENT from the recorded run (recorded ${header.traceHash}): the target or byzcheck changed, or the target is nondeterministic`,
    );
  }
  const again = commandLine(['npx', 'byzcheck', 'replay', file, ...(header === null && options.target !== undefined ? ['--target', options.target] : [])]);
  if (run.verdict.ok) {
    console.log('✓ no violation in this run');
    return EXIT.ok;
  }
  console.log('✗ violation reproduced');
  for (const line of [...describeVerdict(run.verdict), ...describeReplicaDetails(run.facts)]) console.log(line);
  console.log(`Replay: ${again}`);
  return EXIT.violation;
}
