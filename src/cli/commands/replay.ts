import { readFileSync } from 'node:fs';
import { replayTraced, type TracedRun } from '../../check/driver.js';
import { compareTraces, describeEvent } from '../../check/nondeterminism.js';
import { runScenarioChecked, type RunContext } from '../../check/run-scenario.js';
import type { Verdict } from '../../check/verdict.js';
import type { Property } from '../../property.js';
import { firstRecordedDifference, parseRecordedRun, sameRecordedVerdict, verdictLine, type RecordedRun } from '../../report/recorded-run.js';
import type { Scenario } from '../../scenario/types.js';
import { ed25519Crypto } from '../../crypto/ed25519.js';
import { CounterexampleFileError, parseReplayHeader, type ReplayHeader } from '../../report/counterexample-file.js';
import { commandLine, describeReplicaDetails, describeScenario, describeVerdict } from '../../report/summary-text.js';
import { parseScenario, ScenarioError } from '../../scenario/schema.js';
import { EXIT, UsageError } from '../errors.js';
import { DEFAULT_END_WHEN_SETTLED } from '../../campaign/spec.js';
import type { Target } from '../../adapter/contract.js';
import type { Registry } from '../../registry.js';
import { loadRecordedModule, registryWith } from '../adversary-modules.js';
import { BUILTIN_REGISTRY } from '../builtins.js';
import { selectProperties } from '../selection.js';
import { checkTargetOptions, targetOptionWords } from '../target-option-flags.js';
import { defaultTarget, loadTarget } from '../targets.js';
import { plural } from '../../report/plural.js';

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

/** The verdict of a replay: the run's, plus a determinism finding when a second run of it gave a different trace. */
async function replayTwice(scenario: Scenario, context: RunContext, properties: readonly Property[]): Promise<{ run: TracedRun; verdict: Verdict }> {
  const run = await replayTraced(scenario, context, properties);
  const second = await runScenarioChecked(scenario, { ...context, properties }, true);
  const finding = compareTraces(run.trace, second.trace ?? [], context.target.name);
  return { run, verdict: finding === null ? run.verdict : { ...run.verdict, ok: false, violations: [...run.verdict.violations, finding] } };
}

/** The registry a counterexample ran with: the built-in one plus its recorded strategy modules, each unchanged. */
async function recordedRegistry(file: string, header: ReplayHeader | null): Promise<Registry> {
  const modules = header?.campaign.adversaryModules ?? [];
  if (header === null || modules.length === 0) return BUILTIN_REGISTRY;
  const { campaign } = header;
  const retry = commandLine([
    'npx', 'byzcheck', 'run', '--target', campaign.target,
    '--adversary', [...campaign.adversaries.filter((a) => BUILTIN_REGISTRY.adversaries.has(a)), ...modules.map((m) => m.path)].join(','),
    ...targetOptionWords(campaign.targetOptions),
  ]);
  return registryWith(await Promise.all(modules.map((m) => loadRecordedModule(m, file, retry))));
}

/** Parses the scenario of a file, with a bad one (or bad target options in it) a usage error naming the field. */
function scenarioOf(file: string, json: unknown, header: ReplayHeader | null, registry: Registry, target: Target<unknown>): Scenario {
  let scenario: Scenario;
  try {
    scenario = parseScenario(header === null ? json : header.scenario, registry.adversaries, header === null ? 'scenario' : 'file.scenario');
  } catch (error) {
    if (error instanceof ScenarioError) throw new UsageError(`${file} holds an invalid scenario:\n${error.message}`);
    throw error;
  }
  checkTargetOptions(target, scenario.targetOptions, `targetOptions in ${file}`);
  return scenario;
}

function recordedOf(file: string, json: unknown): RecordedRun {
  try {
    return parseRecordedRun(json);
  } catch (error) {
    throw new UsageError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Compares a replay with what the counterexample file recorded, printing every difference: the
 * verdict first, then the trace hash with its first differing trace event. True if anything differs.
 */
function compareWithRecord(run: TracedRun, verdict: Verdict, header: ReplayHeader, recorded: RecordedRun): { verdict: boolean; trace: boolean } {
  const sameTrace = run.traceHash === header.traceHash;
  if (sameTrace) console.log('  identical to the recorded run (same trace hash)');
  else {
    console.log(`  DIFFERENT from the recorded run (recorded ${header.traceHash}): the scenario, the target or byzcheck changed, or the target is nondeterministic`);
    const at = firstRecordedDifference(recorded.trace, run.trace);
    console.log(
      recorded.trace.length === 0
        ? '  (the file holds no recorded trace to compare with)'
        : `  first difference at trace event ${at} (step ${recorded.trace[at]?.step ?? run.trace[at]?.step ?? '?'}): recorded ${describeEvent(recorded.trace[at])} vs now ${describeEvent(run.trace[at])}`,
    );
  }
  if (sameRecordedVerdict(verdict, recorded.verdict)) return { verdict: false, trace: !sameTrace };
  if (verdict.ok) console.log(`✗ the recorded violation no longer happens: recorded ${verdictLine(recorded.verdict)}; now no violation`);
  else console.log(`✗ the verdict differs from the recorded one: recorded ${verdictLine(recorded.verdict)}; now ${verdictLine(verdict)}`);
  if (recorded.notReproduced) console.log('  (the campaign that recorded it could not reproduce it either: the target may be nondeterministic)');
  return { verdict: true, trace: !sameTrace };
}

/**
 * `byzcheck replay <file>`: reruns a counterexample (or a bare scenario file) with full tracing,
 * twice (a second run that differs is a determinism finding), and compares the verdict and trace
 * hash with the recorded ones. Exit 1 on a violation, or when the replay differs from the record
 * (a violation that no longer happens must not pass a CI check silently); 0 only for a run with no
 * violation that matches its record, or a bare scenario without one.
 */
export async function replayCommand(file: string, options: ReplayCommandOptions): Promise<number> {
  const json = readJson(file);
  const header = isCounterexample(json) ? readHeader(json, file) : null;
  const recorded = header === null ? null : recordedOf(file, json);
  const targetName = header?.campaign.target ?? options.target ?? defaultTarget();
  const target = await loadTarget(targetName);
  const registry = await recordedRegistry(file, header);
  const scenario = scenarioOf(file, json, header, registry, target);
  const properties = selectProperties(header?.campaign.properties, registry);
  const crypto = header?.campaign.crypto === 'ed25519' ? { crypto: ed25519Crypto } : {};
  // Runs end where the recording campaign ended them: a file without the setting ran every run to its limit.
  const endWhenSettled = header === null ? DEFAULT_END_WHEN_SETTLED : header.campaign.endWhenSettled === true;
  const { run, verdict } = await replayTwice(scenario, { target, adversaries: registry.adversaries, ...crypto, ...(endWhenSettled ? { endWhenSettled } : {}) }, properties);
  console.log(`byzcheck replay: ${file} against target ${targetName}`);
  console.log(`  scenario: ${describeScenario(scenario)}`);
  console.log(`  ${plural(run.events, 'event')}, ended: ${run.facts.stopReason} at ${run.facts.endTimeMs} ms`);
  console.log(`  trace hash: ${run.traceHash}`);
  const differs = header !== null && recorded !== null ? compareWithRecord(run, verdict, header, recorded) : { verdict: false, trace: false };
  const again = commandLine(['npx', 'byzcheck', 'replay', file, ...(header === null && options.target !== undefined ? ['--target', options.target] : [])]);
  if (verdict.ok && !differs.verdict && !differs.trace) {
    console.log('✓ no violation in this run');
    return EXIT.ok;
  }
  if (!verdict.ok) {
    if (!differs.verdict) console.log(differs.trace ? '✗ violation reproduced, with a different trace (see above)' : '✗ violation reproduced');
    for (const line of [...describeVerdict(verdict), ...describeReplicaDetails(run.facts)]) console.log(line);
  } else if (!differs.verdict) {
    console.log('✗ the trace differs from the recorded run (see above)');
  } else if (header !== null) {
    console.log(`  if a fix made it pass, keep its scenario as a regression test: save the file's "scenario" field as scenario.json and run ${commandLine(['npx', 'byzcheck', 'replay', 'scenario.json', '--target', header.campaign.target])}`);
  }
  console.log(`Replay: ${again}`);
  return EXIT.violation;
}
