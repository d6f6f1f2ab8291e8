import type { CheckResult } from '../check/driver.js';
import type { CampaignStats } from '../check/stats.js';
import type { CampaignSettings } from './counterexample-file.js';
import { fenced, markdownText, regimeSentence, violatedProperties } from './markdown.js';
import { notReproducedText } from './not-reproduced.js';
import { replayCommand } from './report-input.js';
import { describeScenario } from './summary-text.js';
import { plural } from './plural.js';

/** What the campaign summary is built from. */
export interface CampaignSummaryInput {
  readonly settings: CampaignSettings;
  readonly result: CheckResult;
  readonly seed: number;
  /** Wall-clock seconds the campaign took. */
  readonly elapsedSeconds: number;
  /** Path of counterexample.json as the replay command shows it. */
  readonly reportPath: string;
  /** The signal that stopped the campaign early, if one did. */
  readonly interruptedBy?: string;
}

/** A share of the runs as a percentage with one decimal (runs may be 0 when a campaign is cut short at once). */
function percent(count: number, runs: number): string {
  return runs === 0 ? '–' : `${((100 * count) / runs).toFixed(1)} %`;
}

/** A two-column count table, largest first and ties by name so the same stats always print the same. */
export function distributionTable(heading: string, counts: Record<string, number>, runs: number): string[] {
  const rows = Object.entries(counts).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
  if (rows.length === 0) return [`| ${heading} | runs | share |`, '| --- | ---: | ---: |', '| (none) | 0 | – |'];
  return [`| ${heading} | runs | share |`, '| --- | ---: | ---: |', ...rows.map(([k, v]) => `| ${markdownText(k)} | ${v} | ${percent(v, runs)} |`)];
}

/** Whether and why the campaign stopped early. */
function interruption(input: CampaignSummaryInput): string {
  if (input.interruptedBy !== undefined) return `yes: interrupted by ${markdownText(input.interruptedBy)} after ${input.result.runs} runs`;
  return input.result.interrupted ? 'yes: the time limit cut the campaign short' : 'no';
}

function overview(input: CampaignSummaryInput): string[] {
  const r = input.result;
  const speed = input.elapsedSeconds > 0 ? (r.runs / input.elapsedSeconds).toFixed(1) : '–';
  return [
    '| | |',
    '| --- | --- |',
    `| target | \`${markdownText(input.settings.target)}\` |`,
    `| seed | ${input.seed} |`,
    `| runs | ${r.runs} |`,
    `| wall time | ${input.elapsedSeconds.toFixed(1)} s |`,
    `| runs/s | ${speed} |`,
    `| deliveries | ${r.deliveries} |`,
    `| shrink steps | ${r.shrinks} |`,
    `| interrupted | ${interruption(input)} |`,
    ...(r.search === undefined ? [] : [`| search | guided: ${r.search.warmUp} warm-up runs drawn as random draws them, ${r.search.fresh} fresh draws, ${r.search.mutated} mutants of corpus entries; ${r.search.features} behaviour features, ${r.search.corpus} corpus entries (per chunk, summed) |`]),
    `| adversaries | ${markdownText(input.settings.adversaries.join(', ') || 'none')} |`,
    `| properties | ${markdownText(input.settings.properties.join(', '))} |`,
    `| beyond f allowed | ${input.settings.beyondF ? 'yes' : 'no'} |`,
  ];
}

function coverage(stats: CampaignStats, runs: number, guided: boolean): string[] {
  const lines = ['## What the runs covered', '', 'Faulty replicas count once each (a run with two equivocators counts two); a run with several network faults counts under each.', ''];
  // A guided campaign chose these shares itself (cluster size and strategy are arms of its schedule); a random one drew them.
  if (guided) lines.push('Guided search picked cluster sizes and strategies by recent novelty per event spent, small clusters first: these tables are its allocation.', '');
  lines.push(...distributionTable('cluster size', stats.clusterSizes, runs), '');
  lines.push(...distributionTable('adversary', stats.adversaries, runs), '');
  lines.push(...distributionTable('network fault', stats.faults, runs), '');
  lines.push(...distributionTable('regime', stats.regimes, runs));
  return lines;
}

function violations(input: CampaignSummaryInput): string[] {
  const cx = input.result.counterexample;
  if (cx === null) return ['## Violations', '', 'none'];
  const lines = ['## Violations', '', `Properties violated: ${violatedProperties(cx.verdict.violations).map(markdownText).join(', ')} (first at run ${cx.failedAtRun}, shrunk in ${plural(cx.shrinks, 'step')} to ${plural(cx.events, 'event')}).`, ''];
  if (cx.shrinkCutShort === true) lines.push(`Shrinking was cut short${input.interruptedBy !== undefined ? ` by ${markdownText(input.interruptedBy)}` : ' by the time limit'}: this is the smallest counterexample found so far, a smaller one may exist.`, '');
  for (const v of cx.verdict.violations) lines.push(`- **${markdownText(v.property)}**: ${markdownText(v.message)}`);
  for (const line of notReproducedText(cx)) lines.push('', `> **Warning:** ${markdownText(line)}`);
  lines.push('', `**Scenario:** ${markdownText(describeScenario(cx.scenario))}`, '', regimeSentence(cx), '');
  lines.push('Details: `counterexample.md` (with a diagram) and `counterexample.html` (an interactive timeline) beside this file.', '');
  lines.push(fenced(replayCommand(input.reportPath), 'sh'));
  return lines;
}

/** The Markdown summary of a whole campaign (summary.md): settings, speed, coverage tables, and the violations or "none". */
export function campaignSummary(input: CampaignSummaryInput): string {
  const found = input.result.counterexample === null ? 'no violation' : 'violation found';
  const verdict = input.interruptedBy === undefined ? found : `${found} (interrupted by ${markdownText(input.interruptedBy)} after ${input.result.runs} runs)`;
  const lines = [
    `# byzcheck campaign: ${markdownText(input.settings.target)}, seed ${input.seed}: ${verdict}`,
    '',
    ...overview(input),
    '',
    ...coverage(input.result.stats, input.result.runs, input.result.search !== undefined),
    '',
    ...violations(input),
  ];
  return `${lines.join('\n')}\n`;
}
