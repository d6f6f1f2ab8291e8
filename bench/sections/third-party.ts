/**
 * A real third-party Python replica as a subprocess target: chained HotStuff written on our Python
 * binding by someone who did not write the harness (bench/fixtures/third-party/hotstuff3.py, from the
 * stranger-2 trial), every strategy, n = 4, as `byzcheck run --n 4 --workers 1` runs it (its chunks,
 * one lane per core up to 4). Reports wall runs/s and the CPU per run of Node and of the children,
 * since on a shared machine CPU moves far less with the load than wall time does.
 */
import { fileURLToPath } from 'node:url';
import { DEFAULT_SUBPROCESS_LANES } from '../../src/adapter/subprocess/lanes.js';
import { closeAllChildren } from '../../src/adapter/subprocess/index.js';
import { planChunks } from '../../src/campaign/chunks.js';
import { runChunk } from '../../src/campaign/run-chunk.js';
import { DEFAULT_END_WHEN_SETTLED, type CampaignSpec } from '../../src/campaign/spec.js';
import { summarize, type Summary } from '../stats.js';
import type { SuiteOptions } from './section.js';
import { now, secondsSince } from './timing.js';
import { childCpuMs } from '../child-cpu.js';

/** Issue 22's goal for a real third-party Python replica, runs per wall-clock second. */
export const THIRD_PARTY_GOAL = 50;

/** The held-out replica's target file. */
export const THIRD_PARTY_TARGET = fileURLToPath(new URL('../fixtures/third-party/hotstuff3.json', import.meta.url));

/** The figures of the third-party row. */
export interface ThirdPartyFigures {
  readonly command: string;
  readonly lanes: number;
  readonly runsPerRep: Summary;
  readonly wallRunsPerS: Summary;
  /** Node's CPU ms per run (this process). */
  readonly nodeCpuMsPerRun: Summary;
  /** The children's CPU ms per run (from /proc, 10 ms ticks). */
  readonly childCpuMsPerRun: Summary;
  readonly usPerDeliveryWall: Summary;
  /** Counterexamples met (the replica's own known liveness bug, NOTES of stranger-2): runs up to them are counted, their shrinking is not. */
  readonly counterexamples: readonly string[];
}

interface Rep {
  runs: number;
  deliveries: number;
  wall: number;
  nodeCpu: number;
  childCpu: number;
}

/** Runs one campaign of `runs` from `seed`, stopping a chunk's shrinking as soon as it starts (its exploring is what is measured). */
async function oneCampaign(spec: CampaignSpec, lanes: number, found: string[]): Promise<Rep> {
  const rep: Rep = { runs: 0, deliveries: 0, wall: 0, nodeCpu: 0, childCpu: 0 };
  for (const chunk of planChunks(spec.seed, spec.runs)) {
    const controller = new AbortController();
    let shrinkAt = -1;
    let wallAtShrink = 0;
    const child0 = childCpuMs();
    const cpu0 = process.cpuUsage();
    const t0 = now();
    const result = await runChunk(spec, chunk, {
      lanes, signal: controller.signal,
      onProgress: (p) => {
        if (p.phase !== 'shrink' || shrinkAt >= 0) return;
        shrinkAt = p.runs;
        wallAtShrink = secondsSince(t0);
        controller.abort();
      },
    });
    const cpu = process.cpuUsage(cpu0);
    rep.wall += shrinkAt >= 0 ? wallAtShrink : secondsSince(t0);
    rep.nodeCpu += (cpu.user + cpu.system) / 1e3;
    rep.childCpu += childCpuMs() - child0;
    rep.runs += shrinkAt >= 0 ? shrinkAt : result.runs;
    rep.deliveries += result.deliveries;
    if (shrinkAt >= 0 || result.counterexample !== null) {
      found.push(`seed ${spec.seed} chunk ${chunk.index}: ${result.counterexample?.verdict.violations.map((v) => v.property).join(', ') ?? 'a violation'} at run ${shrinkAt}`);
      break;
    }
  }
  return rep;
}

/** The third-party Python replica, every strategy, n = 4: `options.reps` campaigns of different seeds. */
export async function thirdPartySection(options: SuiteOptions): Promise<ThirdPartyFigures> {
  const runs = options.quick ? 12 : 40;
  const lanes = DEFAULT_SUBPROCESS_LANES;
  const spec = (seed: number): CampaignSpec => ({
    target: THIRD_PARTY_TARGET, adversaries: null, properties: null, beyondF: false, seed, runs, clusterSizes: [4],
    endWhenSettled: DEFAULT_END_WHEN_SETTLED,
  });
  const found: string[] = [];
  options.log(`third-party: hotstuff3.py, ${runs} runs × ${options.reps}, ${lanes} lane(s)`);
  await oneCampaign({ ...spec(100), runs: 4 }, lanes, found); // spawn, greet, warm the JIT
  const reps: Rep[] = [];
  try {
    for (let r = 0; r < options.reps; r++) reps.push(await oneCampaign(spec(r + 1), lanes, found));
  } finally {
    await closeAllChildren();
  }
  return {
    command: `byzcheck run --target bench/fixtures/third-party/hotstuff3.json --n 4 --runs ${runs} --workers 1 --seed 1..${options.reps}`,
    lanes,
    runsPerRep: summarize(reps.map((r) => r.runs)),
    wallRunsPerS: summarize(reps.map((r) => r.runs / r.wall)),
    nodeCpuMsPerRun: summarize(reps.map((r) => r.nodeCpu / r.runs)),
    childCpuMsPerRun: summarize(reps.map((r) => r.childCpu / r.runs)),
    usPerDeliveryWall: summarize(reps.map((r) => (r.wall * 1e6) / Math.max(1, r.deliveries))),
    counterexamples: found,
  };
}
