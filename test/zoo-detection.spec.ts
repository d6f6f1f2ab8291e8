import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCampaign } from '../src/campaign/pool.js';
import { DEFAULT_SEARCH, type CampaignSpec } from '../src/campaign/spec.js';
import { PACKAGE_ROOT } from '../src/cli/targets.js';
import type { ZooBug } from '../targets/zoo/kit.js';

/** The campaign bench/detect runs for a bug: the default selection and search (every strategy, n ∈ {4, 7}), judged by the property the bug should break. */
function campaign(target: string, expected: string, seed: number, runs: number): CampaignSpec {
  return { target, adversaries: null, properties: [expected], beyondF: false, seed, runs, clusterSizes: [4, 7], search: DEFAULT_SEARCH };
}

async function expectedOf(bug: string): Promise<string> {
  const module = (await import(join(PACKAGE_ROOT, 'targets', 'zoo', bug, 'index.ts'))) as { bug: ZooBug };
  return module.bug.expected;
}

// The PBFT zoo variants byzcheck finds with the property each is expected to break, pinned from a
// fixed seed within a fixed number of runs (bench/detect measured the runs; targets/zoo/README.md
// has the full table, misses and their analysis included). Re-pinned when forged-certificate joined
// the strategies (19), and again when rival-leader did (20 now): one more arm re-deals every guided
// campaign's draws; each re-pin is the first seed (of 1–8) that finds the bug within its budget,
// except three that no seed of 1–8 found within it: signatures-not-verified (was 10 runs; none
// within 10, 30 or 100, seed 1 within 300), pre-prepare-from-any-replica (was 30; seed 1 within
// 90) and second-pre-prepare-accepted (was 80; seed 1 within 240). Mod-SMaRt's are in modsmart-zoo.spec.ts.
// Every bug uses the default selection and search: prepare-quorum-off-by-one, signatures-not-verified,
// commit-on-f-plus-1 and second-pre-prepare-accepted were re-pinned when their narrower selections
// (double dealer or split decision only, bench/detect-selections.ts) were retired.
const FOUND: readonly { bug: string; seed: number; runs: number }[] = [
  { bug: 'client-signature-not-verified', seed: 1, runs: 15 },
  { bug: 'client-accepts-first-reply', seed: 8, runs: 25 },
  { bug: 'new-primary-ignores-prepared', seed: 3, runs: 20 },
  { bug: 'no-join-on-f-plus-1', seed: 5, runs: 20 },
  { bug: 'duplicate-executed-twice', seed: 2, runs: 150 },
  { bug: 'prepare-quorum-off-by-one', seed: 1, runs: 400 },
  { bug: 'votes-per-message', seed: 3, runs: 400 },
  { bug: 'signatures-not-verified', seed: 1, runs: 300 },
  { bug: 'execute-out-of-order', seed: 1, runs: 5 },
  { bug: 'commit-on-f-plus-1', seed: 7, runs: 200 },
  { bug: 'new-view-without-proofs', seed: 1, runs: 300 },
  { bug: 'second-pre-prepare-accepted', seed: 1, runs: 240 },
  { bug: 'prepares-ignore-digest', seed: 2, runs: 120 },
  { bug: 'view-change-timer-not-restarted', seed: 2, runs: 300 },
  // Found since the slot squatter (a backup proposing out of turn) joined the strategies.
  { bug: 'pre-prepare-from-any-replica', seed: 1, runs: 90 },
  // Certificate bugs (issue 19): found since forged-certificate joined the strategies (split
  // decision's forgetful NEW-VIEW finds it too).
  { bug: 'new-view-votes-not-verified', seed: 1, runs: 300 },
  // Found since forged-certificate's equivocating leader (a rival backed by its voters' PREPAREs,
  // repeated, in the forger's VIEW-CHANGE); one run of seed 3 (the 442nd) breaks both. Re-pinned
  // from seed 1 (run 462) when the forger's first-proposal split took half its equivocating draws:
  // seed 1 now needs 1,210 and 874 runs.
  { bug: 'prepared-counts-pre-prepare', seed: 2, runs: 500 },
  { bug: 'certificate-duplicate-signer', seed: 2, runs: 500 },
  // Found since forged-certificate's older-views plan (a later leader's NEW-VIEW of the same signers'
  // genuinely signed VIEW-CHANGEs for an older view); bench/detect's seed 4 found it at run 225.
  { bug: 'new-view-accepts-old-view-changes', seed: 5, runs: 300 },
];

describe('the bug zoo', () => {
  it.each(FOUND)('zoo/$bug is found from seed $seed within $runs runs, breaking its expected property', async ({ bug, seed, runs }) => {
    const expected = await expectedOf(bug);
    const outcome = await runCampaign(campaign(`zoo/${bug}`, expected, seed, runs), { workers: 1 });
    expect(outcome.counterexample?.verdict.violations.map((v) => v.property)).toContain(expected);
    expect(outcome.counterexample?.verdict.regime).toBe('within-f');
    expect(outcome.counterexample?.reproducible).toBe(true);
  }, 180_000);

  it.each(FOUND)('the reference PBFT passes the campaign that finds zoo/$bug (no false alarm)', async ({ bug, seed, runs }) => {
    const outcome = await runCampaign({ ...campaign('pbft', await expectedOf(bug), seed, runs), properties: null }, { workers: 1 });
    expect(outcome.counterexample?.verdict ?? null).toBeNull();
  }, 180_000);
});
