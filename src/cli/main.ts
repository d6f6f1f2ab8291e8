import { Command, CommanderError, Option } from 'commander';
import { OptionsError } from '../check/options-error.js';
import { listCommand } from './commands/list.js';
import { mergeCommand } from './commands/merge.js';
import { replayCommand } from './commands/replay.js';
import { runCommand, type RunCommandOptions } from './commands/run.js';
import { sweepCommand, type SweepCommandOptions } from './commands/sweep.js';
import { EXIT, UsageError } from './errors.js';
import { parseClusterSizes, parseCount, parseCrypto, parseDuration, parseSeed, parseShardOption } from './parse.js';
import { defaultTarget } from './targets.js';

const VERSION = '0.1.0';

function program(setExit: (code: number) => void): Command {
  const root = new Command('byzcheck')
    .description('Byzantine fault-injection test harness for BFT consensus implementations')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  root
    .command('run')
    .description('run a campaign of generated scenarios against a target; exit 1 with a shrunk counterexample on a violation')
    .option('-t, --target <name>', 'built-in target (see `byzcheck list`) or path of a module exporting a replica factory', defaultTarget())
    .option('-r, --runs <n>', 'number of generated scenarios', parseCount, 500)
    .option('-s, --seed <n>', 'campaign seed (default: random, printed)', parseSeed)
    .option('-p, --path <path>', "fast-check path of one case to replay (needs the campaign's --seed)")
    .option('--time-limit <duration>', 'wall-clock budget such as 30s or 2m; the best counterexample so far is kept', parseDuration)
    .option('-o, --out <dir>', 'reports folder', 'reports')
    .option('-a, --adversary <names>', "comma-separated adversaries to draw faulty replicas from, or 'none' (default: all)")
    .option('--properties <names>', 'comma-separated properties to check (default: all)')
    .addOption(new Option('--beyond-f', 'allow more than f faulty replicas (safety may then fail: the expected result)'))
    .option('--exec <command>', 'test a replica in any language: a command speaking the subprocess protocol (docs/subprocess-protocol.md)')
    .option('--step-timeout <duration>', 'wall-clock limit per step of a subprocess replica (default 5s)', parseDuration)
    .option('-n, --n <sizes>', 'cluster sizes to draw from, e.g. 4,7 (default 4,7,10)', parseClusterSizes)
    .option('--crypto <provider>', "signatures: 'symbolic' (fast, default) or 'ed25519' (real keys, cached)", parseCrypto)
    .option('-w, --workers <n>', 'worker threads (default: all cores, one per 2,000 runs); results are the same for any number', parseCount)
    .option('--shard <i/N>', 'run only part i of N (0-based, e.g. $JOB_COMPLETION_INDEX/4); combine with `byzcheck merge`', parseShardOption)
    .option('--stats', 'print how often each cluster size, strategy, fault and regime occurred')
    .option('--no-progress', 'no progress display')
    .action(async (opts: RunCommandOptions) => setExit(await runCommand(opts)));
  root
    .command('merge <dirs...>')
    .description('combine the reports of shards (`run --shard`) into one summary and JUnit file; exit 1 if any shard found a violation')
    .option('-o, --out <dir>', 'where the merged reports go (default: <first dir>-merged)')
    .action(async (dirs: string[], opts: { out?: string }) => setExit(await mergeCommand(dirs, opts)));
  root
    .command('sweep')
    .description("seed 002's experiment in virtual time: success rate and consensus latency vs malicious replicas; prints a table, writes SVG charts")
    .option('-t, --target <name>', 'built-in target or module path', 'seed002')
    .option('--exec <command>', 'a subprocess replica instead of a target')
    .option('-n, --n <n>', 'cluster size', parseCount, 10)
    .option('-m, --malicious <range>', 'malicious replica counts: 0..10, 0,2,4 or one number', '0..10')
    .option('--trials <n>', 'trials per point', parseCount, 5)
    .option('-s, --seed <n>', 'sweep seed', parseSeed, 11)
    .option('--timeout-ms <ms>', "virtual ms per trial (the seed's timeout_s)", parseCount, 2000)
    .option('-a, --adversary <name>', 'strategy of the malicious replicas', 'seed002-faulty')
    .option('-o, --out <dir>', 'reports folder (charts in <out>/sweep/<target>/)', 'reports')
    .action(async (opts: SweepCommandOptions) => setExit(await sweepCommand(opts)));
  root
    .command('replay <file>')
    .description('rerun a counterexample.json (or a bare scenario file) with full tracing and compare trace hashes')
    .option('-t, --target <name>', 'target for a bare scenario file (counterexample files name their own)')
    .action(async (file: string, opts: { target?: string }) => setExit(await replayCommand(file, opts)));
  root
    .command('list')
    .description('list targets, adversaries and properties')
    .action(() => setExit(listCommand()));
  return root;
}

/** Runs the CLI with the given arguments (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let code: number = EXIT.ok;
  try {
    await program((c) => (code = c)).parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError || error instanceof OptionsError) {
      console.error(`byzcheck: ${error.message}`);
      return EXIT.usage;
    }
    console.error(`byzcheck: internal error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT.internal;
  }
}

