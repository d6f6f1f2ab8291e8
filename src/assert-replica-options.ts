import { z } from 'zod';
import { parseOptions } from './check/options-error.js';

/** What each option of `assertReplica()` must be, in words. */
const EXPECTED: Readonly<Record<string, string>> = {
  target: 'a built-in target name or the path of a module exporting a replica factory (a non-empty string)',
  runs: 'a positive integer',
  seed: 'a non-negative integer',
  adversary: "a comma-separated list of adversary names and strategy module paths, or 'none' (a string)",
  targetOptions: "an object of the target's options, e.g. { logWindow: 2 }",
  properties: 'a comma-separated list of property names (a string)',
  beyondF: 'a boolean',
  out: 'a folder path (a non-empty string)',
  n: 'an array of cluster sizes (integers 1..1000), e.g. [4, 7]',
  crypto: "'symbolic' or 'ed25519'",
  workers: 'a positive integer',
  search: "'guided' or 'random'",
  timeLimit: 'a positive number of milliseconds',
};

const schema = z
  .object({
    target: z.string().min(1),
    runs: z.number().int().min(1).optional(),
    seed: z.number().int().min(0).optional(),
    adversary: z.string().optional(),
    targetOptions: z.record(z.string(), z.unknown()).optional(),
    properties: z.string().optional(),
    beyondF: z.boolean().optional(),
    out: z.string().min(1).optional(),
    n: z.array(z.number().int().min(1).max(1000)).min(1).optional(),
    crypto: z.enum(['symbolic', 'ed25519']).optional(),
    workers: z.number().int().min(1).optional(),
    search: z.enum(['random', 'guided']).optional(),
    timeLimit: z.number().positive().optional(),
  })
  .strict();

/** Checks the arguments of `assertReplica()` (target and options); throws an OptionsError naming each bad field. */
export function validateAssertReplicaOptions(target: unknown, options: unknown): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    parseOptions('assertReplica', z.object({ options: z.object({}) }), { options }, { options: 'an object' });
  }
  parseOptions('assertReplica', schema, { target, ...(options as object) }, EXPECTED);
}
