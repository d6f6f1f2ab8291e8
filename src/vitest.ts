/**
 * byzcheck inside a test suite: `await assertReplica('path/to/replica.ts')` runs a campaign and, on a
 * violation, throws an error holding the shrunk counterexample's summary and the replay command.
 */
import { validateAssertReplicaOptions } from './assert-replica-options.js';
import { runAssertCampaign, type AssertCampaignOptions } from './campaign/assert-campaign.js';
import type { CheckResult } from './check/driver.js';

/** Options of {@link assertReplica}, named like `byzcheck run`'s flags; all optional. */
export type AssertReplicaOptions = AssertCampaignOptions;

/** The error thrown for a violation: its message is the summary, ending with the replay command. */
export class ByzcheckViolation extends Error {
  override readonly name = 'ByzcheckViolation';

  /** Keeps the whole campaign result for tests that want to inspect it. */
  constructor(message: string, readonly result: CheckResult) {
    super(message);
  }
}

/**
 * Runs the byzcheck campaign `byzcheck run --target <target> --seed S --runs R` runs (same seed, same
 * scenarios, same first counterexample) against a target — a built-in name or the path of a module exporting a
 * replica factory (so the replay command can find it again) — and throws {@link ByzcheckViolation}
 * with the shrunk counterexample when a property fails. Resolves to the campaign result otherwise.
 */
export async function assertReplica(target: string, options: AssertReplicaOptions = {}): Promise<CheckResult> {
  validateAssertReplicaOptions(target, options);
  const { outcome, violation } = await runAssertCampaign(target, options);
  if (violation !== null) throw new ByzcheckViolation(violation.lines.join('\n'), outcome);
  return outcome;
}

export { OptionsError } from './check/options-error.js';
