/**
 * A feedback-guided campaign: each run's behaviour signature (see signature.ts) is compared with
 * everything seen so far, and scenarios that reached new features join a corpus. Each run is
 * scheduled by arm: a cluster size by novelty per event spent (small clusters first, so large
 * clusters and long runs do not starve small ones), then a mutant of that size's corpus or a fresh
 * draw (fresh-draws.ts) of a strategy picked by novelty too. Every choice comes from a PRNG seeded
 * by the campaign seed and from run outcomes, which are deterministic: same seed, same campaign.
 */
import fc from 'fast-check';
import { codecFor } from '../adapter/codec-option.js';
import type { Scenario } from '../scenario/types.js';
import { Prng } from '../sim/prng.js';
import type { CheckOptions, CheckResult } from './driver.js';
import { brokenBy, determinismCounterexample, judgeRun, shrunkCounterexample, untilAborted, type Failure } from './failure.js';
import { FreshDraws, strategyOf } from './fresh-draws.js';
import { mutateScenario } from './mutate-scenario.js';
import { sampledForDeterminism } from './nondeterminism.js';
import { RunsAhead } from './runs-ahead.js';
import { BehaviourProbe } from './signature.js';
import { emptyStats, tally } from './stats.js';
import { WarmUp } from './warm-up.js';

/** Bounds of the share of runs that mutate corpus entries rather than draw afresh, once a size has a corpus. */
const MUTATE_MIN = 0.05;
const MUTATE_MAX = 0.3;

/**
 * Share of a size's fresh draws spread evenly over its strategies (the rest follows each one's
 * novelty per event): a strategy whose novelty is noise can take at most the other half, and a
 * quiet one keeps its turn, since a bug may sit behind a strategy that looks dull until it hits.
 */
const EVEN_SHARE = 0.5;

/** The size schedule's prior: novelty, and events per n² (about a dozen runs' worth at n = 4). */
const PRIOR_NOVELTY = 4;
const PRIOR_EVENTS_PER_N2 = 2_000;

/** Every size keeps at least this share of the runs, however dry its novelty. */
const FLOOR_SHARE = 0.1;

/** A scenario that reached features no earlier run had. */
interface CorpusEntry {
  readonly scenario: Scenario;
  /** New features it found, and new features its mutants found since. */
  energy: number;
  picked: number;
}

/** Runs, events and new features of one strategy at one size. */
interface Arm {
  runs: number;
  events: number;
  novel: number;
}

/** What a guided campaign keeps per cluster size. */
class SizeState {
  readonly corpus: CorpusEntry[] = [];
  /** Per strategy label (see strategyOf), what its runs at this size found. */
  readonly arms = new Map<string, Arm>();
  runs = 0;
  events = 0;
  novel = 0;
  /** Runs, and runs that reached a new feature, of fresh draws [0] and of mutants [1]. */
  readonly tried = [0, 0];
  readonly productive = [0, 0];

  constructor(readonly n: number) {}

  /** A run of this size ended: its arm's and the fresh-or-mutant bandit's tallies, and the corpus if it found `added` new features. */
  learn(scenario: Scenario, parent: CorpusEntry | null, events: number, added: number): void {
    const arm = this.arm(strategyOf(scenario));
    const kind = parent === null ? 0 : 1;
    this.runs++;
    this.events += events;
    arm.runs++;
    arm.events += events;
    this.tried[kind] = (this.tried[kind] as number) + 1;
    if (added === 0) return;
    this.productive[kind] = (this.productive[kind] as number) + 1;
    this.novel += added;
    arm.novel += added;
    this.keep(scenario, added);
    if (parent !== null) parent.energy += added;
  }

  /** Keeps a warm-up run that found `added` new features in the corpus, leaving the schedule's tallies alone. */
  keep(scenario: Scenario, added: number): void {
    this.corpus.push({ scenario, energy: added, picked: 0 });
  }

  /** The arm of strategy `label`, made on first use. */
  arm(label: string): Arm {
    let arm = this.arms.get(label);
    if (arm === undefined) this.arms.set(label, (arm = { runs: 0, events: 0, novel: 0 }));
    return arm;
  }

  /** Novelty per event of strategy `label` here, with the same kind of prior as a size's. */
  armScore(label: string): number {
    const arm = this.arms.get(label);
    return ((arm?.novel ?? 0) + PRIOR_NOVELTY) / ((arm?.events ?? 0) + (PRIOR_EVENTS_PER_N2 * this.n * this.n) / 4);
  }

  /**
   * The share of runs that mutate: a two-armed bandit between fresh draws and mutants, each judged
   * by the share of its runs that reached something new (with a prior), kept within bounds.
   */
  mutateShare(): number {
    const rate = (arm: number): number => ((this.productive[arm] as number) + 1) / ((this.tried[arm] as number) + 2);
    const share = rate(1) / (rate(0) + rate(1));
    return Math.min(MUTATE_MAX, Math.max(MUTATE_MIN, share));
  }

  /**
   * Novelty per event spent, with a prior worth a few runs' events that grows with n²: small
   * clusters go first (their runs are cheap and most bugs need no more replicas), and larger ones
   * take over as small ones stop finding anything new.
   */
  score(): number {
    return (this.novel + PRIOR_NOVELTY) / (this.events + PRIOR_EVENTS_PER_N2 * this.n * this.n);
  }
}

/** How many of a run's features no earlier run had; they join `seen`. */
function newFeatures(features: readonly string[], seen: Set<string>): number {
  let added = 0;
  for (const feature of features) {
    if (!seen.has(feature)) {
      seen.add(feature);
      added++;
    }
  }
  return added;
}

/** Index picked in proportion to `weights` (non-negative, not all zero). */
function weighted(weights: readonly number[], prng: Prng): number {
  let r = prng.next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i] as number;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/** Picks a corpus entry, favouring productive entries that were picked less often. */
function pickEntry(corpus: readonly CorpusEntry[], prng: Prng): CorpusEntry {
  return corpus[weighted(corpus.map((e) => (1 + e.energy) / (1 + e.picked)), prng)] as CorpusEntry;
}

/** Picks a cluster size in proportion to its score, each keeping a floor share. */
function pickSize(sizes: readonly SizeState[], prng: Prng): SizeState {
  const total = sizes.reduce((sum, s) => sum + s.score(), 0);
  return sizes[weighted(sizes.map((s) => Math.max(FLOOR_SHARE / sizes.length, s.score() / total)), prng)] as SizeState;
}

/** Picks one of `labels` (strategies drawn at this size): half evenly, half by novelty per event. */
function pickStrategy(size: SizeState, labels: readonly string[], prng: Prng): string {
  const scores = labels.map((label) => size.armScore(label));
  const total = scores.reduce((a, b) => a + b, 0);
  return labels[weighted(scores.map((score) => EVEN_SHARE / labels.length + ((1 - EVEN_SHARE) * score) / total), prng)] as string;
}

/** How the guided search spent its runs, for `--stats` and the summary. */
export interface SearchTally {
  /** Runs of the warm-up: drawn as a random chunk of the same seed draws them (see warm-up.ts). */
  warmUp: number;
  /** Runs drawn afresh, and runs that mutated a corpus entry. */
  fresh: number;
  mutated: number;
  /** Distinct signature features seen, and corpus entries kept. */
  features: number;
  corpus: number;
}

/** The next scenario of a guided campaign and where it came from: the warm-up's while it lasts (see warm-up.ts), then the schedule's. */
function nextScenario(sizes: readonly SizeState[], fresh: FreshDraws, prng: Prng, options: CheckOptions, position: number, warm: WarmUp): { size: SizeState; scenario: Scenario; parent: CorpusEntry | null } {
  const planned = warm.at(position);
  if (planned !== undefined) return { size: sizes.find((s) => s.n === planned.n) ?? (sizes[0] as SizeState), scenario: planned, parent: null };
  // A size is picked by novelty per event; it mutates one of its entries at its mutant share, else the run is a fresh draw of that size and of a strategy picked by novelty too.
  const size = pickSize(sizes, prng);
  if (size.corpus.length === 0 || prng.next() >= size.mutateShare()) {
    const scenario = fresh.next(size.n, pickStrategy(size, fresh.strategies(size.n), prng), position);
    return { size: sizes.find((s) => s.n === scenario.n) ?? size, scenario, parent: null };
  }
  const parent = pickEntry(size.corpus, prng);
  parent.picked++;
  return { size, scenario: mutateScenario(parent.scenario, options.space, prng), parent };
}

/** A judged run and the behaviour probe that watched it. */
type Probed = Awaited<ReturnType<typeof judgeRun>> & { readonly probe: BehaviourProbe };

/** Judges run number `run` (1-based) on `target` (a lane, or the campaign's own), watched by a probe of its own. */
async function probedRun(scenario: Scenario, options: CheckOptions, run: number, target = options.target): Promise<Probed> {
  const probe = new BehaviourProbe(codecFor(target, scenario.targetOptions));
  const sampled = options.determinism !== false && sampledForDeterminism(run, scenario);
  const outcome = await judgeRun(scenario, target === options.target ? options : { ...options, target }, sampled, probe);
  return { ...outcome, probe };
}

/**
 * Run-ahead of the warm-up over several lanes, or null when runs go one at a time: its scenarios
 * are known in advance, and results are taken by run index, so lanes change no outcome.
 */
function warmUpAhead(warm: WarmUp, options: CheckOptions): RunsAhead<Probed> | null {
  const lanes = options.lanes ?? [];
  if (lanes.length <= 1 || warm.length === 0) return null;
  return new RunsAhead(warm.all(), lanes, (scenario, index, target) => probedRun(scenario, options, index + 1, target));
}

/** Judges run number `run` (1-based) of a guided campaign, from the lanes when it ran ahead; null when it was cut short (a fast-check precondition failure stops the campaign as an interruption). */
async function judgedOrStopped(scenario: Scenario, options: CheckOptions, run: number, ahead: RunsAhead<Probed> | null): Promise<Probed | null> {
  try {
    return await untilAborted(ahead?.take(run - 1, scenario) ?? probedRun(scenario, options, run), options.signal);
  } catch (error) {
    if (error instanceof fc.PreconditionFailure) return null;
    throw error;
  }
}

/**
 * Runs a guided campaign of `options.runs` scenarios: the same run, judging, determinism sampling,
 * abort, hang and harness-error handling as fast-check's campaign, but failures are shrunk by the
 * event minimiser alone (a mutant has no fast-check path, so its counterexample's path is null).
 */
export async function guidedCheck(options: CheckOptions): Promise<CheckResult & { search: SearchTally }> {
  const prng = new Prng(options.seed);
  const sizes = options.space.ns.map((n) => new SizeState(n));
  const fresh = new FreshDraws(options.space, options.seed);
  const warm = new WarmUp(options.space, options.seed, options.runs);
  const seen = new Set<string>();
  const stats = emptyStats();
  const search: SearchTally = { warmUp: 0, fresh: 0, mutated: 0, features: 0, corpus: 0 };
  const { signal } = options;
  const aborted = (): boolean => signal?.aborted === true;
  // The one clock read of a campaign: --time-limit is a wall-clock budget by definition (fast-check's
  // interruptAfterTimeLimit reads it the same way). It decides only when to stop drawing scenarios,
  // never what a run does, so no trace or hash depends on it; a cut campaign is marked interrupted.
  const deadline = options.timeLimitMs === undefined ? undefined : performance.now() + options.timeLimitMs;
  // A run under way when the budget is spent is stopped there (one run of a slow child can outlast it), and not judged.
  const exploring: CheckOptions = deadline === undefined ? options : { ...options, cancelled: () => performance.now() >= deadline };
  const ahead = warmUpAhead(warm, exploring);
  let runs = 0;
  let deliveries = 0;
  let failure: Failure | null = null;
  let hung = false;
  let interrupted = false;
  while (runs < options.runs && failure === null) {
    if (aborted() || (deadline !== undefined && performance.now() >= deadline)) {
      interrupted = true;
      break;
    }
    // The schedule's runs go on the campaign's own target, once no warm-up run is still in flight on it.
    if (runs === warm.length) await ahead?.settle();
    const { size, scenario, parent } = nextScenario(sizes, fresh, prng, options, runs, warm);
    const outcome = await judgedOrStopped(scenario, exploring, runs + 1, ahead);
    if (outcome === null || aborted()) {
      interrupted = true;
      break;
    }
    runs++;
    deliveries += outcome.facts.deliveries;
    tally(stats, scenario);
    if (runs <= warm.length) search.warmUp++;
    else if (parent === null) search.fresh++;
    else search.mutated++;
    const added = newFeatures(outcome.probe.features(outcome.facts), seen);
    // The warm-up's allocation is random's and its novelty mostly first contact, so it seeds the corpus and the features seen, not the schedule's tallies.
    if (runs > warm.length) size.learn(scenario, parent, outcome.facts.events, added);
    else if (added > 0) size.keep(scenario, added);
    if (outcome.failure !== null) {
      failure = outcome.failure;
      hung = outcome.facts.replicaErrors.some((e) => e.hang === true);
    }
    options.onProgress?.({ phase: failure === null ? 'explore' : 'shrink', runs, shrinks: 0, violations: failure === null ? 0 : 1, deliveries, ...brokenBy(failure) });
  }
  // Shrinking runs on the campaign's own target alone: a warm-up run started ahead on it must be over first.
  if (!aborted()) await ahead?.settle();
  search.features = seen.size;
  search.corpus = sizes.reduce((sum, s) => sum + s.corpus.length, 0);
  const base = { runs, shrinks: 0, deliveries, interrupted, stats, search };
  if (failure === null) return { ...base, counterexample: null };
  const found = { seed: options.seed, path: null, failedAtRun: runs };
  if (failure.traced !== undefined) return { ...base, counterexample: determinismCounterexample(failure, failure.traced, found) };
  const cutShort = aborted();
  return { ...base, interrupted: interrupted || cutShort, counterexample: await shrunkCounterexample(failure, options, found, 0, cutShort, hung, deadline === undefined ? undefined : () => performance.now() >= deadline) };
}
