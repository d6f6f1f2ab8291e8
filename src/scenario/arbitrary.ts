import fc from 'fast-check';
import { faultsTolerated } from '../adapter/contract.js';
import type { AnyAdversary } from '../adversary.js';
import { TAPE_MAX } from '../sim/tape.js';
import { kindLossArbitrary, kindLossesFor, type KindLossMode } from './kind-loss-arbitrary.js';
import { MALFORMED_KINDS } from '../malformed-payload.js';
import type { ByzantinePlan, MalformedSend, PartitionPlan, RoundPartitionPlan, RunLimits, Scenario } from './types.js';

/** The space a campaign draws scenarios from. */
export interface ScenarioSpace {
  /** Cluster sizes, smallest first (shrinking moves towards the first). */
  readonly ns: readonly number[];
  /** Strategies the faulty replicas may use; empty means no faulty replicas. */
  readonly adversaries: readonly AnyAdversary[];
  /** Allow more than f faulty replicas (to show the bound is tight). */
  readonly beyondF: boolean;
  /** Run bounds, usually the target's. */
  readonly limits: RunLimits;
  /** Operations clients submit. */
  readonly operations: fc.Arbitrary<string>;
  /** Operations for a cluster of n, when they depend on it (the target's `operations`); replaces `operations`. */
  readonly operationsFor?: (n: number) => fc.Arbitrary<string>;
  /** Longest choice tape generated. */
  readonly tapeMaxLength: number;
  /** The target's liveness bound per request for a cluster of n, if any: runs are made long enough to judge it. */
  readonly livenessBoundMs?: (n: number) => number;
  /** The target's options as given, recorded in every scenario (absent: the target's defaults). */
  readonly targetOptions?: Readonly<Record<string, unknown>>;
  /**
   * Also draw kind losses (a message kind lost on some replicas' links before GST, see
   * `KindLossPlan`): `any` draws the lone-certificate shape in some runs and free ones in others,
   * `lone-certificate` that shape in every run and nothing else. Off by default, so campaigns whose
   * finds are pinned keep their scenarios (the draw is appended: other parts draw as before).
   */
  readonly kindLosses?: KindLossMode;
  /**
   * Whether the first faulty replica may also send malformed messages (see src/malformed-sends.ts);
   * default true. False leaves them out of the record, so draws are exactly as without them.
   */
  readonly malformedSends?: boolean;
}

/** Default operations: small key-value and bank commands, deterministic to execute. */
export const DEFAULT_OPERATIONS: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.nat(99)).map(([k, v]) => `put ${k} ${v}`),
  fc.constantFrom('a', 'b', 'c').map((k) => `get ${k}`),
  fc.tuple(fc.nat(100), fc.constantFrom('alice', 'bob', 'carol'), fc.constantFrom('alice', 'bob', 'carol')).map(
    ([amount, from, to]) => `transfer ${amount} ${from} ${to}`,
  ),
);

/** The default space: n ∈ {4, 7, 10}, ≤ f faulty. */
export function defaultSpace(adversaries: readonly AnyAdversary[], limits: RunLimits): ScenarioSpace {
  return { ns: [4, 7, 10], adversaries, beyondF: false, limits, operations: DEFAULT_OPERATIONS, tapeMaxLength: 256 };
}

/** Largest number of faulty replicas a scenario of size n may have in this space. */
export function maxFaulty(n: number, beyondF: boolean): number {
  return beyondF ? n - 1 : faultsTolerated(n);
}

/**
 * A fault rate that is off in about half the runs (swarm testing: each run draws its own fault
 * mix). One integer mapped, not a oneof, so that shrinking can always reach 0 (no fault).
 */
function swarmPercent(max: number): fc.Arbitrary<number> {
  return fc.nat(2 * max).map((v) => (v <= max ? 0 : v - max));
}

/** Replica subsets as bit masks, so they shrink towards the empty set (no partition). */
export const replicaMask = (maxN: number) => fc.nat({ max: 2 ** Math.min(maxN, 30) - 1 });

/** The replicas of a bit mask below n, in id order. */
export function bitsBelow(mask: number, n: number): number[] {
  const nodes: number[] = [];
  for (let i = 0; i < n && i < 31; i++) if (((mask >>> i) & 1) === 1) nodes.push(i);
  return nodes;
}

function partitionArbitrary(maxN: number) {
  return fc.array(
    fc.record({ startMs: fc.nat(1_000), lengthMs: fc.integer({ min: 1, max: 1_000 }), sideMask: replicaMask(maxN), direction: fc.constantFrom('both' as const, 'out' as const, 'in' as const) }),
    { maxLength: 2 },
  );
}

function roundPartitionArbitrary(maxN: number) {
  return fc.array(fc.record({ round: fc.nat(12), groupMask: replicaMask(maxN) }), { maxLength: 2 });
}

/** The partitions the faulty replicas' strategies ask for (see `Adversary.partitions`), in faulty-list order. */
export function plannedPartitions(adversaries: readonly AnyAdversary[], byzantine: readonly ByzantinePlan[], n: number): PartitionPlan[] {
  const coalition = byzantine.map((b) => b.node);
  const planned: PartitionPlan[] = [];
  for (const b of byzantine) {
    const planFor = adversaries.find((a) => a.name === b.adversary)?.partitions;
    for (const p of planFor?.(b.params, { node: b.node, n, coalition }) ?? []) {
      // Members of a coalition acting on one plan ask for the same partition: it is added once.
      const known = planned.some((q) => q.startMs === p.startMs && q.endMs === p.endMs && q.direction === p.direction && q.side.join() === p.side.join());
      if (!known && p.side.length > 0 && p.side.length < n && p.endMs > p.startMs) planned.push(p);
    }
  }
  return planned;
}

/**
 * Extends the time limit so every request's liveness deadline falls inside the run: requests of a
 * client go one at a time, so the last may start up to (its index) bounds after GST.
 */
export function livenessHorizon(space: ScenarioSpace, n: number, gstMs: number, requests: readonly { client: number; atMs: number }[], clients: number) {
  const bound = space.livenessBoundMs?.(n);
  if (bound === undefined) return space.limits;
  const perClient = new Array<number>(clients).fill(0);
  for (const r of requests) perClient[r.client % clients] = (perClient[r.client % clients] ?? 0) + 1;
  const start = Math.max(gstMs, ...requests.map((r) => r.atMs));
  const horizon = start + bound * (Math.max(...perClient) + 1);
  return { ...space.limits, timeMs: Math.max(space.limits.timeMs, horizon) };
}

/**
 * A guided campaign's arm: a cluster size of the space and the first faulty replica's strategy
 * ('' for no faulty replica), as `strategyOf` in check/fresh-draws.ts labels a scenario.
 */
export interface ScenarioArm {
  readonly n: number;
  readonly strategy: string;
}

/**
 * The strategy labels a scenario of size n can have in this space: '' (no faulty replica), then
 * every strategy's name when n tolerates a faulty replica.
 */
export function armStrategies(space: ScenarioSpace, n: number): string[] {
  if (maxFaulty(n, space.beyondF) === 0) return [''];
  return ['', ...new Set(space.adversaries.map((a) => a.name))];
}

/**
 * The raw faulty list: slots and strategies drawn for the largest size. For an arm, the list a
 * random draw of that arm has: empty for '', else a first entry of the arm's strategy followed by
 * up to cap − 1 entries of any (fast-check's length bias then applies to the tail, not the whole).
 */
function faultyArbitrary(space: ScenarioSpace, maxN: number, arm: ScenarioArm | undefined) {
  type Strategy = { adversary: string; params: unknown };
  const strategies = space.adversaries.map((a) => a.params({ maxN }).map((params): Strategy => ({ adversary: a.name, params })));
  const cap = maxFaulty(maxN, space.beyondF);
  const entry = (strategy: fc.Arbitrary<Strategy>) => fc.record({ slot: fc.nat(maxN * 4), strategy });
  if (strategies.length === 0) return fc.constant([]);
  if (arm === undefined) return fc.array(entry(fc.oneof(...strategies)), { maxLength: cap });
  const own = strategies.filter((_, i) => space.adversaries[i]?.name === arm.strategy);
  if (arm.strategy === '' || own.length === 0 || maxFaulty(arm.n, space.beyondF) === 0) return fc.constant([]);
  return fc
    .tuple(entry(fc.oneof(...own)), fc.array(entry(fc.oneof(...strategies)), { maxLength: cap - 1 }))
    .map(([first, rest]) => [first, ...rest]);
}

/**
 * Scenarios as a record of independent parts, normalised with `map` (no `chain`, so every part
 * shrinks on its own): node slots are taken modulo n, clients modulo the client count, and the
 * faulty list is deduplicated and capped at f (or n−1 beyond f). With an `arm`, only scenarios of
 * that size and first strategy are drawn, every other part as a random draw has it.
 */
export function scenarioArbitrary(space: ScenarioSpace, arm?: ScenarioArm): fc.Arbitrary<Scenario> {
  return rawArbitrary(space, arm).map((raw) => normalised(space, raw));
}

/** The scenario's independent parts as drawn, before sizes, slots and clients are normalised. */
function rawArbitrary(space: ScenarioSpace, arm: ScenarioArm | undefined) {
  const maxN = Math.max(...space.ns);
  const armIndex = arm === undefined ? -1 : space.ns.indexOf(arm.n);
  if (arm !== undefined && armIndex < 0) throw new Error(`cluster size ${arm.n} is not in the space (${space.ns.join(', ')})`);
  // Per-size operations are drawn for every size at once and the run's size picks one (a tuple, not
  // a chain, so each shrinks on its own); without them the record is exactly what it always was.
  // An arm draws its own size's only (the others would be thrown away).
  const perN = space.operationsFor;
  const operation: fc.Arbitrary<string | readonly string[]> = perN === undefined
    ? space.operations
    : fc.tuple(...space.ns.map((n, i) => (armIndex < 0 || i === armIndex ? perN(n) : fc.constant(''))));
  return fc.record({
    nIndex: armIndex < 0 ? fc.nat(space.ns.length - 1) : fc.constant(armIndex),
    clients: fc.integer({ min: 1, max: 3 }),
    requests: fc.array(fc.record({ client: fc.nat(2), atMs: fc.nat(200), operation }), { minLength: 1, maxLength: 20 }),
    faulty: faultyArbitrary(space, maxN, arm),
    coalition: fc.boolean(),
    delaySpreadMs: fc.nat(9),
    preGstExtraMs: fc.nat(90),
    dropPercent: swarmPercent(40),
    duplicatePercent: swarmPercent(30),
    partitions: partitionArbitrary(maxN),
    roundPartitions: roundPartitionArbitrary(maxN),
    gstMs: fc.nat(1000),
    seed: fc.nat(),
    tape: fc.array(fc.nat(TAPE_MAX), { maxLength: space.tapeMaxLength }),
    // Only in a space that opts in: a key absent from the record leaves every other draw as it was.
    ...(space.kindLosses === undefined ? {} : { kindLosses: kindLossArbitrary(maxN, space.kindLosses) }),
    // Drawn last, after every other part: adding it moved no earlier draw of any scenario. Not
    // shrunk by fast-check, whose shrink path (`--path`, step counts) then stays what it was for
    // every scenario: the minimiser's plan pass shrinks malformed sends instead (minimise/plans.ts).
    ...(space.malformedSends === false ? {} : { malformed: fc.noShrink(malformedArbitrary()) }),
  });
}

/** Kinds cycle first in a plan entry (see malformedEntry), so four rounds of them give each kind four sites. */
const MALFORMED_ENTRY_MAX = MALFORMED_KINDS.length * 4 - 1;

/**
 * The first faulty replica's malformed sends: none in three scenarios of four (the runs every
 * strategy was tuned on stay as they were), else one to three.
 */
function malformedArbitrary(): fc.Arbitrary<readonly MalformedSend[]> {
  const send = fc.record({ at: fc.nat(63), kind: fc.nat(MALFORMED_ENTRY_MAX), every: fc.nat(16) });
  return fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(send, { minLength: 1, maxLength: 3 }) });
}

type RawScenario = ReturnType<typeof rawArbitrary> extends fc.Arbitrary<infer R> ? R : never;

/** The scenario a raw draw stands for: node slots modulo n, clients modulo the client count, the faulty list deduplicated and capped. */
function normalised(space: ScenarioSpace, raw: RawScenario): Scenario {
  const n = space.ns[raw.nIndex] as number;
  const byzantine: ByzantinePlan[] = [];
  const cap = maxFaulty(n, space.beyondF);
  // A coalition acts on one plan: every member takes the first member's strategy and parameters.
  const shared = raw.coalition ? raw.faulty[0]?.strategy : undefined;
  for (const { slot, strategy } of raw.faulty) {
    const node = slot % n;
    if (byzantine.length < cap && !byzantine.some((b) => b.node === node)) byzantine.push({ node, ...(shared ?? strategy) });
  }
  const first = byzantine[0];
  if (first !== undefined && raw.malformed !== undefined && raw.malformed.length > 0) byzantine[0] = { ...first, malformed: raw.malformed };
  // A strategy's plan brings the partitions it needs, and then they are the run's only ones:
  // partitions drawn at random beside them would mostly cut the very messages the plan relies on.
  const planned = plannedPartitions(space.adversaries, byzantine, n);
  const partitions: PartitionPlan[] = planned.length > 0 ? planned : raw.partitions
    .map((p): PartitionPlan => ({ startMs: p.startMs, endMs: p.startMs + p.lengthMs, side: bitsBelow(p.sideMask, n), direction: p.direction }))
    .filter((p) => p.side.length > 0 && p.side.length < n);
  const kindLosses = raw.kindLosses === undefined ? undefined : kindLossesFor(raw.kindLosses, n, planned.length > 0);
  // Partitions act before GST only: a plan's partition holds GST back until it heals (a kind-loss shape, until it has played out).
  const gstMs = Math.max(raw.gstMs, ...planned.map((p) => p.endMs), kindLosses?.gstAtLeastMs ?? 0);
  const roundPartitions: RoundPartitionPlan[] = planned.length > 0 ? [] : raw.roundPartitions
    .map((r) => ({ round: r.round, groups: Array.from({ length: n }, (_, i) => ((r.groupMask >>> i) & 1)) }))
    .filter((r) => r.groups.some((g) => g !== r.groups[0]));
  return {
    version: 1,
    n,
    clients: raw.clients,
    requests: raw.requests.map((r) => ({
      client: r.client % raw.clients, atMs: r.atMs, operation: typeof r.operation === 'string' ? r.operation : r.operation[raw.nIndex] as string,
    })),
    byzantine,
    beyondF: space.beyondF,
    network: {
      delayMsMin: 1,
      delayMsMax: 1 + raw.delaySpreadMs,
      preGstDelayMsMax: 1 + raw.delaySpreadMs + raw.preGstExtraMs,
      dropPercent: raw.dropPercent,
      duplicatePercent: raw.duplicatePercent,
      partitions,
      roundPartitions,
      ...(kindLosses === undefined ? {} : { kindLosses: kindLosses.plans }),
    },
    gstMs,
    limits: livenessHorizon(space, n, gstMs, raw.requests, raw.clients),
    seed: raw.seed,
    tape: raw.tape,
    ...(space.targetOptions === undefined ? {} : { targetOptions: space.targetOptions }),
  };
}
