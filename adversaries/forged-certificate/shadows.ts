/**
 * Shadow copies of the faulty replica's own code, used only to make a rival proposal: each copy
 * starts fresh (so it stands where the real code stood before its first proposal) and hears one
 * client request, so it proposes the value the real code would for that request alone — another
 * valid value for the same slot when the real code proposes another request
 * — built, digested and signed by the target's own code under the faulty node's key, with no codec
 * and no knowledge of how a proposal is made. A shadow's outgoing messages never leave the node;
 * its timers are namespaced, and what it would commit, execute or reply is dropped.
 */
import type { ClientRequest, NodeId } from '../../src/adapter/contract.js';
import type { AdversaryEnv } from '../../src/adversary.js';
import { inSequence, silentCopy, type SettledReplica } from '../kit.js';

/** How many shadows a run may start: one per request, the first few. */
const MAX_SHADOWS = 4;

/** The prefix of a shadow's timers. */
const PREFIX = 'first-split-shadow';

/** A request's identity (a retransmission is the same request). */
const requestKey = (r: ClientRequest): string => `${r.client}/${r.requestId}`;

/** Honest copies, one per request, each message they send handed to `capture` with the copy's request. */
export class Shadows {
  private readonly copies: SettledReplica[] = [];
  private readonly started = new Set<string>();
  private closed = false;

  constructor(private readonly env: AdversaryEnv, private readonly capture: (payload: unknown, request: ClientRequest) => void) {}

  /** A fresh copy that hears `request` alone (once per request, while there is room): what it proposes is `capture`d. */
  feed(request: ClientRequest): Promise<void> | undefined {
    if (this.closed || this.started.has(requestKey(request)) || this.copies.length >= MAX_SHADOWS) return undefined;
    this.started.add(requestKey(request));
    const copy = this.start(this.copies.length, request);
    this.copies.push(copy);
    return inSequence([() => copy.init(), () => copy.onRequest(request)]);
  }

  /** The shadows are done (a rival was taken): they hear nothing more and their timers are ignored. */
  close(): void {
    this.closed = true;
  }

  /** True for a timer of a shadow (whether or not it is still running). */
  owns(timer: string): boolean {
    return timer.startsWith(PREFIX);
  }

  /** Fires a shadow's timer. */
  onTimer(timer: string): Promise<void> | undefined {
    const m = /^first-split-shadow(\d+):(.*)$/s.exec(timer);
    const copy = m === null ? undefined : this.copies[Number(m[1])];
    return this.closed || copy === undefined ? undefined : copy.onTimer((m as RegExpExecArray)[2] as string);
  }

  private start(index: number, request: ClientRequest): SettledReplica {
    const capture = (_to: NodeId, payload: unknown): void => {
      if (!this.closed) this.capture(payload, request);
    };
    // A shadow is no replica of the run: its decisions, replies and views are nobody's.
    return silentCopy(this.env, `${PREFIX}${index}:`, capture, (payload) => capture(-1, payload));
  }
}
