import type { AnyAdversary } from '../../adversary.js';
import { plannedPartitions } from '../../scenario/arbitrary.js';
import type { ByzantinePlan, MalformedSend, PartitionPlan, Scenario } from '../../scenario/types.js';
import type { Minimiser } from './minimiser.js';
import { settling } from './schedule.js';

type Path = readonly (string | number)[];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every leaf (boolean, number, string) of a JSON value, with its path. */
function leaves(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((v: unknown, i) => leaves(v, [...path, i]));
  // Keys in the order the value has them: that order is part of the scenario, so the walk is deterministic.
  if (isRecord(value)) return Object.keys(value).flatMap((k) => leaves(value[k], [...path, k]));
  return [{ path, value }];
}

/** A copy of `value` with the leaf at `path` replaced. */
function setAt(value: unknown, path: Path, leaf: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return leaf;
  if (Array.isArray(value) && typeof head === 'number') return value.map((v: unknown, i) => (i === head ? setAt(v, rest, leaf) : v));
  if (isRecord(value) && typeof head === 'string') return { ...value, [head]: setAt(value[head], rest, leaf) };
  return value;
}

/** The values an enum accepts, read from a zod schema along `path` (objects by `shape`, arrays by `element`); none if it says nothing. */
function enumOptions(schema: unknown, path: Path): readonly string[] {
  let at: unknown = schema;
  for (const key of path) {
    if (!isRecord(at)) return [];
    at = typeof key === 'string' ? (isRecord(at['shape']) ? at['shape'][key] : undefined) : at['element'];
  }
  const options = isRecord(at) ? at['options'] : undefined;
  return Array.isArray(options) ? options.filter((o): o is string => typeof o === 'string') : [];
}

/**
 * Values to try in place of one parameter: for a number, zero and half (towards less fault) and
 * its neighbours (offsets and indices, which name a different replica or choice); for a boolean,
 * the other one; for a string, the other values its enum allows. The strategy's schema rejects
 * what it does not accept before anything runs.
 */
function alternatives(leaf: unknown, options: readonly string[]): unknown[] {
  if (typeof leaf === 'boolean') return [!leaf];
  if (typeof leaf === 'string') return options.filter((o) => o !== leaf);
  if (typeof leaf !== 'number' || !Number.isFinite(leaf)) return [];
  const values = Number.isInteger(leaf) ? [0, Math.floor(leaf / 2), leaf - 1, leaf + 1, leaf + 2] : [0, leaf / 2];
  return [...new Set(values)].filter((v) => v !== leaf && (v >= 0 || leaf < 0));
}

const partitionKey = (p: PartitionPlan): string => `${p.startMs}:${p.endMs}:${p.direction}:${p.side.join(',')}`;

/**
 * The scenario with a new faulty list, its network carrying the partitions the new plans ask for
 * in place of those the old ones asked for (other partitions stay): a moved victim takes its
 * isolation along. Null when a strategy cannot plan with these parameters.
 */
export function replanned(s: Scenario, byzantine: readonly ByzantinePlan[], adversaries: ReadonlyMap<string, AnyAdversary>): Scenario | null {
  const all = [...adversaries.values()];
  let before: PartitionPlan[];
  let after: PartitionPlan[];
  try {
    before = plannedPartitions(all, s.byzantine, s.n);
    after = plannedPartitions(all, byzantine, s.n);
  } catch {
    return null;
  }
  const old = new Set(before.map(partitionKey));
  const kept = (s.network.partitions ?? []).filter((p) => !old.has(partitionKey(p)));
  const partitions = [...kept, ...after.filter((p) => !kept.some((q) => partitionKey(q) === partitionKey(p)))];
  return { ...s, byzantine, network: { ...s.network, partitions } };
}

/** Candidates that change one parameter of faulty replica i's strategy. */
function parameterMoves(s: Scenario, i: number, adversaries: ReadonlyMap<string, AnyAdversary>): ((s: Scenario) => Scenario | null)[] {
  const plan = s.byzantine[i];
  if (plan === undefined) return [];
  const schema = adversaries.get(plan.adversary)?.schema;
  return leaves(plan.params).flatMap(({ path, value }) =>
    alternatives(value, enumOptions(schema, path)).map((alt) => (t: Scenario): Scenario | null => {
      const current = t.byzantine[i];
      if (current === undefined || current.adversary !== plan.adversary) return null;
      const params = setAt(current.params, path, alt);
      if (JSON.stringify(params) === JSON.stringify(current.params)) return null;
      return replanned(t, t.byzantine.map((b, j) => (j === i ? { ...b, params } : b)), adversaries);
    }),
  );
}

/** Candidates that move faulty replica i to another replica slot (its strategy's role, e.g. primary or backup, changes with it). */
function nodeMoves(s: Scenario, i: number, adversaries: ReadonlyMap<string, AnyAdversary>): ((s: Scenario) => Scenario | null)[] {
  return Array.from({ length: s.n }, (_, node) => (t: Scenario): Scenario | null => {
    if (t.byzantine[i] === undefined || t.byzantine.some((b) => b.node === node)) return null;
    return replanned(t, t.byzantine.map((b, j) => (j === i ? { ...b, node } : b)), adversaries);
  });
}

/**
 * Candidates that shrink faulty replica i's malformed sends: each one dropped (all of them first),
 * made unrepeated, sent earlier, or of a simpler kind — so a counterexample ends on the one bad message.
 */
function malformedMoves(s: Scenario, i: number): ((s: Scenario) => Scenario | null)[] {
  const sends = s.byzantine[i]?.malformed ?? [];
  if (sends.length === 0) return [];
  const withSends = (t: Scenario, next: readonly MalformedSend[]): Scenario | null => {
    const current = t.byzantine[i];
    if (current === undefined || JSON.stringify(current.malformed ?? []) === JSON.stringify(next)) return null;
    const { malformed: _dropped, ...rest } = current;
    return { ...t, byzantine: t.byzantine.map((b, j) => (j === i ? (next.length === 0 ? rest : { ...rest, malformed: next }) : b)) };
  };
  const drops = [[], ...sends.map((_, k) => sends.filter((__, m) => m !== k))].map((next) => (t: Scenario) => withSends(t, next));
  const steps = sends.flatMap((send, k) => (['every', 'at', 'kind'] as const).flatMap((key) =>
    alternatives(send[key], []).filter((v) => (v as number) < send[key]).map((v) => (t: Scenario) =>
      withSends(t, (t.byzantine[i]?.malformed ?? []).map((x, m) => (m === k ? { ...x, [key]: v } : x))))));
  return [...drops, ...steps];
}

/** Every plan move of scenario s: each faulty replica moved, each parameter of its strategy changed by one step. */
export function planMoves(s: Scenario, adversaries: ReadonlyMap<string, AnyAdversary>): ((s: Scenario) => Scenario | null)[] {
  return s.byzantine.flatMap((_, i) => [...nodeMoves(s, i, adversaries), ...parameterMoves(s, i, adversaries), ...malformedMoves(s, i)]);
}

/**
 * Plan pass: moves each faulty replica to another slot and changes each of its strategy's
 * parameters by one step. fast-check shrinks a plan towards its own zero (victim 0, the first
 * slot), which is not always the quickest attack: a victim that is also the next view's primary
 * makes the run wait for a second view change. A move is kept only if the run is shorter.
 */
export async function plans(m: Minimiser): Promise<boolean> {
  let kept = false;
  for (let i = m.best.scenario.byzantine.length - 1; i >= 0 && !m.exhausted; i--) {
    const s = m.best.scenario;
    kept = (await m.bestOf([...nodeMoves(s, i, m.options.adversaries), ...parameterMoves(s, i, m.options.adversaries)], settling(m))) || kept;
  }
  return kept;
}

/**
 * Malformed-sends pass, run first in every round: drops each faulty replica's malformed sends, or
 * makes them unrepeated, earlier or simpler, judged without settling (a few cheap runs), so even a
 * minimiser whose budget the costlier passes spend ends on the one bad message. Keeps nothing, at
 * no cost, for a scenario without malformed sends.
 */
export async function malformedSends(m: Minimiser): Promise<boolean> {
  let kept = false;
  for (let i = m.best.scenario.byzantine.length - 1; i >= 0 && !m.exhausted; i--) {
    kept = (await m.bestOf(malformedMoves(m.best.scenario, i))) || kept;
  }
  return kept;
}
