/**
 * Steps of one run handed back in the order they were issued. A strategy may run two replica
 * instances' handlers at once (the twins of `equivocating-primary` and `twins` do) and apply each
 * one's effects when it settles; over child processes, which child answers first is a race of the
 * wall clock, so effects (and the trace) would follow it. In process, handlers settle in call
 * order; holding each child's answer until every earlier step of the run has settled makes a
 * subprocess run do the same.
 *
 * The children must not even work at once: a child's in-band asks are answered as they arrive, and
 * the World's generator (`random`) is one for the run, so two children asking at once would draw in
 * the order the wall clock brings their asks. A step therefore starts only once every earlier step
 * of its run has settled ({@link StepOrder.settled}), as handlers run in process: one after another.
 */

/** The hand-over order of one run's steps, and the gate that starts each once the earlier ones settled. */
export class StepOrder {
  private tail: Promise<unknown> = Promise.resolve();
  /** Steps handed to this order whose turn has not settled yet. */
  private waiting = 0;

  /** `step`'s outcome, settled no earlier than every step handed to this order before it. */
  inTurn<T>(step: Promise<T>): Promise<T> {
    this.waiting++;
    const turn = this.tail.then(() => step);
    const settled = (): void => void this.waiting--;
    this.tail = turn.then(settled, settled);
    return turn;
  }

  /** Resolves once every step handed to this order so far has settled (at once when {@link idle}). */
  settled(): Promise<unknown> {
    return this.tail;
  }

  /** True when every step handed over so far has settled: a step may then be handed over at once. */
  get idle(): boolean {
    return this.waiting === 0;
  }
}
