import type { Codec } from '../adapter/contract.js';
import type { Counterexample } from '../check/driver.js';
import type { CampaignSettings } from './counterexample-file.js';
import { commandLine } from './summary-text.js';

/** What the per-counterexample reports (Markdown, HTML) are built from. */
export interface CounterexampleReport {
  /** How the campaign was configured. */
  readonly settings: CampaignSettings;
  /** The shrunk, traced counterexample. */
  readonly counterexample: Counterexample;
  /** Path of counterexample.json as the replay command should show it (usually relative to the working directory). */
  readonly reportPath: string;
  /** The target's codec, when it has one: labels message arrows with type/view/seq. */
  readonly codec?: Codec<unknown> | undefined;
}

/** The command that replays a counterexample file. */
export function replayCommand(reportPath: string): string {
  return commandLine(['npx', 'byzcheck', 'replay', reportPath]);
}
