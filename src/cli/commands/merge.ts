import { basename, dirname, join, relative } from 'node:path';
import { readCampaignFile, writeCampaignFile, type CampaignFile } from '../../campaign/campaign-file.js';
import { mergeOutcomes, type CampaignOutcome } from '../../campaign/merge.js';
import { commandLine, describeCounterexample } from '../../report/summary-text.js';
import { claimReportDir } from '../../report/report-dir.js';
import { writeReports } from '../../report/write-reports.js';
import { EXIT, UsageError } from '../errors.js';
import { selectAdversaries, selectProperties } from '../selection.js';
import { loadTarget } from '../targets.js';
import { plural } from '../../report/plural.js';

function sameCampaign(a: CampaignFile, b: CampaignFile): boolean {
  return JSON.stringify(a.spec) === JSON.stringify(b.spec);
}

/** A new folder beside the first shard's: `<target>-seed<S>-merged` (numbered if taken), never an earlier merge. */
function mergedDir(firstShard: string): string {
  const trimmed = firstShard.replace(/\/+$/, '');
  return claimReportDir(dirname(trimmed), `${basename(trimmed).replace(/-shard\d+of\d+(-\d+)?$/, '')}-merged`);
}

/**
 * `byzcheck merge <dirs...>`: combines shard reports (each dir holds a campaign.json written by
 * `byzcheck run --shard i/N`) into one summary, JUnit file and counterexample — the same as if the
 * campaign had run unsharded. Exit 1 if a violation was found, 2 on mismatched or missing shards.
 */
export async function mergeCommand(dirs: readonly string[], options: { out?: string }): Promise<number> {
  const files: CampaignFile[] = [];
  for (const dir of dirs) {
    try {
      files.push(readCampaignFile(join(dir, 'campaign.json')));
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
  }
  const first = files[0];
  if (first === undefined) throw new UsageError('merge needs at least one report folder');
  const odd = files.findIndex((f) => !sameCampaign(f, first));
  if (odd >= 0) throw new UsageError(`${dirs[odd]} holds a different campaign (target, seed, runs, adversaries or properties differ) from ${dirs[0]}`);
  const count = first.shard?.count ?? 1;
  const present = new Set(files.map((f) => f.shard?.index ?? 0));
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !present.has(i)).map((i) => i + 1);
  let outcome: CampaignOutcome;
  try {
    outcome = mergeOutcomes(files);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const spec = first.spec;
  const target = await loadTarget(spec.target);
  const settings = {
    target: spec.target,
    // Names as the shards recorded them: a user's strategy module need not be loadable where shards are merged.
    adversaries: spec.adversaries ?? selectAdversaries(undefined).map((a) => a.name),
    properties: selectProperties(spec.properties ?? undefined).map((p) => p.name),
    beyondF: spec.beyondF,
    ...(spec.adversaryModules !== undefined ? { adversaryModules: spec.adversaryModules } : {}),
    ...(spec.targetOptions !== undefined ? { targetOptions: spec.targetOptions } : {}),
  };
  const out = options.out ?? mergedDir(dirs[0] as string);
  const shown = relative(process.cwd(), join(out, 'counterexample.json')) || join(out, 'counterexample.json');
  const seconds = Math.max(...files.map((f) => f.elapsedSeconds));
  // A shard stopped by a signal ran only part of its chunks: the merged campaign says so, like a missing shard.
  const stoppedShards = dirs.filter((_, i) => files[i]?.interruptedBy !== undefined);
  const interruptedBy = files.find((f) => f.interruptedBy !== undefined)?.interruptedBy;
  const by = interruptedBy === undefined ? {} : { interruptedBy };
  writeReports(out, { settings, result: outcome, seed: spec.seed, elapsedSeconds: seconds, codec: target.codec, reportPath: shown, ...by });
  writeCampaignFile(join(out, 'campaign.json'), spec, null, outcome, seconds, interruptedBy ?? null);
  console.log(`byzcheck merge: ${files.length} shard report${files.length === 1 ? '' : 's'} of target ${spec.target}, seed ${spec.seed} → ${out}`);
  if (missing.length > 0) console.log(`  WARNING: shards ${missing.join(', ')} of ${count} are missing: the merged campaign is incomplete`);
  if (stoppedShards.length > 0) console.log(`  WARNING: ${stoppedShards.join(', ')} ${stoppedShards.length === 1 ? 'was' : 'were'} interrupted by a signal: the merged campaign is incomplete`);
  const cx = outcome.counterexample;
  if (cx === null) {
    console.log(`✓ no violation in ${plural(outcome.runs, 'run')} (${plural(outcome.deliveries, 'delivery')})`);
    return missing.length > 0 || stoppedShards.length > 0 ? EXIT.usage : EXIT.ok;
  }
  for (const line of describeCounterexample(cx, shown)) console.log(line);
  console.log(`Replay: ${commandLine(['npx', 'byzcheck', 'replay', shown])}`);
  return EXIT.violation;
}
