/**
 * Runs generated scenarios twice, to their limits and ended once settled (src/sim/settle-watch.ts),
 * alternating which goes first, and compares every property's verdict per run (the violations'
 * messages, property by property) and the CPU time each way:
 *   nice node --max-semi-space-size=64 --import tsx bench/settle-verdicts.ts [--scenarios 500] [--seed 1] [--n 4] [--targets pbft,modsmart,zoo]
 * `zoo` stands for every variant in targets/zoo. With --mutation-campaigns, the draws of the mutation
 * suite (test/mutation/pbft-campaign.mutation.ts: pbft, pbft-small-window, crash and silent only,
 * lone-certificate kind losses; n ∈ {4, 7}) instead, for a hand-applied mutant of targets/pbft.
 * Exit 1 when any verdict differs, naming the run.
 */
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { PROPERTIES } from '../properties/index.js';
import { runScenarioChecked, type RunContext } from '../src/check/run-scenario.js';
import { spaceFor } from '../src/check/space.js';
import { BUILTIN_REGISTRY } from '../src/cli/builtins.js';
import { selectAdversaries } from '../src/cli/selection.js';
import { loadTarget } from '../src/cli/targets.js';
import { scenarioArbitrary } from '../src/scenario/arbitrary.js';
import type { KindLossMode } from '../src/scenario/kind-loss-arbitrary.js';
import type { Scenario } from '../src/scenario/types.js';
import type { RunFacts } from '../src/sim/facts.js';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : (process.argv[i + 1] ?? fallback);
}

function verdict(facts: RunFacts): string {
  return PROPERTIES.map((p) => `${p.name}: ${p.check(facts).map((v) => v.message).join(' | ')}`).join('\n');
}

interface Tally { runs: number; equal: number; settled: number; cpu: [number, number]; deliveries: [number, number]; violating: number }

async function timed(scenario: Scenario, context: RunContext): Promise<{ facts: RunFacts; cpu: number }> {
  const c0 = process.cpuUsage();
  const { facts } = await runScenarioChecked(scenario, context);
  const c = process.cpuUsage(c0);
  return { facts, cpu: (c.user + c.system) / 1e6 };
}

interface Draw { readonly strategies?: readonly string[]; readonly honest?: boolean; readonly kindLosses?: KindLossMode }

async function compare(name: string, count: number, seed: number, ns: readonly number[] | undefined, tally: Tally, draw: Draw = {}): Promise<void> {
  const target = await loadTarget(name);
  const adversaries = draw.honest === true ? [] : selectAdversaries(draw.strategies, BUILTIN_REGISTRY);
  const space = { ...spaceFor(target, adversaries, false, ns, true), ...(draw.kindLosses === undefined ? {} : { kindLosses: draw.kindLosses }) };
  const full: RunContext = { target, adversaries: BUILTIN_REGISTRY.adversaries, properties: PROPERTIES };
  const cut: RunContext = { ...full, endWhenSettled: true };
  const differ: number[] = [];
  const before = { ...tally };
  for (const [i, scenario] of fc.sample(scenarioArbitrary(space), { seed, numRuns: count }).entries()) {
    const order = i % 2 === 0 ? [full, cut] : [cut, full];
    const [a, b] = [await timed(scenario, order[0] as RunContext), await timed(scenario, order[1] as RunContext)];
    const [f, c] = i % 2 === 0 ? [a, b] : [b, a];
    tally.runs++;
    tally.cpu[0] += f.cpu;
    tally.cpu[1] += c.cpu;
    tally.deliveries[0] += f.facts.deliveries;
    tally.deliveries[1] += c.facts.deliveries;
    if (c.facts.stopReason === 'settled') tally.settled++;
    const vf = verdict(f.facts);
    if (vf.split('\n').some((l) => !l.endsWith(': '))) tally.violating++;
    if (vf === verdict(c.facts)) tally.equal++;
    else {
      differ.push(i);
      console.log(`DIFFERENT ${name} scenario ${i} (seed ${seed}): full run\n${vf}\nsettled at ${c.facts.endTimeMs} ms:\n${verdict(c.facts)}\n${JSON.stringify(scenario)}`);
    }
  }
  const runs = tally.runs - before.runs;
  console.log(`${name.padEnd(45)} ${runs} runs, ${tally.settled - before.settled} settled, verdicts equal ${tally.equal - before.equal}/${runs}${differ.length > 0 ? ` (differ: ${differ.join(', ')})` : ''}`);
}

const count = Number(flag('--scenarios', '200'));
const seed = Number(flag('--seed', '1'));
const ns = process.argv.includes('--n') ? [Number(flag('--n', '4'))] : undefined;
const names = flag('--targets', 'pbft,pbft-small-window,modsmart,zoo').split(',').flatMap((t) =>
  t === 'zoo' ? readdirSync('targets/zoo').filter((d) => !d.includes('.')).map((d) => `zoo/${d}`) : [t]);
const tally: Tally = { runs: 0, equal: 0, settled: 0, cpu: [0, 0], deliveries: [0, 0], violating: 0 };
if (process.argv.includes('--mutation-campaigns')) {
  await compare('pbft', 200, 1, [4, 7], tally);
  await compare('pbft-small-window', 150, 2, [4, 7], tally);
  await compare('pbft', 150, 3, [4, 7], tally, { strategies: ['crash', 'silent'] });
  await compare('pbft', 60, 1, [4, 7], tally, { honest: true, kindLosses: 'lone-certificate' });
  await compare('pbft', 20, 8, [4, 7], tally, { honest: true, kindLosses: 'lone-certificate' });
} else for (const name of names) await compare(name, count, seed, ns, tally);
console.log(`all: ${tally.runs} runs (${tally.violating} with a violation in the full run), ${tally.settled} settled early, verdicts equal in ${tally.equal}; ` +
  `deliveries ${tally.deliveries[0]} → ${tally.deliveries[1]}; CPU s ${tally.cpu[0].toFixed(2)} → ${tally.cpu[1].toFixed(2)}: ${(tally.cpu[0] / tally.cpu[1]).toFixed(3)}× runs per CPU s (load ${(await import('node:os')).loadavg()[0]?.toFixed(1)})`);
process.exitCode = tally.equal === tally.runs ? 0 : 1;
