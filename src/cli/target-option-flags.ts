/** `--target-option key=value` (repeatable): parsing the flags, and validating them against a target at the door (exit 2). */
import { InvalidArgumentError } from 'commander';
import type { Target } from '../adapter/contract.js';
import { resolveTargetOptions, TargetOptionsError, type GivenTargetOptions } from '../adapter/target-options.js';
import { UsageError } from './errors.js';

/** A value as typed: JSON when it parses (`2`, `true`, `[1,2]`, `"x"`), else the text itself. */
function optionValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Commander's collector for `--target-option key=value`: adds one option to those before it. */
export function collectTargetOption(text: string, previous: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  const at = text.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(`'${text}' is not key=value, e.g. --target-option logWindow=2`);
  return { ...previous, [text.slice(0, at).trim()]: optionValue(text.slice(at + 1)) };
}

/** `key=value` words for a regenerate command, in the order given. */
export function targetOptionWords(given: GivenTargetOptions | undefined): string[] {
  return Object.entries(given ?? {}).flatMap(([key, value]) => ['--target-option', `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`]);
}

/** Validates the given options against the target: a UsageError (exit 2) naming each bad option and what it expects. */
export function checkTargetOptions(target: Target<unknown>, given: GivenTargetOptions | undefined, where = '--target-option'): void {
  try {
    resolveTargetOptions(target, given);
  } catch (error) {
    if (error instanceof TargetOptionsError) throw new UsageError(`bad ${where} for target ${target.name}:\n${error.problems.map((p) => `  ${p}`).join('\n')}`);
    throw error;
  }
}
