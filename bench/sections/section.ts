/** What every benchmark section gets and gives back: options in, tables, notes, targets and raw data out. */
import type { Table } from '../stats.js';

/** JSON-serialisable data, for bench.json. */
export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/** How the suite was asked to run. */
export interface SuiteOptions {
  /** A fast smoke run: fewer sizes, fewer runs, shorter repetitions (still ≥ 3 of them). */
  readonly quick: boolean;
  /** Wall-clock seconds a repetition of a rate measurement aims for. */
  readonly repSeconds: number;
  /** Repetitions per figure (≥ 3). */
  readonly reps: number;
  /** Prints a progress line (to stderr, so stdout carries only the tables). */
  readonly log: (line: string) => void;
}

/** A performance target and whether this run met it. */
export interface TargetCheck {
  /** What is measured, e.g. `PBFT n = 4 scenarios/s (one core)`. */
  readonly what: string;
  /** The goal, e.g. `≥ 2,000`. */
  readonly goal: string;
  /** The median measured, as text. */
  readonly measured: string;
  /** True when the median meets the goal. */
  readonly met: boolean;
}

/** One section's results. */
export interface SectionResult {
  /** Stable key in bench.json, e.g. `sim-core`. */
  readonly id: string;
  /** Heading in bench.md. */
  readonly title: string;
  /** Tables, printed and written as Markdown. */
  readonly tables: readonly Table[];
  /** Findings and caveats, one Markdown paragraph or bullet each. */
  readonly notes: readonly string[];
  /** Targets checked by this section. */
  readonly targets: readonly TargetCheck[];
  /** Raw figures (every sample) for bench.json. */
  readonly data: Json;
}

/** A benchmark section. */
export type Section = (options: SuiteOptions) => Promise<SectionResult>;

/** Plain data as {@link Json} (a deep copy through JSON, dropping functions and undefined fields). */
export function asJson(value: object): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}
