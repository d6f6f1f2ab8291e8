import type { NodeId } from '../adapter/contract.js';
import type { LostMessage } from '../scenario/types.js';

/**
 * The messages a network plan loses by name: the nth message one node sends another. Counts every
 * message on each link, lost or not, so a loss never renumbers the others on its link. A lost
 * message draws nothing from the tape (as a partitioned one), so the messages after it may draw
 * other delays and drops than they did without the loss; the minimiser judges the run that results,
 * and replay reproduces it exactly.
 */
export class LostMessages {
  /** False when the plan names no message: the world then skips it entirely. */
  readonly active: boolean;
  private readonly lost: ReadonlySet<string>;
  private readonly sent = new Map<string, number>();

  /** Wraps the plan's list (absent: nothing is lost). */
  constructor(lost: readonly LostMessage[] | undefined) {
    this.lost = new Set((lost ?? []).map((m) => `${m.from}>${m.to}#${m.nth}`));
    this.active = this.lost.size > 0;
  }

  /** True once every message the plan loses has been sent (and lost): the plan can lose nothing more. */
  spent(): boolean {
    if (!this.active) return true;
    for (const name of this.lost) {
      const cut = name.lastIndexOf('#');
      if ((this.sent.get(name.slice(0, cut)) ?? 0) < Number(name.slice(cut + 1))) return false;
    }
    return true;
  }

  /** Counts a message from `from` to `to` and says whether it is one the plan loses. */
  lose(from: NodeId, to: NodeId): boolean {
    const link = `${from}>${to}`;
    const nth = (this.sent.get(link) ?? 0) + 1;
    this.sent.set(link, nth);
    return this.lost.has(`${link}#${nth}`);
  }
}
