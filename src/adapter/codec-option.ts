/**
 * The harness-level target option `codec` (`--target-option codec=off`): runs a target as if it
 * had no codec, so strategies must work from what they see alone (signed-item discovery, JSON
 * shape) — a generality check for any target, without writing a codec-less copy of each. It is
 * the harness's, not the target's: it is taken out before the target's own schema sees the
 * options, and recorded in the scenario like any other, so a replay withholds the codec too.
 */
import type { Codec, Target } from './contract.js';

/** The option's name; targets cannot declare an option of this name (the harness takes it first). */
export const CODEC_OPTION = 'codec';

/** Its values: `on` (the default: the target's codec, if it has one) or `off` (withheld). */
const VALUES: readonly unknown[] = ['on', 'off'];

/** Options as given, by name (the shape target-options.ts records). */
type Given = Readonly<Record<string, unknown>>;

/** The problem with the given `codec` value, if any (for the options error that names every bad option). */
export function codecOptionProblem(given: Given | undefined): string | undefined {
  if (given === undefined || !(CODEC_OPTION in given)) return undefined;
  const value = given[CODEC_OPTION];
  return VALUES.includes(value) ? undefined : `target option '${CODEC_OPTION}': expected "on" or "off" (a harness option: withhold the target's codec), got ${JSON.stringify(value)}`;
}

/** The given options without the harness's own: what the target's schema judges. */
export function targetOwnOptions(given: Given): Given {
  if (!(CODEC_OPTION in given)) return given;
  const { [CODEC_OPTION]: _harness, ...own } = given;
  return own;
}

/** True when the given options withhold the target's codec. */
export function codecWithheld(given: Given | undefined): boolean {
  return given?.[CODEC_OPTION] === 'off';
}

/** The codec a run with these options may use: the target's, unless withheld. */
export function codecFor<M>(target: Target<M>, given: Given | undefined): Codec<M> | undefined {
  return codecWithheld(given) ? undefined : target.codec;
}

/**
 * The target without its codec, for code that holds a target object rather than options (tests,
 * benches): the same replicas, bounds and client, but strategies and the simulator see no codec.
 */
export function withoutCodec<M, O extends object>(target: Target<M, O>): Target<M, O> {
  const { codec: _withheld, ...rest } = target;
  return rest;
}
