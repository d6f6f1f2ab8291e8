import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Codec } from '../adapter/contract.js';
import type { CheckResult } from '../check/driver.js';
import { campaignSummary } from './campaign-summary.js';
import { counterexampleFile, type CampaignSettings } from './counterexample-file.js';
import { counterexampleHtml } from './html.js';
import { junitXml } from './junit.js';
import { counterexampleMarkdown } from './markdown.js';
import type { CounterexampleReport } from './report-input.js';

/** Everything the reports of one campaign are built from. */
export interface ReportsInput {
  /** How the campaign was configured (target, adversaries, properties, beyond-f). */
  readonly settings: CampaignSettings;
  /** The campaign's outcome, with its counterexample if one was found. */
  readonly result: CheckResult;
  /** The campaign's fast-check seed. */
  readonly seed: number;
  /** Wall-clock seconds the campaign took (for summary.md and junit.xml only). */
  readonly elapsedSeconds: number;
  /** The target's codec, if any: labels message arrows with type/view/seq. */
  readonly codec?: Codec<unknown> | undefined;
  /** How replay commands should name counterexample.json (usually relative to the working directory). */
  readonly reportPath: string;
  /** The signal (SIGINT, SIGTERM) that stopped the campaign early, if one did. */
  readonly interruptedBy?: string;
}

/** Paths of the files written, by report. */
export interface WrittenReports {
  readonly summary: string;
  readonly junit: string;
  /** Present only when the campaign found a counterexample. */
  readonly counterexample?: { readonly json: string; readonly markdown: string; readonly html: string };
}

/** Per-counterexample files: a rerun that finds no violation deletes them, so a stale counterexample is never left next to a passing summary. */
const COUNTEREXAMPLE_FILES = Object.freeze({ json: 'counterexample.json', markdown: 'counterexample.md', html: 'counterexample.html' });

function writeCounterexample(dir: string, report: CounterexampleReport): NonNullable<WrittenReports['counterexample']> {
  const paths = {
    json: join(dir, COUNTEREXAMPLE_FILES.json),
    markdown: join(dir, COUNTEREXAMPLE_FILES.markdown),
    html: join(dir, COUNTEREXAMPLE_FILES.html),
  };
  writeFileSync(paths.json, `${JSON.stringify(counterexampleFile(report.settings, report.counterexample), null, 1)}\n`);
  writeFileSync(paths.markdown, counterexampleMarkdown(report));
  writeFileSync(paths.html, counterexampleHtml(report));
  return paths;
}

/**
 * Writes a campaign's reports into `dir` (created if needed): summary.md and junit.xml always, and
 * counterexample.json/.md/.html when a violation was found. Returns the paths written.
 */
export function writeReports(dir: string, input: ReportsInput): WrittenReports {
  mkdirSync(dir, { recursive: true });
  const summary = join(dir, 'summary.md');
  const junit = join(dir, 'junit.xml');
  writeFileSync(summary, campaignSummary(input));
  writeFileSync(junit, junitXml(input));
  const cx = input.result.counterexample;
  if (cx === null) {
    for (const name of Object.values(COUNTEREXAMPLE_FILES)) rmSync(join(dir, name), { force: true });
    return { summary, junit };
  }
  const report: CounterexampleReport = { settings: input.settings, counterexample: cx, reportPath: input.reportPath, codec: input.codec };
  return { summary, junit, counterexample: writeCounterexample(dir, report) };
}
