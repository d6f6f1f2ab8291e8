/** Anything the event queue can order: a virtual time and a tie-breaking insertion number. */
export interface Timed {
  /** Virtual time in ms at which the event fires. */
  time: number;
  /** Insertion order; breaks ties so equal-time events fire first-in, first-out. */
  seq: number;
}

function before(a: Timed, b: Timed): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

/** A binary min-heap ordered by (time, seq): the event queue's order of its instants (event-queue.ts). */
export class EventHeap<T extends Timed> {
  private readonly items: T[] = [];

  /** Number of queued events. */
  get size(): number {
    return this.items.length;
  }

  /** The earliest event, without removing it. */
  peek(): T | undefined {
    return this.items[0];
  }

  /** Adds an event. */
  push(item: T): void {
    const items = this.items;
    let i = items.length;
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent] as T;
      if (!before(item, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = item;
  }

  /** Removes and returns the earliest event. */
  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    const size = items.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const r = l + 1;
      let c = l;
      let child = items[l] as T;
      if (r < size) {
        const right = items[r] as T;
        if (before(right, child)) {
          c = r;
          child = right;
        }
      }
      if (!before(child, last)) break;
      items[i] = child;
      i = c;
    }
    items[i] = last;
    return top;
  }

  /** Removes every event. */
  /** Calls `visit` with every item, in no particular order. */
  forEach(visit: (item: T) => void): void {
    for (const item of this.items) visit(item);
  }

  clear(): void {
    this.items.length = 0;
  }
}
