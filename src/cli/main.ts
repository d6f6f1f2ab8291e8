import { Command, CommanderError, Option } from 'commander';
import { OptionsError } from '../check/options-error.js';
// Commands are imported when chosen: each start loads only its own command's modules.
import type { RunCommandOptions } from './commands/run.js';
import type { SweepCommandOptions } from './commands/sweep.js';
import { EXIT, UsageError } from './errors.js';
import { withInterrupts } from './interrupt.js';
import { parseClusterSizes, parseCount, parseCrypto, parseDuration, parseSearch, parseSeed, parseShardOption } from './parse.js';
import { defaultTarget } from './targets.js';
import { collectTargetOption } from './target-option-flags.js';

const VERSION = '0.1.0';

/** Adds `run`: a campaign of generated scenarios against a target. */
function addRun(root: Command, setExit: (code: number) => void): void {
  root
    .command('run')
    .description('run a campaign of generated scenarios against a target; exit 1 with a shrunk counterexample on a violation')
    .option('-t, --target <name>', 'built-in target (see `byzcheck list`) or path of a module exporting a replica factory', defaultTarget())
    .option('-r, --runs <n>', 'number of generated scenarios', parseCount, 500)
    .option('-s, --seed <n>', 'campaign seed (default: random, printed)', parseSeed)
    .option('-p, --path <path>', "fast-check path of one case to replay (needs the campaign's --seed)")
    .option('--time-limit <duration>', 'wall-clock budget such as 30s or 2m; the best counterexample so far is kept', parseDuration)
    .option('-o, --out <dir>', 'reports folder; each run writes a new <target>-seed<S> folder in it (-2, -3, … when taken)', 'reports')
    .option('-a, --adversary <names>', "comma-separated adversaries to draw faulty replicas from (names, or paths of strategy modules such as ./my-strategy.ts), or 'none' (default: all built-in ones)")
    .option('--target-option <key=value>', "a target option (repeatable; the value is JSON when it parses, else a string), e.g. logWindow=2; recorded in the scenario", collectTargetOption)
    .option('--properties <names>', 'comma-separated properties to check (default: all)')
    .addOption(new Option('--beyond-f', 'allow more than f faulty replicas (safety may then fail: the expected result)'))
    .option('--exec <command>', 'test a replica in any language: a command speaking the subprocess protocol (docs/subprocess-protocol.md)')
    .option('--step-timeout <duration>', 'wall-clock limit per step of a subprocess replica (default 5s)', parseDuration)
    .option('-n, --n <sizes>', 'cluster sizes to draw from, e.g. 4,7 (default 4,7,10)', parseClusterSizes)
    .option('--crypto <provider>', "signatures: 'symbolic' (fast, default) or 'ed25519' (real keys, cached)", parseCrypto)
    .option('--search <mode>', "'random' (default): every scenario drawn afresh by fast-check; 'guided': keep scenarios that reached new behaviour and mutate them (experimental)", parseSearch)
    .option('-w, --workers <n>', 'worker threads (default: all cores, one per 2,000 runs); results are the same for any number', parseCount)
    .option('--lanes <k>', 'runs in flight at once per worker for a subprocess replica, each on its own child processes (default: one per core, at most 4; same results for any value)', parseCount)
    .option('--shard <i/N>', 'run only part i of N, 1-based like vitest: 1/4 … 4/4; combine with `byzcheck merge`', parseShardOption)
    .option('--stats', 'print how often each cluster size, strategy, fault and regime occurred')
    .option('--no-progress', 'no progress display')
    .action(async (opts: RunCommandOptions) => {
      const { runCommand } = await import('./commands/run.js');
      setExit(await withInterrupts('stopping the campaign and writing the reports of the runs done', (i) => runCommand(opts, i)));
    });
}

/** Adds `merge`: one summary and JUnit file from the shards' reports. */
function addMerge(root: Command, setExit: (code: number) => void): void {
  root
    .command('merge <dirs...>')
    .description('combine the reports of shards (`run --shard`) into one summary and JUnit file; exit 1 if any shard found a violation')
    .option('-o, --out <dir>', 'where the merged reports go (default: a new <target>-seed<S>-merged folder beside the first shard\'s, numbered if taken)')
    .action(async (dirs: string[], opts: { out?: string }) => setExit(await (await import('./commands/merge.js')).mergeCommand(dirs, opts)));
}

/** Adds `sweep`: seed 002's experiment in virtual time. */
function addSweep(root: Command, setExit: (code: number) => void): void {
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
    .option('--lanes <k>', 'trials in flight at once for a subprocess replica (default: one per core, at most 4; same result for any value)', parseCount)
    .option('-o, --out <dir>', 'reports folder (charts in <out>/sweep/<target>/)', 'reports')
    .action(async (opts: SweepCommandOptions) => {
      const { sweepCommand } = await import('./commands/sweep.js');
      setExit(await withInterrupts('stopping the sweep and printing the points completed', (i) => sweepCommand(opts, i)));
    });
}

/** Adds `replay`: rerun a counterexample with full tracing. */
function addReplay(root: Command, setExit: (code: number) => void): void {
  root
    .command('replay <file>')
    .description('rerun a counterexample.json (or a bare scenario file) with full tracing and compare trace hashes')
    .option('-t, --target <name>', 'target for a bare scenario file (counterexample files name their own)')
    .action(async (file: string, opts: { target?: string }) => setExit(await (await import('./commands/replay.js')).replayCommand(file, opts)));
}

/** Adds `list`: targets, adversaries and properties. */
function addList(root: Command, setExit: (code: number) => void): void {
  root
    .command('list')
    .description('list targets, adversaries and properties, each with its one-line description')
    .action(async () => setExit(await (await import('./commands/list.js')).listCommand()));
}

function program(setExit: (code: number) => void): Command {
  const root = new Command('byzcheck')
    .description('Byzantine fault-injection test harness for BFT consensus implementations')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  for (const add of [addRun, addMerge, addSweep, addReplay, addList]) add(root, setExit);
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

