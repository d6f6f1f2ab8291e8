/** Largest value a tape entry may hold; entries are small so shrinking them is quick. */
export const TAPE_MAX = 255;

/**
 * The choice tape: the simulator reads one entry whenever it must choose (which tied message to
 * deliver, whether to drop one, how long to delay it). 0 always means the canonical choice, and an
 * exhausted tape reads as 0 forever — so shrinking the tape towards shorter and smaller shrinks the
 * schedule towards FIFO with no faults.
 */
export class ChoiceTape {
  private position = 0;

  /** Wraps the scenario's tape; the array is read, never written. */
  constructor(private readonly entries: readonly number[]) {}

  /** Next raw entry, or 0 once the tape is exhausted. */
  next(): number {
    const p = this.position;
    if (p >= this.entries.length) return 0;
    this.position = p + 1;
    return this.entries[p] as number;
  }

  /** Next entry mapped to [0, choices): 0 stays 0 (canonical). */
  choose(choices: number): number {
    const v = this.next();
    return choices <= 1 ? 0 : v % choices;
  }

  /** Number of entries consumed so far. */
  get consumed(): number {
    return this.position;
  }

  /** True once every entry has been read. */
  get exhausted(): boolean {
    return this.position >= this.entries.length;
  }
}
