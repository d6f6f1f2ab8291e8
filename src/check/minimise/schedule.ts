import type { Scenario } from '../../scenario/types.js';
import { Minimiser, type Best } from './minimiser.js';

/** Tape pass: cut the unread tail, drop chunks of the tape, halving the chunk size down to single entries, then zero entries. */
export async function tape(m: Minimiser): Promise<boolean> {
  // Entries past the last one the run reads are inert: cut them first, by bisection.
  let kept = await m.lower((s) => s.tape.length, (s, v) => ({ ...s, tape: s.tape.slice(0, v) }), 0);
  for (let size = Math.max(1, Math.floor(m.best.scenario.tape.length / 2)); size >= 1 && !m.exhausted; size = size === 1 ? 0 : Math.max(1, Math.floor(size / 2))) {
    const count = (s: Scenario): number => Math.ceil(s.tape.length / size);
    kept = (await m.each((s, i) => ({ ...s, tape: [...s.tape.slice(0, i * size), ...s.tape.slice((i + 1) * size)] }), count)) || kept;
  }
  kept = (await m.each((s, i) => (s.tape[i] === 0 ? null : { ...s, tape: s.tape.map((v, j) => (j === i ? 0 : v)) }), (s) => s.tape.length)) || kept;
  return kept;
}

/**
 * Time pass: the earliest GST and the shortest time limit that still fail (a liveness run needs
 * only reach its deadline). A run a tripwire stopped ends at its violation whatever limit lies
 * beyond it, so its limit is left alone rather than bisected for nothing.
 */
export async function time(m: Minimiser): Promise<boolean> {
  const gst = await m.lower((s) => s.gstMs, (s, v) => ({ ...s, gstMs: v }), 0);
  if (m.best.facts.stopReason === 'violation') return gst;
  const limit = await m.lower((s) => s.limits.timeMs, (s, v) => ({ ...s, limits: { ...s.limits, timeMs: v } }), 1);
  return gst || limit;
}

/** Candidate runs a settling move may spend on its time pass. */
const SETTLE_RUNS = 16;

/**
 * Before the traffic is cut (no lost messages yet), a move is judged after its own time pass: a
 * plan often pays off only with GST, and so its partitions, earlier than the old plan needed.
 * Afterwards moves are judged as they are (null).
 */
export function settling(m: Minimiser): ((failure: Best) => Promise<Best>) | undefined {
  if ((m.best.scenario.network.lost?.length ?? 0) > 0) return undefined;
  return async (failure) => {
    const sub = new Minimiser(failure, m.property, m.options, Math.min(SETTLE_RUNS, m.maxRuns - m.runs));
    await time(sub);
    m.runs += sub.runs;
    return sub.best;
  };
}
