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
  // Compiled (dist/) or run from the sources through tsx: the path below the checkout either way.
  const m = frame.url.includes('node_modules') ? null : /\/(?:dist\/)?(targets\/[^/]+|src\/[^/.]+|adversaries|properties|bench)\//.exec(frame.url);
  if (m !== null) return m[1] as string;
  if (frame.url.includes('fast-check')) return 'fast-check';
  return frame.url === '' ? 'native / V8' : frame.url.startsWith('node:') ? 'node' : 'other';
}

const named = (f: Frame): string => `${f.functionName || '(anon)'} ${f.url.replace(/.*dist\//, '').replace(/^file:\/\/\/work\/[^/]+\//, '')}`;

/** Issue 22's split (HELPER-BRIEF task 2), by the leaf frame's file and name, checked in order. */
const BRIEF: readonly (readonly [string, (f: Frame, name: string) => boolean])[] = [
  ['GC', (f) => f.functionName === '(garbage collector)'],
  ['subprocess pipe / JSON', (f, n) => /src\/adapter\/subprocess\//.test(f.url) || (f.url === '' && /^(parse|stringify|JSON)/.test(f.functionName)) || /^node:(internal\/(streams|child_process|net|stream_base|pipe|buffer)|net|stream|child_process|buffer|string_decoder)/.test(f.url) || /^(writeUtf8String|readableAddChunk|onStreamRead|writeGeneric|handleWriteReq)/.test(n)],
  ['signing / verify', (f, n) => /src\/crypto\//.test(f.url) || /^(sign|verify|seal|signingText|verifyMessage|contextSign|contextVerify|replicaSign|replicaVerify|findText|cachedText|rememberText|textMemo|memoOf|requestSigningData|verifyClientRequest)\b/.test(n) || /signature-book/.test(f.url)],
  ['properties / fact recorder / judging', (f) => /\/(properties\/|src\/sim\/(facts|recorder|trace|view-watch)\.|src\/check\/|src\/property\.|src\/judging-memo|src\/report\/)/.test(f.url)],
  ['adversary (strategies, kit, discovery)', (f) => /\/(adversaries\/|src\/(strategy-kit|mutate-json|nested-mutation|one-voice-proof|own-lists|adversary)\.|src\/adapter\/(discovery|field-guess|field-inference|message-roles|payload-shape|structural-roles|blocks)\.)/.test(f.url)],
  ['target code (replica under test)', (f) => /\/targets\//.test(f.url)],
  ['delivery / copy (network, tape, payload text)', (f) => /src\/sim\/(network|tape|payload-text|lost-messages|link-filter|kind-loss|lookahead)\./.test(f.url) || (f.url === '' && /^(structuredClone|slice|concat)/.test(f.functionName))],
  ['harness sim loop (world, queue, timers, calls, client)', (f) => /src\/(sim|client|adapter)\//.test(f.url)],
  ['scenario generation (fast-check, space)', (f) => f.url.includes('fast-check') || /src\/(scenario|campaign)\//.test(f.url)],
  ['idle / program / native other', () => true],
];

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
const byBrief = new Map<string, number>();
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
  const idle = leaf.functionName === '(idle)' || leaf.functionName === '(program)';
  add(byBrief, idle ? `(${leaf.functionName.slice(1, -1)}: waiting / V8 outside JS)` : (BRIEF.find(([, is]) => is(leaf, named(leaf)))?.[0] ?? '?'), t);
}
console.log(`${file}: ${all} samples`);
print('by area (self time)', byArea, all, top);
print('by caller (inside the event loop: first non-simulator frame, then where the time was spent)', byCaller, all, top);
print('by concern (self time of named function groups)', byConcern, all, top);
print("issue 22's split (self time by the leaf frame)", byBrief, all, top);
