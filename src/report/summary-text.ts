import { faultsTolerated } from '../adapter/contract.js';
import type { Counterexample } from '../check/driver.js';
import type { CampaignStats } from '../check/stats.js';
import type { Verdict } from '../check/verdict.js';
import type { Violation } from '../property.js';
import { malformedEntry } from '../malformed-payload.js';
import type { MalformedSend, Scenario } from '../scenario/types.js';
import type { RunFacts } from '../sim/facts.js';
import { notReproducedSuffix, notReproducedText } from './not-reproduced.js';
import { noun, plural } from './plural.js';

/** Quotes a shell argument only when it needs it. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A command line from words, quoted for a POSIX shell. */
export function commandLine(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}

/** One line describing a scenario's shape. */
export function describeScenario(s: Scenario): string {
  const f = faultsTolerated(s.n);
  const regime = s.byzantine.length > f ? 'beyond f' : 'within f';
  const faulty = s.byzantine.length === 0 ? 'none' : s.byzantine.map((b) => `${b.node}=${b.adversary}${malformedText(b.malformed)}`).join(', ');
  const plural = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  const extras: string[] = [];
  if ((s.network.duplicatePercent ?? 0) > 0) extras.push(`duplicate ${s.network.duplicatePercent}%`);
  if ((s.network.partitions ?? []).length > 0) extras.push(plural((s.network.partitions ?? []).length, 'partition'));
  if ((s.network.roundPartitions ?? []).length > 0) extras.push(plural((s.network.roundPartitions ?? []).length, 'round partition'));
  if ((s.network.kindLosses ?? []).length > 0) extras.push(plural((s.network.kindLosses ?? []).length, 'lost message kind'));
  // Named losses are the minimiser's: the traffic the violation did not need, so the run is short.
  if ((s.network.lost ?? []).length > 0) extras.push(`${plural((s.network.lost ?? []).length, 'message')} lost`);
  const tape = `tape ${s.tape.length} ${s.tape.length === 1 ? 'entry' : 'entries'}`;
  return [`n=${s.n} (f=${f}, ${regime})`, plural(s.clients, 'client'), plural(s.requests.length, 'request'), `faulty: ${faulty}`, `GST ${s.gstMs} ms`, `drop ${s.network.dropPercent}%`, ...extras, tape].join(', ');
}

/** The evidence line of a violation. */
function evidence(v: Violation): string {
  const parts: string[] = [];
  if (v.nodes.length > 0) parts.push(`nodes ${v.nodes.join(', ')}`);
  if (v.seqs.length > 0) parts.push(`seq ${v.seqs.join(', ')}`);
  if (v.steps.length > 0) parts.push(`trace steps ${v.steps.join(', ')}`);
  return parts.join(' · ');
}

/** How many violations of one property the summary spells out; the report file has them all. */
const SHOWN_PER_PROPERTY = 2;

/** The violations of a verdict, one paragraph each (at most two per property). */
export function describeVerdict(verdict: Verdict): string[] {
  const lines: string[] = [];
  const counts = new Map<string, number>();
  for (const v of verdict.violations) counts.set(v.property, (counts.get(v.property) ?? 0) + 1);
  const shown = new Map<string, number>();
  for (const v of verdict.violations) {
    const k = (shown.get(v.property) ?? 0) + 1;
    shown.set(v.property, k);
    if (k > SHOWN_PER_PROPERTY) continue;
    lines.push(`  ${v.property}: ${v.message}`);
    lines.push(`    evidence: ${evidence(v)}`);
    const total = counts.get(v.property) ?? 0;
    if (k === SHOWN_PER_PROPERTY && total > k) lines.push(`  … and ${total - k} more ${v.property} violation${total - k === 1 ? '' : 's'} (see the report)`);
  }
  if (verdict.regime === 'beyond-f') lines.push('  (more than f faulty replicas: a safety violation here is the expected result, showing the bound is tight)');
  return lines;
}

/**
 * What the failing replicas' processes said (pid, stderr): shown to people only, since it differs
 * from process to process and so never enters the verdict or the trace.
 */
export function describeReplicaDetails(facts: Pick<RunFacts, 'replicaErrors'>): string[] {
  const lines: string[] = [];
  for (const e of facts.replicaErrors) {
    if (e.detail === undefined) continue;
    const [first = '', ...rest] = e.detail.split('\n');
    lines.push(`    replica ${e.replica}'s process: ${first}`, ...rest.map((line) => `      ${line}`));
  }
  return lines;
}

/** The short human summary of a counterexample; the caller prints the replay command last. */
export function describeCounterexample(cx: Counterexample, reportPath: string): string[] {
  const lines = [
    `✗ violation found at run ${cx.failedAtRun}${notReproducedSuffix(cx)}; shrunk in ${plural(cx.shrinks, 'step')} to ${plural(cx.events, 'event')}`,
    ...describeVerdict(cx.verdict),
    ...describeReplicaDetails(cx.facts),
    `  scenario: ${describeScenario(cx.scenario)}`,
    `  trace hash: ${cx.traceHash}`,
    `  report: ${reportPath}`,
  ];
  for (const line of notReproducedText(cx)) lines.push(`  WARNING: ${line}`);
  return lines;
}

/** `--stats`: how often each cluster size, strategy, fault and regime occurred, as aligned text tables. */
export function describeStats(stats: CampaignStats, runs: number): string[] {
  const lines: string[] = [];
  const table = (title: string, counts: Record<string, number>, per: string): void => {
    const rows = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    lines.push(`  ${title}:`);
    if (rows.length === 0) lines.push('    (none)');
    const width = Math.max(0, ...rows.map(([k]) => k.length));
    for (const [key, count] of rows) {
      const share = runs > 0 ? ` (${((100 * count) / runs).toFixed(1)}% of runs)` : '';
      lines.push(`    ${key.padEnd(width)}  ${String(count).padStart(6)} ${share === '' ? noun(count, per) : noun(count, per).padEnd(per.length + 1)}${share}`);
    }
  };
  table('cluster sizes', stats.clusterSizes, 'run');
  table('faulty replicas by strategy', stats.adversaries, 'node');
  table('network faults', stats.faults, 'run');
  table('regimes', stats.regimes, 'run');
  return lines;
}

/** A faulty replica's malformed sends, as the scenario line names them: ` with malformed message 3 (field-null)`. */
function malformedText(sends: readonly MalformedSend[] | undefined): string {
  if (sends === undefined || sends.length === 0) return '';
  const one = (m: MalformedSend): string => `${m.at}${m.every > 0 ? ` (and every ${m.every} after)` : ''} ${malformedEntry(m.kind).kind}`;
  return ` with malformed message${sends.length === 1 ? '' : 's'} ${sends.map(one).join('; ')}`;
}
