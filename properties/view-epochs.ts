import type { RunFacts, ViewFact } from '../src/sim/facts.js';

/** A place in a run: a time, then a step (events at one time run in step order). */
export interface RunPoint {
  readonly timeMs: number;
  readonly step: number;
}

/** Whether `a` comes after `b` in the run. */
export function isAfter(a: RunPoint, b: RunPoint): boolean {
  return a.timeMs > b.timeMs || (a.timeMs === b.timeMs && a.step > b.step);
}

/** A stretch in which every honest replica was in one view. */
export interface ViewEpoch {
  readonly view: number;
  /** When the last honest replica reached the view (or the stretch's start, if all were in it already). */
  readonly from: RunPoint;
  /** When an honest replica first moved above the view; +∞ if none did. */
  readonly until: RunPoint;
  /** That move, or null. */
  readonly leaver: ViewFact | null;
  /** Every honest replica moved into the view after the stretch's start: its whole view change came after. */
  readonly entered: boolean;
  /** The view's leader, when the target declares it. */
  readonly leader?: number;
}

const END: RunPoint = { timeMs: Number.POSITIVE_INFINITY, step: Number.POSITIVE_INFINITY };

/** The single view every honest replica is in, or null while they differ. */
function common(current: ReadonlyMap<number, number>): number | null {
  const views = [...current.values()];
  return views.every((v) => v === views[0]) ? (views[0] ?? null) : null;
}

/**
 * The epochs after `from` ms: each stretch in which every honest replica was in one view, as the
 * views they send in show (`RunFacts.views`: a replica is in the highest view it has sent in; one
 * that has sent in none is in the lowest view any honest replica sent in). Between two epochs the
 * honest replicas are split, changing view.
 */
export function epochsAfter(facts: RunFacts, honest: readonly number[], from: number): ViewEpoch[] {
  const start = facts.views.length === 0 ? 0 : Math.min(...facts.views.map((v) => v.view));
  const current = new Map(honest.map((r) => [r, start]));
  const epochs: ViewEpoch[] = [];
  let open: { readonly view: number; readonly from: RunPoint; readonly leader?: number } | null = null;
  let i = 0;
  for (; i < facts.views.length && (facts.views[i] as ViewFact).timeMs <= from; i++) {
    const v = facts.views[i] as ViewFact;
    if (current.has(v.replica)) current.set(v.replica, v.view);
  }
  // A view some honest replica was in at `from` was (partly) reached before: not entered after it.
  const before = Math.max(...current.values());
  const first = common(current);
  if (first !== null) {
    const leader = facts.views.find((v) => v.view === first && v.leader !== undefined)?.leader;
    open = { view: first, from: { timeMs: from, step: -1 }, ...(leader === undefined ? {} : { leader }) };
  }
  for (; i < facts.views.length; i++) {
    const v = facts.views[i] as ViewFact;
    if (!current.has(v.replica)) continue;
    current.set(v.replica, v.view);
    if (open !== null && v.view > open.view) {
      epochs.push({ ...open, until: { timeMs: v.timeMs, step: v.step }, leaver: v, entered: open.view > before });
      open = null;
    }
    const view = common(current);
    if (open === null && view !== null) open = { view, from: { timeMs: v.timeMs, step: v.step }, ...(v.leader === undefined ? {} : { leader: v.leader }) };
  }
  if (open !== null) epochs.push({ ...open, until: END, leaver: null, entered: open.view > before });
  return epochs;
}
