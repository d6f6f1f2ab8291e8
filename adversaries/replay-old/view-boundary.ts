/**
 * replay-old's view boundary: old messages are harmless unless they land where the new view is at
 * work, so they are sent exactly there. When a peer shows it works on slot s in a view v (it sends
 * a proposal or vote of v at s), it gets the kept messages of views before v at s — proposals and
 * votes, each validly signed by its author (the faulty replica's own among them). They land while
 * that slot is still being prepared and committed, which is when a replica that takes an old view's
 * message as current replaces the slot (losing its proposal and votes). When a peer first shows it
 * works in view v, it gets the past views' NEW-VIEWs and view changes (its own too): a replica that
 * obeys an old NEW-VIEW goes back a view. And once a leader proposes in its view, it gets that
 * view's own NEW-VIEW again: obeyed twice, it would restart its sequence numbers.
 *
 * Codec-free: view, seq, digest and type are read through the payload structure (the codec's
 * fields, or key names guessed without one); a message's role comes from its type name where one
 * is known, and a message carrying a view and a digest counts as a vote otherwise.
 */
import type { NodeId, PayloadFields } from '../../src/adapter/contract.js';
import { roleOfType } from '../../src/adapter/message-roles.js';

/** How many view-bound messages it keeps (oldest dropped first). */
const KEPT = 96;

interface Kept {
  readonly payload: unknown;
  readonly view: number;
  readonly seq: number | undefined;
  readonly role: string;
}

const ON_SLOTS = ['proposal', 'vote', 'commit-vote'];

/** A message's view, seq and role, if it is a proposal, a vote, a NEW-VIEW or a view change. */
function classify(f: PayloadFields): Kept | undefined {
  if (f.view === undefined) return undefined;
  const named = roleOfType(f.type);
  const role = named === 'other' && f.digest !== undefined ? 'vote' : named;
  return [...ON_SLOTS, 'new-view', 'view-change'].includes(role) ? { payload: undefined, view: f.view, seq: f.seq, role } : undefined;
}

/** One faulty replica's record of view-bound messages, and of what each peer has been sent again. */
export class ViewBoundary {
  private readonly kept: Kept[] = [];
  private readonly seen = new WeakSet<object>();
  /** `peer/view` and `peer/view/seq` keys already answered. */
  private readonly answered = new Set<string>();

  constructor(
    private readonly fieldsOf: (payload: unknown) => PayloadFields,
    private readonly post: (to: NodeId, payload: unknown) => void,
  ) {}

  /**
   * Keeps a message it has just sent to `to` (its own old proposals and votes are replayable too);
   * right behind its own NEW-VIEW or proposal of a later view go the past views' messages there.
   */
  sent(to: NodeId, payload: unknown): void {
    const c = classify(this.fieldsOf(payload));
    if (c === undefined) return;
    this.keep(payload, c);
    if (c.view === 0) return;
    if (c.role === 'new-view') this.once(`${to}/${c.view}`, to, (k) => k.view < c.view);
    if (c.role === 'proposal' && c.seq !== undefined) this.once(`${to}/${c.view}/${c.seq}`, to, (k) => ON_SLOTS.includes(k.role) && k.view < c.view && k.seq === c.seq);
  }

  /**
   * Notes a message from peer `from`. A new view's NEW-VIEW or proposal seen here reaches the
   * others at about the same time, so what the past views left at its slots, sent now to every
   * peer, lands after they take the new proposal and before they commit it.
   */
  observe(from: NodeId, payload: unknown, peers: readonly NodeId[]): void {
    const c = classify(this.fieldsOf(payload));
    if (c === undefined) return;
    this.keep(payload, c);
    if (c.role === 'view-change' || c.view === 0) return;
    if (c.role === 'new-view') {
      for (const to of peers) this.once(`${to}/${c.view}`, to, (k) => k.view < c.view);
      return;
    }
    if (c.role === 'proposal' && c.seq !== undefined) {
      for (const to of peers) this.once(`${to}/${c.view}/${c.seq}`, to, (k) => ON_SLOTS.includes(k.role) && k.view < c.view && k.seq === c.seq);
      // A leader proposing in its view: that view's NEW-VIEW once more, after the proposal.
      this.once(`${from}/${c.view}/again`, from, (k) => k.role === 'new-view' && k.view === c.view, 1);
    }
    // A peer's vote at a slot: one more chance, to it alone, if the above landed before its proposal
    // (or the proposal was this replica's own, which it never observes).
    if (c.role !== 'proposal' && c.seq !== undefined) this.once(`${from}/${c.view}/${c.seq}/vote`, from, (k) => ON_SLOTS.includes(k.role) && k.view < c.view && k.seq === c.seq);
  }

  private once(key: string, to: NodeId, wanted: (k: Kept) => boolean, most = KEPT): void {
    if (this.answered.has(key)) return;
    const old = this.kept.filter(wanted).slice(-most);
    if (old.length === 0) return;
    this.answered.add(key);
    for (const k of old) this.post(to, k.payload);
  }

  private keep(payload: unknown, c: Kept): void {
    if (typeof payload !== 'object' || payload === null || this.seen.has(payload)) return;
    this.seen.add(payload);
    this.kept.push({ ...c, payload });
    if (this.kept.length > KEPT) this.kept.shift();
  }
}
