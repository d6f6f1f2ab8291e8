/** Exit codes of the CLI. */
export const EXIT = Object.freeze({ ok: 0, violation: 1, usage: 2, internal: 3 });

/** A mistake in the command line or an input file: reported plainly, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
