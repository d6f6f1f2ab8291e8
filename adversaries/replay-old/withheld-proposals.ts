/**
 * replay-old's way to a view boundary: replaying into a new view needs a view change, and a
 * replayer that leads honestly never causes one. So as a view's leader it proposes `quota` times,
 * sends its next proposal to one replica only (a slot left open: proposed, never prepared), and
 * withholds every later proposal of that view; the others time out and change view, with old
 * messages of an open slot for replay-old to replay into the next view.
 *
 * Codec-free: a proposal is a message whose type name has the proposal role (PRE-PREPARE,
 * PROPOSE, …), read through the payload structure with its view.
 */
import type { NodeId, PayloadFields } from '../../src/adapter/contract.js';
import { roleOfType } from '../../src/adapter/message-roles.js';

/** One faulty leader's proposals per view: how many it made, and who gets the one left open. */
export class WithheldProposals {
  private readonly counted = new WeakMap<object, number>();
  private readonly perView = new Map<number, number>();
  private readonly firstTo = new WeakMap<object, NodeId>();

  constructor(private readonly fieldsOf: (payload: unknown) => PayloadFields, private readonly quota: number) {}

  /** Whether its own `payload` goes to `to`: every message but the proposals past its quota in a view. */
  delivers(to: NodeId, payload: unknown): boolean {
    if (typeof payload !== 'object' || payload === null) return true;
    const f = this.fieldsOf(payload);
    if (f.view === undefined || roleOfType(f.type) !== 'proposal') return true;
    let index = this.counted.get(payload);
    if (index === undefined) {
      index = (this.perView.get(f.view) ?? 0) + 1;
      this.perView.set(f.view, index);
      this.counted.set(payload, index);
    }
    if (index <= this.quota) return true;
    if (index > this.quota + 1) return false;
    // The open slot: the first recipient only, the same one for a retransmission of the same object.
    const first = this.firstTo.get(payload) ?? to;
    this.firstTo.set(payload, first);
    return first === to;
  }
}
