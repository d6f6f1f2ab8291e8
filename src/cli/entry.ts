/** The process entry point of the byzcheck command: runs the CLI and sets the exit code. */
import { tuneGarbageCollection } from '../campaign/gc-tuning.js';
import { exitOnUncaughtErrors } from './fatal-errors.js';
import { main } from './main.js';

tuneGarbageCollection();
exitOnUncaughtErrors();

// `byzcheck run | head` closes stdout early; that is the reader's choice, not an error to crash on.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
