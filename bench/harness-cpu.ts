/**
 * PBFT n = 4, 10 requests, no faults, through the harness as the goal row "harness vs bare loop"
 * measures it, for a CPU profile (bench/profile-split.ts reads it):
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/harness-cpu.ts [runs = 20000]
 */
import { pbftContext, runBatch } from './sections/pbft-scenario.js';

const runs = Number(process.argv[2] ?? 20_000);
const context = pbftContext();
runBatch({ n: 4, requests: 10 }, context, 500, 1);
const cpu = process.cpuUsage();
const b = runBatch({ n: 4, requests: 10 }, context, runs, 2_000_000);
const used = process.cpuUsage(cpu);
console.log(`${runs} runs, ${b.deliveries} deliveries, ${(((used.user + used.system) / b.deliveries)).toFixed(3)} CPU µs/delivery`);
