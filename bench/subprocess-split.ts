/**
 * Where a subprocess event's wall time goes, per pipelining mode and with a child per replica or one
 * child hosting the run (protocol 4), measured in one run so the modes share the machine's load
 * (see bench/subprocess.ts, which calls this first):
 *
 * - per step: wall time, byzcheck's own CPU, the children's CPU (from /proc), how often byzcheck
 *   had to wait for a child's line (the rest had arrived already), in-band requests per step, the
 *   share of steps handed over at once (answered before the World asked: no promise, no event-loop
 *   turn), and how many hosted replicas moved to a child of their own; wall minus byzcheck's CPU is the time
 *   it sat waiting for children to be scheduled and answer;
 * - a bare pipe round trip to a Python child that answers every line at once (wake-up cost alone);
 * - byzcheck's JSON per step (encoding a message line, parsing and validating a `done` line);
 * - the Python replica's own CPU per event with no pipe waits (a recorded transcript replayed).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Target } from '../src/adapter/contract.js';
import { wireStats } from '../src/adapter/subprocess/child.js';
import { goAvailable } from '../src/adapter/subprocess/go-build.js';
import { closeAllChildren, type SubprocessTarget } from '../src/adapter/subprocess/index.js';
import { encodeHarnessLine, parseChildLine } from '../src/adapter/subprocess/protocol.js';
import type { Hosting, Pipelining } from '../src/adapter/subprocess/target.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { ALL_ADVERSARIES } from '../src/cli/selection.js';
import type { Scenario } from '../src/scenario/types.js';
import { median } from './stats.js';
import { childCpuMs } from './child-cpu.js';

/** A way to run the children: how far ahead events are written, and whether one child hosts a run. */
export interface WireMode {
  readonly pipelining: Pipelining;
  readonly hosting: Hosting;
}

const MODES: readonly WireMode[] = [
  { pipelining: 'off', hosting: 'own' },
  { pipelining: 'event', hosting: 'own' },
  { pipelining: 'instant', hosting: 'own' },
  { pipelining: 'instant', hosting: 'shared' },
];

/** One pass of `scenarios` on `target` at one lane: wall, CPU and wire counts. */
async function pass(target: Target<unknown>, scenarios: readonly Scenario[]): Promise<Record<string, number>> {
  const wire = { ...wireStats };
  const child = childCpuMs();
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const s of scenarios) await runScenarioChecked(s, { target, adversaries: ALL_ADVERSARIES });
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    wallMs, nodeCpuMs: (used.user + used.system) / 1000, childCpuMs: childCpuMs() - child,
    steps: wireStats.steps - wire.steps, ahead: wireStats.ahead - wire.ahead, waits: wireStats.waits - wire.waits,
    reads: wireStats.reads - wire.reads, writes: wireStats.writes - wire.writes, asks: wireStats.asks - wire.asks, moves: wireStats.moves - wire.moves, atOnce: wireStats.handedAtOnce - wire.handedAtOnce,
  };
}

/** Medians per mode (and in process) over `reps` alternating repetitions. */
async function splitByMode(name: string, inProcess: Target<unknown>, make: (mode: WireMode) => SubprocessTarget, scenarios: readonly Scenario[], reps: number): Promise<void> {
  const targets = MODES.map(make);
  for (const t of targets) {
    await t.probe(); // the hosting child is known before the first run
    await pass(t, scenarios.slice(0, 2)); // spawn and greet the children first
  }
  const samples = MODES.map(() => [] as Record<string, number>[]);
  const local: number[] = [];
  for (let r = 0; r < reps; r++) {
    local.push((await pass(inProcess, scenarios)).wallMs ?? Number.NaN);
    for (const [i, t] of targets.entries()) samples[i]?.push(await pass(t, scenarios));
  }
  const inProcessMs = median(local);
  console.log(`${name}: ${scenarios.length} scenarios, one lane, median of ${reps}; in process ${(scenarios.length / inProcessMs * 1000).toFixed(1)} runs/s`);
  console.log('  mode             runs/s  ×in-proc  wall µs/step  node CPU µs  child CPU µs  waiting µs  waits/step  reads/step  asks/step  ahead %  at once %  moves');
  for (const [i, mode] of MODES.entries()) {
    const m = (key: string): number => median((samples[i] ?? []).map((s) => s[key] as number));
    const steps = m('steps');
    const per = (key: string): string => (m(key) * 1000 / steps).toFixed(0).padStart(11);
    const ratio = (m('wallMs') / inProcessMs).toFixed(1);
    const label = `${mode.pipelining}/${mode.hosting}`;
    console.log(`  ${label.padEnd(15)} ${(scenarios.length / m('wallMs') * 1000).toFixed(1).padStart(7)} ${ratio.padStart(8)}× ${per('wallMs').padStart(12)} ${per('nodeCpuMs')} ${per('childCpuMs').padStart(12)} ${((m('wallMs') - m('nodeCpuMs')) * 1000 / steps).toFixed(0).padStart(11)} ${(m('waits') / steps).toFixed(2).padStart(11)} ${(m('reads') / steps).toFixed(2).padStart(11)} ${(m('asks') / steps).toFixed(2).padStart(10)} ${(100 * m('ahead') / steps).toFixed(0).padStart(8)} ${(100 * m('atOnce') / steps).toFixed(0).padStart(10)} ${m('moves').toFixed(0).padStart(6)}`);
  }
  for (const t of targets) t.close();
}

/** Median µs of one line to a Python child that answers at once, and back. */
async function pipeRoundTripUs(rounds: number): Promise<number> {
  const child = spawn('python3', ['-c', 'import sys\nfor _ in sys.stdin:\n    sys.stdout.write("{\\"type\\":\\"done\\"}\\n"); sys.stdout.flush()'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const times: number[] = [];
  let resolve: (() => void) | null = null;
  child.stdout.on('data', () => resolve?.());
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await new Promise<void>((r) => {
      resolve = r;
      child.stdin.write('{"type":"message","now":1,"from":0,"payload":{}}\n');
    });
    times.push((performance.now() - started) * 1000);
  }
  child.kill();
  return median(times);
}

/** CPU µs per call of byzcheck's JSON work for one step: encoding a message line and parsing a three-effect `done` (CPU, not wall: the machine is shared). */
function jsonUs(calls: number): { encode: number; parse: number } {
  const payload = { type: 'PREPARE', view: 0, seq: 3, digest: 'a'.repeat(64), sender: 2 };
  const done = JSON.stringify({ type: 'done', effects: [{ kind: 'broadcast', payload }, { kind: 'commit', seq: 3, value: 'a'.repeat(64) }, { kind: 'setTimer', id: 'resend', afterMs: 250 }] });
  const cpuUs = (work: () => void): number => {
    const started = process.cpuUsage();
    work();
    const used = process.cpuUsage(started);
    return (used.user + used.system) / calls;
  };
  const encode = cpuUs(() => {
    for (let i = 0; i < calls; i++) encodeHarnessLine({ type: 'message', now: i, from: 1, payload });
  });
  return { encode, parse: cpuUs(() => {
    for (let i = 0; i < calls; i++) parseChildLine(done);
  }) };
}

/** The Python replica's CPU µs per event with no waiting: a recorded transcript fed from a file. */
async function pythonOfflineUs(make: (command: readonly string[]) => SubprocessTarget, replicaPy: string, scenarios: readonly Scenario[]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'byzcheck-split-'));
  try {
    const teed = make(['sh', '-c', 'tee "$1/$$.in" | exec python3 "$0"', replicaPy, dir]);
    for (const s of scenarios) await runScenarioChecked(s, { target: teed, adversaries: ALL_ADVERSARIES });
    teed.close();
    const input = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('');
    const events = input.split('\n').filter((l) => l.length > 0).length;
    const measure = 'import resource, subprocess, sys\nsubprocess.run([sys.executable, sys.argv[1]], stdin=open(sys.argv[2]), stdout=subprocess.DEVNULL, check=True)\nu = resource.getrusage(resource.RUSAGE_CHILDREN)\nprint(u.ru_utime + u.ru_stime)';
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'all.txt'), input);
    const run = spawnSync('python3', ['-c', measure, replicaPy, join(dir, 'all.txt')], { encoding: 'utf8', env: { ...process.env, PYTHONHASHSEED: '0' } });
    return Number(run.stdout.trim()) * 1e6 / events;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the split needs from the caller: the targets and scenarios to measure. */
export interface SplitInputs {
  readonly scenarios: readonly Scenario[];
  readonly reps: number;
  readonly seed002: Target<unknown>;
  readonly seed002Python: (overrides: { pipelining?: Pipelining; hosting?: Hosting; command?: readonly string[] }) => SubprocessTarget;
  readonly replicaPy: string;
  readonly seed001?: { readonly inProcess: Target<unknown>; readonly go: (mode: WireMode) => SubprocessTarget; readonly scenarios: readonly Scenario[] };
}

/** Prints the per-step split for seed 002's Python replica (and seed 001's Go one when Go is installed). */
export async function printSplit(inputs: SplitInputs): Promise<void> {
  await splitByMode('seed002-python', inputs.seed002, (mode) => inputs.seed002Python(mode), inputs.scenarios, inputs.reps);
  if (inputs.seed001 !== undefined && goAvailable()) await splitByMode('seed001-go', inputs.seed001.inProcess, inputs.seed001.go, inputs.seed001.scenarios, inputs.reps);
  const rt = await pipeRoundTripUs(2_000);
  const json = jsonUs(20_000);
  const offline = await pythonOfflineUs((command) => inputs.seed002Python({ command }), inputs.replicaPy, inputs.scenarios.slice(0, 10));
  console.log(`  bare pipe round trip to a Python child: ${rt.toFixed(0)} µs (median of 2000)`);
  console.log(`  byzcheck's JSON per step (CPU): encode a message line ${json.encode.toFixed(1)} µs, parse + validate a 3-effect done ${json.parse.toFixed(1)} µs`);
  console.log(`  seed002-python's own CPU per event, transcript replayed without waits (binding + replica): ${offline.toFixed(1)} µs`);
  await closeAllChildren();
}
