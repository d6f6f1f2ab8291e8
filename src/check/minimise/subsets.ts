import type { Scenario } from '../../scenario/types.js';
import type { Minimiser } from './minimiser.js';

/** Lists up to this long have every pair of elements tried together (at most 28 pairs); longer ones runs of two. */
const PAIRS_UP_TO = 8;

/** How a list inside a scenario is read and replaced. */
export interface ListPart<T> {
  readonly get: (s: Scenario) => readonly T[];
  readonly set: (s: Scenario, xs: readonly T[]) => Scenario | null;
}

/** The list without the elements whose indices are in `drop`, or null if an index is out of range. */
function withoutIndices<T>(xs: readonly T[], drop: readonly number[]): T[] | null {
  if (drop.some((i) => i < 0 || i >= xs.length)) return null;
  return xs.filter((_, i) => !drop.includes(i));
}

/** Index sets to remove together, largest first: halving runs of consecutive elements, then pairs (every pair of a short list), then single elements. */
export function removals(length: number): number[][] {
  const out: number[][] = [];
  const pairs = length <= PAIRS_UP_TO;
  // Runs of two are pairs: a short list gets all of its pairs below, a long one its runs of two here.
  const smallest = pairs ? 3 : 2;
  for (let size = Math.floor(length / 2); size >= smallest; size = size === smallest ? 0 : Math.max(smallest, Math.floor(size / 2))) {
    // From the end, so that a kept removal leaves the runs still to try where they were.
    for (let start = length - size; start > -size; start -= size) {
      const from = Math.max(0, start);
      if (start + size - from >= smallest) out.push(Array.from({ length: start + size - from }, (_, k) => from + k));
    }
  }
  if (pairs) for (let j = length - 1; j >= 1; j--) for (let i = j - 1; i >= 0; i--) out.push([i, j]);
  for (let i = length - 1; i >= 0; i--) out.push([i]);
  return out;
}

/**
 * Delta-debugging removal over one list of the scenario (ddmin's complement step): runs of
 * elements, halving in size, then pairs, then single elements — so two
 * parts that are only inert together (two requests that both must go for the run to shorten)
 * still leave. Index sets are computed once from the list's length: after a kept removal some
 * fall out of range and are skipped, the others are heuristic and still valid scenarios.
 */
export async function removeSubsets<T>(m: Minimiser, part: ListPart<T>, keepAtLeast = 0): Promise<boolean> {
  let kept = false;
  for (const drop of removals(part.get(m.best.scenario).length)) {
    if (m.exhausted) break;
    const xs = part.get(m.best.scenario);
    const rest = withoutIndices(xs, drop);
    if (rest === null || rest.length < keepAtLeast) continue;
    if (await m.attempt(part.set(m.best.scenario, rest))) kept = true;
  }
  return kept;
}
