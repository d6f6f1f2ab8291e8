/**
 * `byzcheck run --exec "<command>"`: any program speaking the subprocess protocol as the target.
 * The command is split into words like a POSIX shell splits them for quoting (single and double
 * quotes, backslash escapes) and run directly, without a shell, so the replica is byzcheck's own
 * child and is killed exactly; pipes, `&&`, variables and globs are refused (use a script).
 */
import type { Target } from '../adapter/contract.js';
import { CommandSyntaxError, splitCommand } from '../adapter/subprocess/command.js';
import { subprocessTarget, type SubprocessTargetOptions } from '../adapter/subprocess/target.js';
import { UsageError } from './errors.js';

/** Options `--exec` may pass along (from `--step-timeout` and friends, when the CLI offers them). */
export type ExecOptions = Partial<Pick<SubprocessTargetOptions, 'stepTimeoutMs' | 'maxLineBytes' | 'livenessBoundMs' | 'cwd'>>;

/** The target for `--exec "<command>"`; a command that cannot be split is a usage error. */
export function execTarget(command: string, options: ExecOptions = {}): Target<unknown> {
  let argv: string[];
  try {
    argv = splitCommand(command);
  } catch (error) {
    if (error instanceof CommandSyntaxError) throw new UsageError(`--exec ${JSON.stringify(command)}: ${error.message}`);
    throw error;
  }
  return subprocessTarget({ name: `exec:${command}`, description: `subprocess replica: ${command}`, command: argv, ...options });
}
