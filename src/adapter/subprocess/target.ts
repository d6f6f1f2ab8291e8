/**
 * `subprocessTarget`: a replica in any language, run as a child process speaking the subprocess
 * protocol (docs/subprocess-protocol.md), as a byzcheck {@link Target}.
 */
import type { ClientOptions, Codec, Target } from '../contract.js';
import type { ChildOptions, Hosting } from './child.js';
import { splitCommand } from './command.js';
import { ProcessPool } from './pool.js';
import { subprocessReplica, type Pipelining } from './replica.js';

export type { Pipelining } from './replica.js';
export type { Hosting } from './child.js';

/** Default wall-clock budget of one step (and of the handshake). */
export const DEFAULT_STEP_TIMEOUT_MS = 5_000;
/** Default longest line accepted from a child: 1 MiB. */
export const DEFAULT_MAX_LINE_BYTES = 1 << 20;
/** How much of a child's recent stderr a finding quotes. */
export const DEFAULT_STDERR_KEEP_BYTES = 4_096;

/** How to run a replica as a child process. */
export interface SubprocessTargetOptions {
  /** CLI name of the target. */
  readonly name: string;
  /** One line: what the replica is. */
  readonly description?: string;
  /** Program and arguments, or one string split like a shell splits words (quotes only; no shell runs). */
  readonly command: string | readonly string[];
  /** Working directory of the child (default: byzcheck's). */
  readonly cwd?: string;
  /** Extra environment variables for the child. */
  readonly env?: Readonly<Record<string, string>>;
  /** Wall-clock ms per step before the child counts as hung (default 5 000). */
  readonly stepTimeoutMs?: number;
  /** Longest line the child may write, in bytes (default 1 MiB). */
  readonly maxLineBytes?: number;
  /** How much recent stderr a finding quotes, in bytes (default 4 KiB). */
  readonly stderrKeepBytes?: number;
  /** Liveness bound, as {@link Target.livenessBoundMs}. */
  readonly livenessBoundMs?: Target<unknown>['livenessBoundMs'];
  /** Timeliness bound, as {@link Target.timelinessBoundMs}. */
  readonly timelinessBoundMs?: Target<unknown>['timelinessBoundMs'];
  /** Protocol knowledge of the JSON payloads, as {@link Target.codec}. */
  readonly codec?: Codec<unknown>;
  /** Client behaviour, as {@link Target.client}. */
  readonly client?: Partial<ClientOptions>;
  /** Run bounds, as {@link Target.limits}. */
  readonly limits?: Target<unknown>['limits'];
  /**
   * How far ahead byzcheck writes events to a child speaking protocol 2 or newer (default
   * `'instant'`): `'instant'` gives every child its events of an instant as the instant starts, so
   * all children work at once; `'event'` writes a child's next deliveries only behind the event it
   * is handling; `'off'` writes one event per round trip. Traces are the same in every mode.
   */
  readonly pipelining?: Pipelining;
  /**
   * Whether one child hosts every replica of a run when it speaks protocol 4 (default `'shared'`):
   * one process and one pipe for a run instead of one per replica. `'own'` gives each replica a
   * child of its own. Traces are the same either way.
   */
  readonly hosting?: Hosting;
}

/** A subprocess target, plus a way to stop its processes early. */
export interface SubprocessTarget extends Target<unknown> {
  /** Kills this target's child processes (they are also killed when byzcheck exits). */
  close(): void;
  /**
   * Starts one child and completes the handshake, rejecting with the {@link SubprocessError} when
   * the command cannot run or does not speak the protocol; the child then serves the first run.
   */
  probe(): Promise<void>;
  /**
   * A sibling target with the same command and settings but its own process pool: runs on the two
   * may overlap in one thread (each pool serves one run at a time), which is how a sweep keeps
   * several children busy at once. Its processes die with {@link SubprocessTarget.close} of the sibling.
   */
  fork(): SubprocessTarget;
}

function childOptions(options: SubprocessTargetOptions): ChildOptions {
  return {
    argv: typeof options.command === 'string' ? splitCommand(options.command) : [...options.command],
    cwd: options.cwd,
    env: options.env,
    stepTimeoutMs: options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS,
    maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
    stderrKeepBytes: options.stderrKeepBytes ?? DEFAULT_STDERR_KEEP_BYTES,
    name: options.name,
    hosting: options.hosting,
  };
}

/** Builds a target whose replicas are child processes, one per replica slot, reused across runs. */
export function subprocessTarget(options: SubprocessTargetOptions): SubprocessTarget {
  return withPool(options, new ProcessPool(childOptions(options)));
}

/**
 * The target over `pool`. Forks share its memory of confirmed hangs: a hang one lane confirmed is
 * reported at once when the run is replayed on another (the same command hangs on the same events).
 */
function withPool(options: SubprocessTargetOptions, pool: ProcessPool): SubprocessTarget {
  return {
    name: options.name,
    description: options.description ?? `subprocess replica: ${typeof options.command === 'string' ? options.command : options.command.join(' ')}`,
    createReplica: (ctx) => subprocessReplica(ctx, pool.lease(ctx.config), options.pipelining),
    ...(options.codec !== undefined ? { codec: options.codec } : {}),
    ...(options.client !== undefined ? { client: options.client } : {}),
    ...(options.limits !== undefined ? { limits: options.limits } : {}),
    ...(options.livenessBoundMs !== undefined ? { livenessBoundMs: options.livenessBoundMs } : {}),
    ...(options.timelinessBoundMs !== undefined ? { timelinessBoundMs: options.timelinessBoundMs } : {}),
    close: () => pool.close(),
    probe: () => pool.probe(),
    fork: () => withPool(options, new ProcessPool(childOptions(options), pool.hangs)),
  };
}
