/**
 * A target's options: the values given (recorded in the scenario, as JSON) validated by the
 * target's schema into the values its factory and bounds receive. Pure: the edges turn a
 * {@link TargetOptionsError} into exit 2 or an OptionsError.
 */
import { codecOptionProblem, targetOwnOptions } from './codec-option.js';
import type { Target, TargetOptionValues } from './contract.js';

/** Option values as given and recorded: JSON, by option name. */
export type GivenTargetOptions = Readonly<Record<string, unknown>>;

/** Options that the target rejects; `problems` name each option and what it expects. */
export class TargetOptionsError extends Error {
  override readonly name = 'TargetOptionsError';

  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/** What each target resolves `{}` to (its defaults), and each given object to: runs of a campaign share one given object. */
const resolvedDefaults = new WeakMap<object, TargetOptionValues>();
const resolvedGiven = new WeakMap<object, { readonly target: object; readonly value: TargetOptionValues }>();

/** The option names a target declares, for error messages. */
function declared(target: Target<unknown>): string {
  const schema = target.options as { shape?: Record<string, unknown> } | undefined;
  const names = schema?.shape === undefined ? [] : Object.keys(schema.shape);
  return names.length === 0 ? '' : `; valid options: ${names.join(', ')}`;
}

function validate(target: Target<unknown>, allGiven: GivenTargetOptions): TargetOptionValues {
  // The harness's own option (`codec`) is judged here, never by the target's schema.
  const harnessProblem = codecOptionProblem(allGiven);
  if (harnessProblem !== undefined) throw new TargetOptionsError([harnessProblem]);
  const given = targetOwnOptions(allGiven);
  const schema = target.options;
  if (schema === undefined) {
    const names = Object.keys(given);
    if (names.length === 0) return {};
    throw new TargetOptionsError(names.map((name) => `target option '${name}': target ${target.name} declares no options`));
  }
  const parsed = schema.safeParse(given);
  if (parsed.success) return parsed.data;
  throw new TargetOptionsError(
    parsed.error.issues.flatMap((issue) => {
      if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `target option '${key}': ${target.name} has no such option${declared(target)}`);
      const name = issue.path.map(String).join('.') || '(options)';
      const got = issue.path.length === 0 ? undefined : (given as Record<string, unknown>)[String(issue.path[0])];
      return [`target option '${name}': ${issue.message}${got === undefined ? '' : `, got ${JSON.stringify(got)}`}`];
    }),
  );
}

/**
 * The options a target's factory and bounds receive for the given values (none given: its
 * defaults). Throws {@link TargetOptionsError} naming each bad option. Cached per given object, so
 * a campaign validates once, not once per run.
 */
export function resolveTargetOptions(target: Target<unknown>, given: GivenTargetOptions | undefined): TargetOptionValues {
  if (given === undefined) {
    let value = resolvedDefaults.get(target);
    if (value === undefined) resolvedDefaults.set(target, (value = validate(target, {})));
    return value;
  }
  const cached = resolvedGiven.get(given);
  if (cached !== undefined && cached.target === target) return cached.value;
  const value = validate(target, given);
  resolvedGiven.set(given, { target, value });
  return value;
}

/** The given options worth recording: none at all is recorded as nothing, so older scenario files stay identical. */
export function recordedTargetOptions(given: GivenTargetOptions | undefined): GivenTargetOptions | undefined {
  return given === undefined || Object.keys(given).length === 0 ? undefined : given;
}
