import fc from 'fast-check';
import { bitsBelow, replicaMask } from './arbitrary.js';
import type { KindLossPlan } from './types.js';

/** Highest kind rank drawn: the kinds of a PBFT-like run's first view change (proposal, votes, checkpoint, view change, new view) fit. */
const KIND_RANK_MAX = 7;
/** Highest view a kind loss is scoped to: the first view changes, where partial ones happen. */
const KIND_VIEW_MAX = 2;

/**
 * The lone-certificate shape, as ranks and views: in the first view (0) only replica `slot` hears the
 * vote kind `vote` (rank 1 is the first vote in a protocol whose first message is the proposal,
 * rank 2 the second), so it alone completes that phase; then every message of view 1 to
 * and from it is lost, so the next view is built without it and reuses the slot for another
 * proposal; and in view 1 only the slots up to `slots` get through (every message with a
 * higher sequence number is lost), so its later requests time out and a second view change sees
 * certificates of two views with different values for one slot — the case that decides which
 * certificate wins. All before GST: the run then recovers, and liveness is judged as usual. The
 * shape spans two view changes, so it holds GST back to at least `gstMs` (drawn over a few view
 * change timeouts of a typical target: the losses do nothing once GST has come).
 */
function loneCertificateArbitrary(maxN: number) {
  return fc.record({
    slot: fc.nat(maxN * 4), vote: fc.integer({ min: 1, max: 2 }), slots: fc.integer({ min: 1, max: 2 }), gstMs: fc.integer({ min: 1_000, max: 3_000 }),
  });
}

/** One freely drawn kind loss (a rank or view one past its maximum means "any"). */
function freeKindLossArbitrary(maxN: number) {
  return fc.record({ sideMask: replicaMask(maxN), direction: fc.constantFrom('in' as const, 'out' as const), kind: fc.nat(KIND_RANK_MAX + 1), view: fc.nat(KIND_VIEW_MAX + 1) });
}

/** Which kind losses a space draws: the lone-certificate shape or free ones, or that shape alone. */
export type KindLossMode = 'any' | 'lone-certificate';

/** Kind losses as raw draws: the lone-certificate shape or none, then up to two free ones (`any`; shrinking goes towards none), or the shape alone. */
export function kindLossArbitrary(maxN: number, mode: KindLossMode): fc.Arbitrary<RawKindLosses> {
  if (mode === 'lone-certificate') return fc.record({ lone: loneCertificateArbitrary(maxN), free: fc.constant([]) });
  return fc.record({ lone: fc.option(loneCertificateArbitrary(maxN), { freq: 2 }), free: fc.array(freeKindLossArbitrary(maxN), { maxLength: 2 }) });
}

/** A draw of {@link kindLossArbitrary}. */
export type RawKindLosses = { lone: { slot: number; vote: number; slots: number; gstMs: number } | null; free: readonly { sideMask: number; direction: 'in' | 'out'; kind: number; view: number }[] };

/**
 * A run's kind losses, and the earliest GST they need: sides cut to the run's replicas (a side of
 * none or all cuts nothing); none beside a strategy's planned partitions, which they would cut into.
 */
export function kindLossesFor(raw: RawKindLosses, n: number, planned: boolean): { plans: KindLossPlan[]; gstAtLeastMs: number } {
  if (planned) return { plans: [], gstAtLeastMs: 0 };
  const out: KindLossPlan[] = [];
  if (raw.lone !== null) {
    const z = raw.lone.slot % n;
    const all = Array.from({ length: n }, (_, i) => i);
    const next = 1;
    out.push(
      { nodes: all.filter((r) => r !== z), direction: 'in', kind: raw.lone.vote, view: 0 },
      { nodes: [z], direction: 'in', view: next },
      { nodes: [z], direction: 'out', view: next },
      { nodes: all, direction: 'out', view: next, fromSeq: raw.lone.slots + 1 },
    );
  }
  for (const { sideMask, direction, kind, view } of raw.free) {
    const nodes = bitsBelow(sideMask, n);
    if (nodes.length === 0 || nodes.length === n) continue;
    out.push({ nodes, direction, ...(kind > KIND_RANK_MAX ? {} : { kind }), ...(view > KIND_VIEW_MAX ? {} : { view }) });
  }
  return { plans: out, gstAtLeastMs: raw.lone?.gstMs ?? 0 };
}
