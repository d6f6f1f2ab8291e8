import { InvalidArgumentError } from 'commander';
import { parseShard, type Shard } from '../campaign/chunks.js';

const UNITS: Readonly<Record<string, number>> = Object.freeze({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 });

/** Parses a duration such as `500ms`, `30s`, `2m`, `1h` (a bare number means seconds) into milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (match === null) throw new InvalidArgumentError(`'${text}' is not a duration; use e.g. 500ms, 30s, 2m, 1h`);
  const ms = Number(match[1]) * (UNITS[match[2] ?? 's'] as number);
  if (ms <= 0) throw new InvalidArgumentError(`duration must be positive, got '${text}'`);
  return ms;
}

/** Parses a positive integer count. */
export function parseCount(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidArgumentError(`'${text}' is not a positive integer`);
  }
  return value;
}

/** Parses a campaign seed: an integer that fits fast-check's 32-bit seed. */
export function parseSeed(text: string): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < -(2 ** 31) || value >= 2 ** 32) {
    throw new InvalidArgumentError(`'${text}' is not a seed (an integer between -2147483648 and 4294967295)`);
  }
  return value;
}

/** Splits a comma-separated list of names, dropping blanks. */
export function parseList(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Parses `--shard i/N` for commander. */
export function parseShardOption(text: string): Shard {
  try {
    return parseShard(text);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
}

/** Parses `--n 4,7`: cluster sizes of at least 1 replica. */
export function parseClusterSizes(text: string): number[] {
  const sizes = parseList(text).map(Number);
  if (sizes.length === 0 || sizes.some((n) => !Number.isSafeInteger(n) || n < 1 || n > 1000)) {
    throw new InvalidArgumentError(`'${text}' is not a list of cluster sizes, e.g. 4,7,10`);
  }
  return sizes;
}

/** `--search`: how a campaign picks its scenarios. */
export function parseSearch(text: string): 'random' | 'guided' {
  if (text !== 'random' && text !== 'guided') throw new InvalidArgumentError(`unknown search '${text}'; valid: guided, random`);
  return text;
}

/** Parses `--crypto symbolic|ed25519`. */
export function parseCrypto(text: string): 'symbolic' | 'ed25519' {
  if (text !== 'symbolic' && text !== 'ed25519') throw new InvalidArgumentError(`unknown crypto provider '${text}'; valid: symbolic, ed25519`);
  return text;
}
