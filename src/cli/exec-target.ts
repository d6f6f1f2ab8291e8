/**
 * `byzcheck run --exec "<command>"`: any program speaking the subprocess protocol as the target.
 * The command is split into words like a POSIX shell splits them for quoting (single and double
 * quotes, backslash escapes) and run directly, without a shell, so the replica is byzcheck's own
 * child and is killed exactly; pipes, `&&`, variables and globs are refused (use a script).
 */
import { SubprocessError } from '../adapter/subprocess/child.js';
import { CommandSyntaxError, splitCommand } from '../adapter/subprocess/command.js';
import { subprocessTarget, type SubprocessTarget, type SubprocessTargetOptions } from '../adapter/subprocess/target.js';
import { UsageError } from './errors.js';

/** Options `--exec` may pass along (from `--step-timeout` and friends, when the CLI offers them). */
export type ExecOptions = Partial<Pick<SubprocessTargetOptions, 'stepTimeoutMs' | 'maxLineBytes' | 'livenessBoundMs' | 'cwd'>>;

/** The target for `--exec "<command>"`; a command that cannot be split is a usage error. */
export function execTarget(command: string, options: ExecOptions = {}): SubprocessTarget {
  let argv: string[];
  try {
    argv = splitCommand(command);
  } catch (error) {
    if (error instanceof CommandSyntaxError) throw new UsageError(`--exec ${JSON.stringify(command)}: ${error.message}`);
    throw error;
  }
  return subprocessTarget({ name: `exec:${command}`, description: `subprocess replica: ${command}`, command: argv, ...options });
}

/** Why a program could not be started, from the spawn error's code in the message. */
function startFailure(program: string, message: string): string | null {
  if (message.includes('ENOENT')) return `cannot start '${program}': no such program (not a file, and not found on PATH; byzcheck runs the command without a shell)`;
  if (message.includes('EACCES')) return `cannot start '${program}': permission denied (is it executable?)`;
  return null;
}

/**
 * The `--exec` target, after a handshake with one child: a program that is missing or does not
 * speak the protocol is a setup error (exit 2) reported before the campaign starts, not a finding.
 */
export async function startExecTarget(command: string, options: ExecOptions = {}): Promise<SubprocessTarget> {
  const target = execTarget(command, options);
  try {
    await target.probe();
  } catch (error) {
    target.close();
    if (!(error instanceof SubprocessError)) throw error;
    const program = splitCommand(command)[0] as string;
    const why = startFailure(program, error.message)
      ?? `the program started but failed the subprocess protocol handshake: ${error.message.replace(/^subprocess replica '[^']*': /, '')} (${error.detail ?? 'no detail'}); see docs/subprocess-protocol.md, Lifecycle`;
    throw new UsageError(`--exec ${JSON.stringify(command)}: ${why}`);
  }
  return target;
}
