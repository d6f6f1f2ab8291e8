import { z } from 'zod';
import { parseOptions } from './options-error.js';

const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function');
const hasFunction = (key: string) => (v: unknown): boolean => typeof v === 'object' && v !== null && typeof (v as Record<string, unknown>)[key] === 'function';

/** What each option of `check()` must be, in words. */
const EXPECTED: Readonly<Record<string, string>> = {
  target: 'a Target (an object with name and createReplica)',
  adversaries: 'a Map of name → Adversary',
  crypto: 'a signature provider factory (a function)',
  properties: 'an array of Property objects (name and check)',
  space: 'a ScenarioSpace (ns, adversaries, beyondF, limits, operations, tapeMaxLength)',
  runs: 'a positive integer',
  seed: 'an integer',
  path: "a fast-check path string such as '3:1:0'",
  timeLimitMs: 'a positive number of milliseconds',
  onProgress: 'a function',
  determinism: 'a boolean',
  signal: 'an AbortSignal',
  search: "'random' or 'guided'",
  lanes: 'an array of Targets (the target itself, then forks of it)',
  endWhenSettled: 'a boolean',
};

const checkOptionsSchema = z
  .object({
    target: z.custom((v) => hasFunction('createReplica')(v) && typeof (v as { name?: unknown }).name === 'string'),
    adversaries: z.custom((v) => v instanceof Map && [...(v as Map<unknown, unknown>)].every(([k, a]) => typeof k === 'string' && hasFunction('enact')(a))),
    crypto: fn.optional(),
    properties: z.array(z.custom((v) => hasFunction('check')(v) && typeof (v as { name?: unknown }).name === 'string')),
    space: z.custom((v) => typeof v === 'object' && v !== null && Array.isArray((v as { ns?: unknown }).ns) && Array.isArray((v as { adversaries?: unknown }).adversaries)),
    runs: z.number().int().min(1),
    seed: z.number().int(),
    path: z.string().regex(/^\d+(:\d+)*$/).optional(),
    timeLimitMs: z.number().positive().optional(),
    onProgress: fn.optional(),
    determinism: z.boolean().optional(),
    signal: z.instanceof(AbortSignal).optional(),
    search: z.enum(['random', 'guided']).optional(),
    lanes: z.array(z.custom((v) => hasFunction('createReplica')(v))).optional(),
    endWhenSettled: z.boolean().optional(),
  })
  .strict();

/**
 * Checks the options of `check()` at the door: a wrong type would otherwise throw inside every run
 * (or worse, be read as "no violation"). Throws an OptionsError naming each bad field.
 */
export function validateCheckOptions(options: unknown): void {
  parseOptions('check', checkOptionsSchema, options, EXPECTED);
}
