/**
 * Steps of one run handed back in the order they were issued. A strategy may run two replica
 * instances' handlers at once (the twins of `equivocating-primary` and `twins` do) and apply each
 * one's effects when it settles; over child processes, which child answers first is a race of the
 * wall clock, so effects (and the trace) would follow it. In process, handlers settle in call
 * order; holding each child's answer until every earlier step of the run has settled makes a
 * subprocess run do the same. The children still work at once: only the hand-over waits.
 */

/** The hand-over order of one run's steps. */
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

  /** True when every step handed over so far has settled: a step may then be handed over at once. */
  get idle(): boolean {
    return this.waiting === 0;
  }
}
