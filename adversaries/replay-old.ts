import fc from 'fast-check';
import { z } from 'zod';
import { defineAdversary } from '../src/adversary.js';
import { interceptOutbox, structureCodec } from './kit.js';
import { ViewBoundary } from './replay-old/view-boundary.js';
import { WithheldProposals } from './replay-old/withheld-proposals.js';

/** Parameters: replay after every `everyK`-th outgoing message, a message `lag` receptions old. */
export interface ReplayOldParams {
  readonly everyK: number;
  readonly lag: number;
}

const KEPT = 64;

/**
 * What it has heard, and what it heard in views now past: when a message of a higher view than any
 * before arrives, the kept messages of lower views become stale ones, the material for replaying an
 * old view's PRE-PREPAREs, votes and NEW-VIEWs into the new one (view and digest read by the codec,
 * or from the payload's key names without one). Messages that carry a digest — proposals and votes
 * on a value — are kept apart, because the chatter of a long view change (status, view-change
 * messages) would otherwise push every old proposal and vote out of the window before the view moves.
 */
class Heard {
  readonly recent: unknown[] = [];
  stale: unknown[] = [];
  private view = -1;
  private readonly onValues: { readonly payload: unknown; readonly view: number }[] = [];

  constructor(private readonly fieldsOf: (payload: unknown) => { readonly view?: number; readonly digest?: string }) {}

  add(payload: unknown): void {
    const { view, digest } = this.fieldsOf(payload);
    if (view !== undefined && view > this.view) {
      if (this.view >= 0) this.stale = this.onValues.filter((m) => m.view < view).map((m) => m.payload);
      this.view = view;
    }
    if (view !== undefined && digest !== undefined) {
      this.onValues.push({ payload, view });
      if (this.onValues.length > KEPT) this.onValues.shift();
    }
    this.recent.push(payload);
    if (this.recent.length > KEPT) this.recent.shift();
  }
}

/**
 * Replay: runs the honest code and, every k-th message it sends, also re-sends to the same
 * recipient an old message it received earlier — validly signed by its original author. Once a
 * view change has happened, every other replay is of a message from a view now past (the `lag`-th
 * latest of them): an old view's proposal or vote must not count in the new view. And as each peer
 * shows it works at a slot of a new view, it gets the past views' messages of that slot at once
 * (see ViewBoundary). As a leader it makes those view changes happen: `lag` proposals per view,
 * then one sent to a single replica and the rest withheld (see WithheldProposals).
 */
export const replayOld = defineAdversary<ReplayOldParams>({
  name: 'replay-old',
  description: 're-sends old, validly signed messages it received earlier (after a view change, also ones of past views), alongside its own',
  params: () => fc.record({ everyK: fc.integer({ min: 1, max: 8 }).map((k) => 9 - k), lag: fc.integer({ min: 1, max: 16 }) }),
  schema: z.object({ everyK: z.number().int().positive(), lag: z.number().int().positive() }).strict(),
  enact(env, { everyK, lag }) {
    const structure = structureCodec(env.codec, env.signatures);
    const heard = new Heard((payload) => structure.fields(payload));
    // At each peer's view boundary, the past views' messages go to it at once (see ViewBoundary).
    const boundary = new ViewBoundary((payload) => structure.fields(payload), (to, payload) => env.ctx.send(to, payload));
    const n = env.ctx.config.n;
    const peers = [...Array(n).keys()].filter((id) => id !== env.ctx.config.id);
    // As a leader, 1–4 proposals per view (by `lag`), then one left open and the rest withheld: a view change to replay into.
    const withheld = new WithheldProposals((payload) => structure.fields(payload), Math.ceil(lag / 4));
    let sent = 0;
    return interceptOutbox(env, {
      observe: (from, payload) => {
        heard.add(payload);
        if (from < n && from !== env.ctx.config.id) boundary.observe(from, payload, peers);
      },
      send: (to, payload, post) => {
        if (!withheld.delivers(to, payload)) return;
        post(to, payload);
        boundary.sent(to, payload);
        sent++;
        if (sent % everyK !== 0) return;
        const { recent, stale } = heard;
        const fromPast = stale.length > 0 && (sent / everyK) % 2 === 0;
        const old = fromPast ? stale[Math.max(0, stale.length - 1 - ((lag - 1 + sent / everyK) % stale.length))] : recent[recent.length - lag];
        if (old !== undefined) post(to, old);
      },
    });
  },
});
