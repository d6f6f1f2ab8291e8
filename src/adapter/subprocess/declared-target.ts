/**
 * A subprocess target declared in a `target.json` (docs/target-json.md): the file is read and
 * validated against the zod schema, its bounds compiled from their formulas, its codec from its
 * JSON paths, and the result handed to {@link subprocessTarget}.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Target } from '../contract.js';
import { boundFunction } from '../declared/bound-formula.js';
import { declaredCodec } from '../declared/codec.js';
import { LIVENESS_VARIABLES, TIMELINESS_VARIABLES, targetFileProblems, targetFileSchema, type TargetFile } from '../declared/target-file.js';
import { subprocessTarget, type SubprocessTarget, type SubprocessTargetOptions } from './target.js';

/** A target.json that cannot be read or is not valid; `problems` names each bad field. */
export class TargetFileError extends Error {
  override readonly name = 'TargetFileError';
  constructor(readonly file: string, readonly problems: readonly string[]) {
    super(`${file} is not a valid target.json:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** Reads and validates a target.json; throws {@link TargetFileError} naming every bad field. */
export function readTargetFile(file: string): TargetFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new TargetFileError(file, [`cannot read it: ${error instanceof Error ? error.message : String(error)}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TargetFileError(file, [`not JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const parsed = targetFileSchema.safeParse(json);
  if (!parsed.success) throw new TargetFileError(file, targetFileProblems(parsed.error));
  return parsed.data;
}

/** Bounds as the contract wants them, compiled from the file's numbers or formulas. */
function bounds(spec: TargetFile): Pick<SubprocessTargetOptions, 'livenessBoundMs' | 'timelinessBoundMs'> {
  const out: { livenessBoundMs?: Target<unknown>['livenessBoundMs']; timelinessBoundMs?: Target<unknown>['timelinessBoundMs'] } = {};
  if (spec.livenessBoundMs !== undefined) {
    const bound = boundFunction(spec.livenessBoundMs, LIVENESS_VARIABLES);
    out.livenessBoundMs = ({ n, f }) => bound({ n, f });
  }
  if (spec.timelinessBoundMs !== undefined) {
    const bound = boundFunction(spec.timelinessBoundMs, TIMELINESS_VARIABLES);
    out.timelinessBoundMs = ({ n, f, clients, delayMsMax }) => {
      const ms = bound({ n, f, clients, delayMsMax });
      return Number.isFinite(ms) ? ms : undefined;
    };
  }
  return out;
}

/**
 * Builds the target a target.json declares. `name` is how campaigns, reports and replays name it
 * (the path as the user gave it); `overrides` are command-line settings that win over the file's.
 */
export function declaredTarget(file: string, name: string = file, overrides: Partial<Pick<SubprocessTargetOptions, 'stepTimeoutMs' | 'maxLineBytes'>> = {}): SubprocessTarget & Pick<Target<unknown>, 'clusterSizes'> {
  const spec = readTargetFile(file);
  const folder = dirname(resolve(file));
  const target = subprocessTarget({
    name,
    description: spec.description ?? `declared subprocess replica: ${spec.command.join(' ')}`,
    command: spec.command,
    cwd: resolve(folder, spec.cwd ?? '.'),
    ...(spec.env !== undefined ? { env: spec.env } : {}),
    ...(spec.stepTimeoutMs !== undefined ? { stepTimeoutMs: spec.stepTimeoutMs } : {}),
    ...(spec.maxLineBytes !== undefined ? { maxLineBytes: spec.maxLineBytes } : {}),
    ...overrides,
    ...bounds(spec),
    ...(spec.codec !== undefined ? { codec: declaredCodec(spec.codec) } : {}),
    ...(spec.client !== undefined ? { client: spec.client } : {}),
    ...(spec.limits !== undefined ? { limits: spec.limits } : {}),
  });
  return spec.clusterSizes === undefined ? target : { ...target, clusterSizes: spec.clusterSizes };
}
