/**
 * How fast byzcheck shows PBFT's f bound is tight: with f + 1 Byzantine replicas (n = 4, two faulty,
 * equivocating primary and a colluder) against the correct reference PBFT, the wall time and runs
 * until the first agreement violation, and the shrunk size, for seeds 1–5. Prints figures; asserts nothing.
 *
 *   npx tsx bench/beyond-f.ts [--seeds 5] [--runs 500]
 */
import { ADVERSARIES } from '../adversaries/index.js';
import { equivocatingPrimary } from '../adversaries/equivocating-primary.js';
import { twins } from '../adversaries/twins.js';
import { agreement } from '../properties/agreement.js';
import { replicaContract } from '../properties/replica-contract.js';
import type { AnyAdversary } from '../src/adversary.js';
import { check } from '../src/check/driver.js';
import { spaceFor } from '../src/check/space.js';
import pbft from '../targets/pbft/index.js';
import { median } from './stats.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const seeds = arg('seeds', 5);
const runs = arg('runs', 500);
const all = new Map(ADVERSARIES.map((a) => [a.name, a]));

async function measure(label: string, strategies: readonly AnyAdversary[]): Promise<void> {
  const times: number[] = [];
  const found: string[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const started = performance.now();
    const result = await check({ target: pbft, adversaries: all, space: { ...spaceFor(pbft, strategies, true), ns: [4] }, properties: [agreement, replicaContract], runs, seed });
    const ms = performance.now() - started;
    const cx = result.counterexample;
    if (cx !== null) times.push(ms);
    found.push(cx === null ? `seed ${seed}: not found in ${runs} runs (${(ms / 1000).toFixed(1)} s)` : `seed ${seed}: run ${cx.failedAtRun}, ${(ms / 1000).toFixed(2)} s incl. shrinking, ${cx.events} events, ${cx.scenario.byzantine.length} faulty`);
  }
  console.log(`\n${label}: found in ${times.length}/${seeds} seeds; median time to find and shrink ${(median(times) / 1000).toFixed(2)} s`);
  for (const line of found) console.log(`  ${line}`);
}

console.log('PBFT with f + 1 Byzantine replicas (n = 4, beyond f), property: agreement');
await measure('equivocating primary (coalition)', [equivocatingPrimary]);
await measure('twins', [twins]);
await measure('every strategy', ADVERSARIES);
