import type { Counterexample, NotReproduced } from '../check/driver.js';

/** The mark a counterexample whose violation did not come back on its rerun carries in every report. */
export const NOT_REPRODUCED = 'did not reproduce on replay';

/** The counterexample's NotReproduced, or null; campaign.json files written before the field existed lack it. */
export function notReproducedOf(cx: Counterexample): NotReproduced | null {
  return cx.notReproduced ?? null;
}

/**
 * Plain-text sentences explaining a violation that did not reproduce (empty when it did): what the
 * rerun gave, the likely cause, and that the verdict shown is the one first seen.
 */
export function notReproducedText(cx: Counterexample): string[] {
  const miss = notReproducedOf(cx);
  if (miss === null) return [];
  const replay = miss.replayVerdict.ok
    ? 'the traced replay of the same scenario found no violation'
    : `the traced replay found a different verdict (${[...new Set(miss.replayVerdict.violations.map((v) => v.property))].join(', ')})`;
  return [
    `Violation ${NOT_REPRODUCED}: ${replay}. Likely cause: ${miss.likelyCause}.`,
    'The violation above is the one the campaign saw; the trace is the replay\'s. A violation found is never dropped: treat it as real.',
  ];
}

/** The title suffix of a counterexample that did not reproduce. */
export function notReproducedSuffix(cx: Counterexample): string {
  return notReproducedOf(cx) === null ? '' : ` (${NOT_REPRODUCED})`;
}
