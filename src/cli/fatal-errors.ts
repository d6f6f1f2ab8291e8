/**
 * The CLI's last line of defence: an error nothing else caught is byzcheck's own bug, exit 3 — never
 * Node's default exit 1, which means "violation found". A rejection of work a replica started and
 * never awaited is not such an error: it is claimed for that replica's run (a finding) first.
 */
import { claimRejection } from '../adapter/replica-async-context.js';
import { EXIT } from './errors.js';

function die(error: unknown): never {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`byzcheck: internal error (please report it): ${text}`);
  process.exit(EXIT.internal);
}

/** Installs the process-wide handlers of the byzcheck command (not of the library: a user's test runner owns its process). */
export function exitOnUncaughtErrors(): void {
  process.on('unhandledRejection', (reason, promise) => {
    if (!claimRejection(reason, promise)) die(reason);
  });
  process.on('uncaughtException', die);
}
