/**
 * The Replica a subprocess target hands the World: every handler writes its event as a line to the
 * leased child and returns a Promise of the child's effects, which the World applies (and drains)
 * before virtual time advances. The first event of an instance is preceded by a `reset`. With a
 * child speaking protocol 2, the World's lookahead (src/sim/lookahead.ts) lets the next deliveries
 * of the same instant be written right behind the current event: one pipe round trip for several.
 * With a child speaking protocol 3, message and request lines also carry the facts about the valid
 * signatures in them (signature-book.ts), so the child verifies those without a round trip.
 */
import type { ClientRequest, Effect, NodeId, Replica, ReplicaContext, TimerId } from '../contract.js';
import { LOOKAHEAD, PLAIN_IO, type Lookahead, type UpcomingEvent } from '../../sim/replica-hooks.js';
import { SubprocessError, type StepServices } from './child.js';
import type { Lease } from './pool.js';
import type { HarnessLine } from './protocol.js';
import type { SignedFact } from './signature-book.js';
import { signsThroughWorld } from '../../sim/sim-context.js';

/** How far ahead events are written to a protocol-2 child (see `SubprocessTargetOptions.pipelining`). */
export type Pipelining = 'instant' | 'event' | 'off';

/** Builds the replica instance for `ctx` on a leased child process. */
export function subprocessReplica(ctx: ReplicaContext<unknown>, lease: Lease, pipelining: Pipelining = 'instant'): Replica<unknown> {
  // Only the world's own crypto yields facts valid for every replica of the run (a strategy may rewire it).
  const vouched = signsThroughWorld(ctx);
  const { book } = lease;
  const services: StepServices = vouched
    ? {
        sign: (data) => {
          const signature = ctx.sign(data);
          book.learn(signature, ctx.config.id, data);
          return signature;
        },
        verify: (signer, data, signature) => {
          const valid = ctx.verify(signer, data, signature);
          if (valid) book.learn(signature, signer, data);
          return valid;
        },
        random: () => ctx.random(),
      }
    : { sign: (data) => ctx.sign(data), verify: (signer, data, signature) => ctx.verify(signer, data, signature), random: () => ctx.random() };
  /** Signatures this instance's child was vouched for since its reset (protocol 3). */
  const told = new Set<string>();
  const signedFacts = (payload: unknown): { signed?: readonly SignedFact[] } => {
    if (!vouched || !lease.process.takesSignedFacts) return {};
    const facts = book.factsIn(payload, told);
    return facts.length === 0 ? {} : { signed: facts };
  };
  let resetDone: Promise<void> | null = null;
  const { id, n, f, clients } = ctx.config;
  const resetLine = (): HarnessLine => ({ type: 'reset', config: { id, n, f, clients } });
  const reset = (line: HarnessLine): Promise<void> => {
    lease.process.clearStderr();
    return lease.step(line, services, 'reset').then((effects) => {
      if (effects.length > 0) throw new SubprocessError(`the child answered 'reset' with ${effects.length} effect(s); a reset has none`);
    });
  };
  const run = (line: HarnessLine, what: string): Promise<readonly Effect<unknown>[]> => {
    resetDone ??= reset(resetLine());
    return resetDone.then(() => lease.step(line, services, what));
  };
  const requestLine = (r: ClientRequest, now = ctx.now()): HarnessLine => {
    const { client, requestId, operation } = r;
    // The client's signature travels only when the harness' clients sign (the child may verify it in-band).
    const signed = typeof r.signature === 'string' ? { signature: r.signature } : {};
    return { type: 'request', now, client, requestId, operation, ...signed, ...signedFacts(r.signature) };
  };
  const messageLine = (from: NodeId, payload: unknown, now = ctx.now()): HarnessLine => ({ type: 'message', now, from, payload: payload ?? null, ...signedFacts(payload) });
  const timerLine = (timer: TimerId, now = ctx.now()): HarnessLine => ({ type: 'timer', now, id: timer });
  /** Events written ahead to the child, with the line each was sent as; their handlers reuse those lines. */
  const ahead: { readonly event: UpcomingEvent; readonly line: HarnessLine }[] = [];
  const lineFor = (handled: (e: UpcomingEvent) => boolean, make: () => HarnessLine, what: string): HarnessLine => {
    const next = ahead[0];
    if (next === undefined) return make();
    if (!handled(next.event) || next.event.time !== ctx.now()) throw new Error(`byzcheck bug: replica ${id} got ${what}, not the event the lookahead promised (${next.event.kind})`);
    ahead.shift();
    return next.line;
  };
  const replica: Replica<unknown> = {
    init: () => run(lineFor((e) => e.kind === 'init', () => ({ type: 'init', now: ctx.now() }), 'init'), 'init'),
    onMessage: (from: NodeId, payload: unknown) => {
      const what = `message from ${from}`;
      return run(lineFor((e) => e.kind === 'deliver' && e.from === from && e.payload === payload, () => messageLine(from, payload), what), what);
    },
    onTimer: (timer: TimerId) => {
      const what = `timer ${JSON.stringify(timer)}`;
      return run(lineFor((e) => e.kind === 'timer' && e.id === timer, () => timerLine(timer), what), what);
    },
    onRequest: (r: ClientRequest) => {
      const what = `request ${r.requestId} of client ${r.client}`;
      return run(lineFor((e) => e.kind === 'deliver' && e.payload === r, () => requestLine(r), what), what);
    },
  };
  const lineOf = (u: UpcomingEvent): HarnessLine => {
    if (u.kind === 'init') return { type: 'init', now: u.time };
    if (u.kind === 'timer') return timerLine(u.id, u.time);
    // The World's own rule: a delivery from a node id past the replicas is a client's request.
    return u.from >= n ? requestLine(u.payload as ClientRequest, u.time) : messageLine(u.from, u.payload, u.time);
  };
  const offer = (upcoming: readonly UpcomingEvent[], idle: boolean): void => {
    // Events already written ahead come first; new hints wait until those are handled.
    if (ahead.length > 0 || !lease.process.pipelines || pipelining === 'off' || (idle && pipelining === 'event')) return;
    for (const event of upcoming) ahead.push({ event, line: lineOf(event) });
    const lines = ahead.map((a) => a.line);
    if (!idle) {
      // The event just handed over is not on the wire yet: these follow its line.
      lease.process.writeAheadOf(lines);
      return;
    }
    // Nothing of this replica is on its way to the child: write now, behind its reset if it has none yet.
    if (resetDone !== null) {
      lease.process.writeNow(lines);
      return;
    }
    const line = resetLine();
    lease.process.writeNow([line, ...lines]);
    resetDone = reset(line);
  };
  const lookahead: Lookahead = { hungry: () => ahead.length === 0 && pipelining !== 'off' && lease.process.pipelines, offer };
  // Not enumerable: an adversary that wraps this replica with a spread must not pass it on.
  Object.defineProperty(replica, LOOKAHEAD, { value: lookahead, enumerable: false });
  // Its promises only wait for the child: nothing to drain after each event (an adversary wrapping it may start work, and drops the mark).
  Object.defineProperty(replica, PLAIN_IO, { value: true, enumerable: false });
  return replica;
}
