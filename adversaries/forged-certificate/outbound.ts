/**
 * The forger's outgoing pipeline: what each message object its code sends becomes on the wire — a
 * rival proposal (with the votes that follow it), its own vote turned to a rival, a forgery of its
 * certificates, a rival nested in its NEW-VIEW/SYNC — re-signed where it can, decided once per object.
 */
import type { AdversaryEnv } from '../../src/adversary.js';
import { certificates, remember, resigned, type Forger } from './forger.js';
import type { Rivals } from './rivals.js';

/** How often and how it forges what it sends: `forge` doctors a payload's certificates for the `count`-th message holding one (undefined: nothing to forge). */
export interface OutboundForgery {
  readonly outbound: boolean;
  readonly everyK: number;
  readonly forge: (payload: unknown, count: number) => unknown;
  /**
   * Its own aggregate (a list only it signed, e.g. a leader's NEW-VIEW PRE-PREPAREs) doctored,
   * whatever `everyK` says: a leader sends one such message per view, too rare to skip; undefined
   * when there is none or the plan leaves it alone.
   */
  readonly forgeOwn?: (payload: unknown) => unknown;
  /** Messages that follow a forged `sent` (what `original` went out as) to each recipient; none when absent. */
  readonly followUps?: (original: unknown, sent: unknown) => readonly unknown[];
}

/** One faulty replica's outgoing messages: each payload object's fate, the votes that follow a rival, and what it has noted in the pool. */
export class Outbound {
  private outCount = 0;
  // One forgery per message object, so a broadcast shows every recipient the same lie.
  private readonly sentAs = new WeakMap<object, unknown>();
  private readonly followUps = new WeakMap<object, unknown[]>();
  // What it sends joins the pool once per message object (its withheld proposal too).
  private readonly noted = new WeakSet<object>();

  constructor(
    private readonly env: AdversaryEnv,
    private readonly forger: Forger,
    private readonly rivals: Rivals | undefined,
    private readonly forgery: OutboundForgery,
  ) {}

  /** Adds what it sends to the coalition's pool, once per message object. */
  note(payload: unknown): void {
    if (typeof payload !== 'object' || payload === null || this.noted.has(payload)) return;
    this.noted.add(payload);
    remember(this.forger, payload);
  }

  /** What goes on the wire for `payload`: the same for every recipient of one message object. */
  outgoing(payload: unknown): unknown {
    if (typeof payload !== 'object' || payload === null) return payload;
    const known = this.sentAs.get(payload);
    if (known !== undefined) return known;
    this.note(payload);
    let out: unknown = this.rivals?.vote(payload) ?? payload;
    const rival = this.rivals?.propose(payload);
    if (rival !== undefined) {
      out = rival.rival;
      this.followUps.set(payload, rival.votes);
    } else {
      const { outbound, everyK, forge, forgeOwn } = this.forgery;
      let forged = outbound ? forgeOwn?.(payload) : undefined;
      if (forged === undefined) forged = outbound && certificates(this.forger, payload).length > 0 && ++this.outCount % everyK === 0 ? forge(payload, this.outCount) : undefined;
      // A rival nested in its NEW-VIEW/SYNC (after any forgery of that message's certificates).
      forged = this.rivals?.nested(forged ?? payload) ?? forged;
      if (forged !== undefined) out = resigned(this.env, this.forger, payload, forged);
      const after = forged === undefined ? [] : this.forgery.followUps?.(payload, out) ?? [];
      if (after.length > 0) this.followUps.set(payload, [...after]);
    }
    this.sentAs.set(payload as object, out);
    return out;
  }

  /** The messages that follow `payload` to each recipient (a rival proposal's own votes); none for others. */
  followUpsOf(payload: unknown): readonly unknown[] {
    return typeof payload === 'object' && payload !== null ? this.followUps.get(payload) ?? [] : [];
  }
}
