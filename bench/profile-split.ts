/**
 * Where a campaign's CPU profile went, three ways, from a `.cpuprofile` (bench/campaign-cpu.ts):
 *   npx tsx bench/profile-split.ts /tmp/prof/CPU.*.cpuprofile [--top 30]
 * 1. by area: self time per source directory (targets/pbft, src/sim, adversaries, GC, ...);
 * 2. by caller: inside the world's event loop, the first frame below the simulator that is not the
 *    simulator's (honest replica code, a strategy, the client) and whose code the time was spent in,
 *    so "the reference PBFT called by a strategy" is told apart from "called by the simulator";
 * 3. by concern: self time of named function groups (signing, verifying, vote counting, the event
 *    queue, ...), the figures a speed change is aimed at; a function counts in the first group it matches.
 * Shares are of samples, not of the time between them: on a loaded machine a descheduled process
 * takes its next sample late, and weighting by the gap would charge the wait to whatever ran then.
 */
import { readFileSync } from 'node:fs';

interface Frame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: Frame; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[] }

/** Function groups by name (and file), checked in order. */
const CONCERNS: readonly (readonly [string, RegExp])[] = [
  ['GC', /^\(garbage collector\)/],
  ['PBFT vote counting', /^(addVote|countMatching|countPrepares|countCommits|matchingVotes|slot|checkPrepared|checkCommitted|isPrepared|isCommittedLocal) targets\/pbft/],
  ['signature checks (text lookup + verify)', /^(verifyMessage|signingText|findText|cachedText|viewChangeText|newViewText|contextVerify|replicaVerify|verify|verifyClientRequest|requestSigningData) /],
  ['signing (seal + sign + text memo)', /^(seal|rememberText|textMemo|memoOf|isPrimitiveField|contextSign|replicaSign|sign|PbftCore\.sign) /],
  ['PBFT structural validation', /^(isPbftMessage|isArrayOf|isVote|isPrePrepare|isPreparedCert|isViewChange|isCheckpoint|isPrepare|isCommit|isClientRequest|hasEnvelope|isObj|isNat|isStr) targets\/pbft/],
  ['PBFT certificate checks', /^(isValidViewChange|isValidPreparedCert|certifiedDigest|validateNewView|isValidCommittedCert|otherSendersAbove|acceptsNewViewVote|maybeJoinViewChange) targets\/pbft/],
  ['PBFT codec structure (for strategies)', /targets\/pbft\/codec-structure/],
  ['sim event loop + queue', /^(loop|pop|push|release|allocate|pickReady|isStale|fired) .*src\/sim/],
  ['sim network', /^(send|enqueue|cut|watchSend|sent|roundOf|replicaBroadcast|replicaSend|tapeSays|choose|next|lose|dropLost) .*src\/sim/],
  ['sim replica calls', /^(call|invoke|enter|dispatch|mayAct|countMessages|countTimer) .*src\/sim/],
];

function area(frame: Frame): string {
  if (frame.functionName === '(garbage collector)') return 'GC';
  const m = /dist\/(targets\/[^/]+|src\/[^/.]+|adversaries|properties)/.exec(frame.url);
  if (m !== null) return m[1] as string;
  if (frame.url.includes('fast-check')) return 'fast-check';
  return frame.url === '' ? 'native / V8' : frame.url.startsWith('node:') ? 'node' : 'other';
}

const named = (f: Frame): string => `${f.functionName || '(anon)'} ${f.url.replace(/.*dist\//, '')}`;

function print(title: string, totals: Map<string, number>, all: number, top: number): void {
  console.log(`\n${title}`);
  for (const [key, t] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((100 * t) / all).toFixed(1).padStart(5)} %  ${key}`);
}

const file = process.argv[2];
if (file === undefined) {
  console.error('usage: bench/profile-split.ts <file.cpuprofile> [--top N]');
  process.exit(2);
}
const top = process.argv.includes('--top') ? Number(process.argv[process.argv.indexOf('--top') + 1]) : 30;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfTime = new Map<number, number>();
for (const id of profile.samples) selfTime.set(id, (selfTime.get(id) ?? 0) + 1);
let all = 0;
for (const t of selfTime.values()) all += t;

const byArea = new Map<string, number>();
const byCaller = new Map<string, number>();
const byConcern = new Map<string, number>();
const add = (m: Map<string, number>, k: string, t: number): void => void m.set(k, (m.get(k) ?? 0) + t);
for (const [id, t] of selfTime) {
  const chain: ProfileNode[] = [];
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) chain.unshift(byId.get(cur) as ProfileNode);
  const leaf = (chain[chain.length - 1] as ProfileNode).callFrame;
  add(byArea, area(leaf), t);
  const loop = chain.findIndex((n) => n.callFrame.functionName === 'loop' && n.callFrame.url.includes('src/sim/world'));
  if (loop < 0) add(byCaller, `outside the event loop: ${area(leaf)}`, t);
  else {
    const first = chain.slice(loop + 1).find((n) => area(n.callFrame) !== 'src/sim');
    add(byCaller, first === undefined ? 'event loop: the simulator itself' : `event loop > ${area(first.callFrame)}, spent in ${area(leaf)}`, t);
  }
  add(byConcern, CONCERNS.find(([, re]) => re.test(named(leaf)))?.[0] ?? '(other)', t);
}
console.log(`${file}: ${all} samples`);
print('by area (self time)', byArea, all, top);
print('by caller (inside the event loop: first non-simulator frame, then where the time was spent)', byCaller, all, top);
print('by concern (self time of named function groups)', byConcern, all, top);
