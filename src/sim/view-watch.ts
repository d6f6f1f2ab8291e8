import type { Codec, NodeId } from '../adapter/contract.js';
import type { RunFacts } from './facts.js';
import type { RunClock } from './recorder.js';

/**
 * Reads the view of every payload honest replicas send, through the target's codec, and records a
 * {@link ViewFact} when one moves above every view it sent in before. One codec call per send, so
 * the world keeps a watch only for runs the timing properties can judge (a timeliness bound and a
 * codec); it watches the whole run, since view-change-timeliness judges the views after the faults.
 */
export class ViewWatch {
  private readonly highest: number[];

  constructor(
    private readonly codec: Codec<unknown>,
    private readonly facts: RunFacts,
    private readonly clock: RunClock,
    private readonly leaderOf?: (view: number) => NodeId | undefined,
  ) {
    this.highest = new Array<number>(facts.n).fill(Number.NEGATIVE_INFINITY);
  }

  /** Replica `node` (honest) sends `payload`; false once nothing more will be recorded (time only moves on), so the world can drop the watch. */
  sent(node: NodeId, payload: unknown): boolean {
    if (this.clock.isStopped()) return false;
    let view: number | undefined;
    try {
      view = this.codec.fields(payload).view;
    } catch {
      // A payload the codec cannot read has no view; replica-contract is not this watch's business.
      return true;
    }
    if (typeof view !== 'number' || !Number.isFinite(view) || view <= (this.highest[node] as number)) return true;
    this.highest[node] = view;
    const leader = this.leaderOf?.(view);
    this.facts.views.push({ replica: node, view, step: this.clock.currentStep(), timeMs: this.clock.now(), ...(leader === undefined ? {} : { leader }) });
    return true;
  }
}
