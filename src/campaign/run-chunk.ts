import type { Target } from '../adapter/contract.js';
import { ed25519Crypto } from '../crypto/ed25519.js';
import { check, type CheckProgress, type CheckResult } from '../check/driver.js';
import { spaceFor } from '../check/space.js';
import { loadRecordedModule, registryWith } from '../cli/adversary-modules.js';
import { BUILTIN_REGISTRY } from '../cli/builtins.js';
import { malformedSendsChosen, selectAdversaries, selectProperties } from '../cli/selection.js';
import type { Registry } from '../registry.js';
import { loadTarget } from '../cli/targets.js';
import { laneTargets } from '../adapter/subprocess/lanes.js';
import type { Chunk } from './chunks.js';
import type { CampaignSpec } from './spec.js';

/** The outcome of one chunk: plain data, so it can come back from a worker thread or another machine. */
export interface ChunkResult extends CheckResult {
  /** The chunk's position in its campaign. */
  readonly index: number;
  /** The chunk's fast-check seed. */
  readonly seed: number;
}

const targets = new Map<string, Promise<Target<unknown>>>();

/** Loads a target once per thread: module imports are cached anyway, the validation need not repeat. */
function cachedTarget(spec: CampaignSpec): Promise<Target<unknown>> {
  let loaded = targets.get(spec.target);
  if (loaded === undefined) targets.set(spec.target, (loaded = loadTarget(spec.target, spec.stepTimeoutMs === undefined ? {} : { stepTimeoutMs: spec.stepTimeoutMs })));
  return loaded;
}

const laneSets = new Map<Target<unknown>, Target<unknown>[]>();

/**
 * The lanes of a target in this thread (the target, then forks), made once and grown on demand, so
 * every chunk reuses the same child processes. An in-process target has one lane.
 */
function cachedLanes(target: Target<unknown>, lanes: number): readonly Target<unknown>[] {
  let set = laneSets.get(target);
  if (set === undefined || set.length < lanes) laneSets.set(target, (set = laneTargets(target, lanes)));
  return set.slice(0, Math.max(1, lanes));
}

const registries = new Map<string, Promise<Registry>>();

/** The registry of a campaign, once per thread: the built-in one plus the spec's strategy modules, each checked against its recorded hash. */
function cachedRegistry(spec: CampaignSpec): Promise<Registry> {
  const modules = spec.adversaryModules ?? [];
  if (modules.length === 0) return Promise.resolve(BUILTIN_REGISTRY);
  const key = JSON.stringify(modules);
  let loaded = registries.get(key);
  if (loaded === undefined) {
    const retry = `npx byzcheck run --target ${spec.target} --seed ${spec.seed}`;
    registries.set(key, (loaded = Promise.all(modules.map((m) => loadRecordedModule(m, 'this campaign', retry))).then(registryWith)));
  }
  return loaded;
}

/** How to run one chunk (none of it changes what the chunk finds, except a `path`). */
export interface ChunkOptions {
  readonly timeLimitMs?: number;
  /** Runs exactly this fast-check case. */
  readonly path?: string;
  readonly onProgress?: (p: CheckProgress) => void;
  readonly signal?: AbortSignal;
  /** Runs in flight at once on a subprocess target (see {@link laneTargets}); 1 for in-process targets. */
  readonly lanes?: number;
}

/** Runs one chunk of a campaign: a fast-check run of `chunk.runs` scenarios from `chunk.seed`. */
export async function runChunk(
  spec: CampaignSpec,
  chunk: Chunk,
  options: ChunkOptions = {},
): Promise<ChunkResult> {
  const started = performance.now();
  const target = await cachedTarget(spec);
  const registry = await cachedRegistry(spec);
  // Loading the target (a module, a child's build and handshake) spends the same budget: a slow
  // load under load took seconds, and the campaign then overran its limit by that much.
  const timeLimitMs = options.timeLimitMs === undefined ? undefined : options.timeLimitMs - (performance.now() - started);
  const adversaries = selectAdversaries(spec.adversaries ?? undefined, registry);
  const properties = selectProperties(spec.properties ?? undefined, registry);
  const result = await check({
    target,
    adversaries: registry.adversaries,
    space: { ...spaceFor(target, adversaries, spec.beyondF, spec.clusterSizes, properties.some((p) => p.name === 'liveness'), spec.targetOptions), malformedSends: malformedSendsChosen(spec.adversaries) },
    ...(spec.crypto === 'ed25519' ? { crypto: ed25519Crypto } : {}),
    properties,
    runs: chunk.runs,
    seed: chunk.seed,
    ...(spec.search === 'guided' ? { search: 'guided' as const } : {}),
    ...(spec.endWhenSettled === true ? { endWhenSettled: true } : {}),
    ...(options.lanes !== undefined && options.lanes > 1 ? { lanes: cachedLanes(target, options.lanes) } : {}),
    ...(options.path !== undefined ? { path: options.path } : {}),
    ...(timeLimitMs !== undefined ? { timeLimitMs: Math.max(1, timeLimitMs) } : {}),
    ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
  });
  return { index: chunk.index, seed: chunk.seed, ...result };
}
