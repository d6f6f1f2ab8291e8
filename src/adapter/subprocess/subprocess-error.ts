/**
 * What a misbehaving child replica becomes: a {@link SubprocessError} finding whose message is the
 * same in every process (it enters traces), with the process-dependent diagnostics kept apart.
 */

/** What a {@link SubprocessError} carries besides its deterministic message. */
export interface SubprocessErrorInfo {
  /** What differs between processes and runs (the child's pid, its recent stderr): shown to people, never traced. */
  readonly detail?: string | undefined;
  /** True when the child did not answer within the wall-clock step timeout. */
  readonly hang?: boolean | undefined;
}

/**
 * A child replica misbehaved (died, hung, garbled its output, reported an error): a finding about
 * it. The message enters traces and trace hashes, so it holds only what the same events reproduce
 * in any process; the pid and stderr travel in `detail`, which the World keeps out of the trace.
 */
export class SubprocessError extends Error {
  override readonly name = 'SubprocessError';
  /** Process- and timing-dependent diagnostics (pid, stderr excerpt), for the human report only. */
  readonly detail: string | undefined;
  /** The child did not answer in time: the one verdict judged by the wall clock. */
  readonly hang: boolean;

  constructor(message: string, info: SubprocessErrorInfo = {}) {
    super(message);
    this.detail = info.detail;
    this.hang = info.hang === true;
  }
}

/** The child answered a step with an `error` line: it stays usable; the run reports the finding. */
export class ChildReportedError extends Error {
  override readonly name = 'ChildReportedError';
}
