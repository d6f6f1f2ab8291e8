import type { NodeId } from '../adapter/contract.js';
import { ContractError } from '../adapter/in-process.js';
import { TIMER, type EventQueue, type SimEvent } from './event-queue.js';

/** Timer ids per node whose entries stay when disarmed: more than any protocol's fixed set. */
const KEEP_DISARMED = 32;

/**
 * The timers of every node (replicas and clients). Arming a timer queues an event stamped with a
 * fresh generation; re-arming or cancelling only changes which generation is live, so a stale event
 * is recognised when it comes up rather than searched for in the queue.
 */
export class Timers {
  /** Per node: timer id → generation of its live event. */
  private readonly armed: Map<string, number>[] = [];
  private generations = 0;
  /** Told of every arming: the node, the timer, when it is due, and whether it was armed already (so is put off). */
  onSet: ((node: NodeId, id: string, at: number, wasArmed: boolean) => void) | null = null;

  /** Timers for nodes 0..nodes-1, whose events go on `queue`. */
  constructor(nodes: number, private readonly queue: EventQueue) {
    for (let i = 0; i < nodes; i++) this.armed.push(new Map());
  }

  /** Arms (or re-arms) timer `id` of `node` to fire `afterMs` (rounded up) after `now`. */
  set(node: NodeId, id: string, now: number, afterMs: number): void {
    if (typeof id !== 'string') throw new ContractError(`setTimer: 'id' must be a string, got ${typeof id}`);
    if (!(afterMs >= 0) || !Number.isFinite(afterMs)) {
      throw new ContractError(`setTimer: 'afterMs' must be a finite number ≥ 0, got ${String(afterMs)}`);
    }
    const gen = ++this.generations;
    const armed = this.armed[node] as Map<string, number>;
    const at = now + Math.ceil(afterMs);
    if (this.onSet !== null) this.onSet(node, id, at, (armed.get(id) ?? 0) !== 0);
    armed.set(id, gen);
    const ev = this.queue.allocate(at, TIMER, node, node, undefined);
    ev.timerId = id;
    ev.gen = gen;
    this.queue.push(ev);
  }

  /** Disarms timer `id` of `node`: its queued event, if any, becomes stale. */
  cancel(node: NodeId, id: string): void {
    this.disarm(node, id);
  }

  // Generation 0 marks a disarmed timer (generations start at 1), so a node's few timer ids keep
  // their entries: deleting and re-adding them at every firing made the map rebuild its table every
  // few events. Past KEEP_DISARMED ids (a replica naming timers afresh) entries are deleted again.
  private disarm(node: NodeId, id: string): void {
    const armed = this.armed[node] as Map<string, number>;
    if (armed.size > KEEP_DISARMED) armed.delete(id);
    else if (armed.has(id)) armed.set(id, 0);
  }

  /** True when `test` holds for every armed timer (node, id). */
  everyArmed(test: (node: NodeId, id: string) => boolean): boolean {
    for (let node = 0; node < this.armed.length; node++) {
      for (const [id, gen] of this.armed[node] as Map<string, number>) if (gen !== 0 && !test(node, id)) return false;
    }
    return true;
  }

  /** True when timer event `ev` was cancelled or re-armed since it was queued: no event at all. */
  isStale(ev: SimEvent): boolean {
    return (this.armed[ev.to] as Map<string, number>).get(ev.timerId) !== ev.gen;
  }

  /** Timer event `ev` fires: the timer is no longer armed (the handler may arm it again). */
  fired(ev: SimEvent): void {
    this.disarm(ev.to, ev.timerId);
  }
}
