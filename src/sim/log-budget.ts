/**
 * How much of a replica's logging a traced run keeps. Logs go only into the trace, but a replica
 * that logs megabytes per event (a debug dump of its state on every message) filled the heap of a
 * traced run — a determinism sample or the replay of a counterexample — and byzcheck died of it
 * (exit 134, no report). Past the budget the trace keeps a note, so what it holds stays deterministic.
 */

/** Longest log line the trace keeps, in characters; a longer one is cut and says by how much. */
export const LOG_LINE_MAX_CHARS = 4_096;

/** Log characters one run's trace keeps in all (about 16 MB); after them a single note says the rest was dropped. */
export const LOG_RUN_MAX_CHARS = 8 * 1024 * 1024;

/** The log budget of one run. */
export class LogBudget {
  private spent = 0;
  private noted = false;

  /** The text the trace keeps of one log line, or undefined once the run's budget is spent and said so. */
  admit(message: string): string | undefined {
    if (this.noted) return undefined;
    const line = message.length <= LOG_LINE_MAX_CHARS ? message : `${message.slice(0, LOG_LINE_MAX_CHARS)}… (${message.length - LOG_LINE_MAX_CHARS} more characters cut)`;
    this.spent += line.length;
    if (this.spent <= LOG_RUN_MAX_CHARS) return line;
    this.noted = true;
    return `(this run logged over ${LOG_RUN_MAX_CHARS} characters: the trace keeps no more of its logs)`;
  }
}
