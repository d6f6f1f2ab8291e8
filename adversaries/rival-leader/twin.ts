/**
 * The rival leader's twin: a second copy of the faulty replica's own code that hears what its code
 * hears, save the first few client requests (so its batches differ) and, when deaf, every other
 * replica's proposal (so it knows no lock, no valid value and no newer certificate than the ones
 * votes and view changes bring it). Where the faulty replica leads, the twin's proposal is then
 * another VALID proposal for the same slot — a fresh batch, or a block on an older certificate —
 * built, hashed and signed by the target's own code under the faulty node's key: no codec and no
 * knowledge of how a proposal is made. What the twin sends is handed to `capture`, never the wire;
 * its timers are namespaced, and what it would commit, execute or reply is nobody's.
 */
import type { ClientRequest, NodeId } from '../../src/adapter/contract.js';
import type { AdversaryEnv } from '../../src/adversary.js';
import { silentCopy, type SettledReplica } from '../kit.js';

/** The prefix of the twin's timers. */
export const TWIN_TIMER_PREFIX = 'rival-twin:';

/** What makes the twin differ from its code. */
export interface TwinDifference {
  /** 0: it hears every client request; k: it misses every (k + 1)-th distinct one, the first included (so its batches differ wherever requests are pending). */
  readonly drop: number;
  /** True: it hears no other replica's proposal. */
  readonly deaf: boolean;
}

/** A copy of the faulty replica's code that sees a slightly different world (see the file's note). */
export class Twin {
  private readonly copy: SettledReplica;
  private readonly seen = new Map<string, boolean>();

  constructor(
    env: AdversaryEnv,
    private readonly difference: TwinDifference,
    private readonly isProposal: (from: NodeId, payload: unknown) => boolean,
    capture: (to: NodeId, payload: unknown) => void,
  ) {
    this.copy = silentCopy(env, TWIN_TIMER_PREFIX, capture);
  }

  init(): Promise<void> | undefined {
    return this.copy.init();
  }

  /** A message its code hears: the twin hears it too, unless deaf to it. */
  onMessage(from: NodeId, payload: unknown): Promise<void> | undefined {
    if (this.difference.deaf && this.isProposal(from, payload)) return undefined;
    return this.copy.onMessage(from, payload);
  }

  /** A request its code hears: the twin misses every (drop + 1)-th distinct one (retransmissions of it too). */
  onRequest(request: ClientRequest): Promise<void> | undefined {
    const key = `${request.client}/${request.requestId}`;
    let missed = this.seen.get(key);
    if (missed === undefined) {
      missed = this.difference.drop > 0 && this.seen.size % (this.difference.drop + 1) === 0;
      this.seen.set(key, missed);
    }
    return missed ? undefined : this.copy.onRequest(request);
  }

  /** True for a timer of the twin's. */
  owns(timer: string): boolean {
    return timer.startsWith(TWIN_TIMER_PREFIX);
  }

  /** Fires one of the twin's timers. */
  onTimer(timer: string): Promise<void> | undefined {
    return this.copy.onTimer(timer.slice(TWIN_TIMER_PREFIX.length));
  }
}
