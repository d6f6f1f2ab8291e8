/**
 * The Replica a subprocess target hands the World: every handler writes its event as a line to the
 * leased child and returns a Promise of the child's effects, which the World applies (and drains)
 * before virtual time advances. The first event of an instance is preceded by a `reset`. With a
 * child speaking protocol 2, the World's lookahead (src/sim/lookahead.ts) names the events the
 * replica certainly handles next, and they are written ahead (write-ahead.ts): the child works on
 * them while byzcheck is busy elsewhere, and one pipe round trip serves several.
 * With a child speaking protocol 3, message and request lines also carry the facts about the valid
 * signatures in them (signature-book.ts), so the child verifies those without a round trip.
 */
import type { ClientRequest, Effect, NodeId, Replica, ReplicaContext, TimerId } from '../contract.js';
import { LOOKAHEAD, PLAIN_IO, type UpcomingEvent } from '../../sim/replica-hooks.js';
import { SubprocessError, type StepServices } from './child.js';
import type { Lease } from './pool.js';
import type { HarnessLine } from './protocol.js';
import type { SignatureBook, SignedFact } from './signature-book.js';
import { WriteAhead, type Pipelining } from './write-ahead.js';
import { issuedThroughWorld, signsThroughWorld } from '../../sim/sim-context.js';

export type { Pipelining } from './write-ahead.js';

/** What the child's in-band requests get: the World's keys and generator; valid signatures also teach `book` (protocol 3) when `vouched`. */
function stepServices(ctx: ReplicaContext<unknown>, book: SignatureBook, vouched: boolean): StepServices {
  if (!vouched) return { sign: (data) => ctx.sign(data), verify: (signer, data, signature) => ctx.verify(signer, data, signature), random: () => ctx.random() };
  return {
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
  };
}

/** Builds the replica instance for `ctx` on a leased child process. */
export function subprocessReplica(ctx: ReplicaContext<unknown>, lease: Lease, pipelining: Pipelining = 'instant'): Replica<unknown> {
  // Only the world's own crypto yields facts valid for every replica of the run (a strategy may rewire it).
  const vouched = signsThroughWorld(ctx);
  // The run's table of issued signatures: vouches for a strategy's or a client's signatures too,
  // which no child signed or verified yet (every one of them verifies, for its signer and text).
  const issued = vouched ? issuedThroughWorld(ctx) : undefined;
  const { book } = lease;
  const services = stepServices(ctx, book, vouched);
  /** Signatures this instance's child was vouched for since its reset (protocol 3). */
  const told = new Set<string>();
  const signedFacts = (payload: unknown): { signed?: readonly SignedFact[] } => {
    if (!vouched || !lease.process.takesSignedFacts) return {};
    const facts = book.factsIn(payload, told, issued);
    return facts.length === 0 ? {} : { signed: facts };
  };
  let resetDone: Promise<void> | null = null;
  /** True once this instance's reset succeeded: a step answered already may then be handed over at once. */
  let resetOk = false;
  const { id, n, f, clients } = ctx.config;
  const resetLine = (): HarnessLine => ({ type: 'reset', config: { id, n, f, clients } });
  const reset = (line: HarnessLine): Promise<void> => {
    lease.process.clearStderr();
    return lease.step(line, services, 'reset').then((effects) => {
      if (effects.length > 0) throw new SubprocessError(`the child answered 'reset' with ${effects.length} effect(s); a reset has none`);
      resetOk = true;
    });
  };
  const run = (line: HarnessLine, what: string): readonly Effect<unknown>[] | Promise<readonly Effect<unknown>[]> => {
    // Most steps of a child written ahead are answered before the World asks: no promise for those.
    const ready = resetOk ? lease.stepNow(line, what) : undefined;
    if (ready !== undefined) return ready;
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
  const lineOf = (u: UpcomingEvent): HarnessLine => {
    if (u.kind === 'init') return { type: 'init', now: u.time };
    if (u.kind === 'timer') return timerLine(u.id, u.time);
    // The World's own rule: a delivery from a node id past the replicas is a client's request.
    return u.from >= n ? requestLine(u.payload as ClientRequest, u.time) : messageLine(u.from, u.payload, u.time);
  };
  const written = new WriteAhead(lease, pipelining, lineOf, {
    due: () => resetDone === null,
    begin: (line) => void (resetDone = reset(line)),
    line: resetLine,
  });
  const lineFor = (handled: (e: UpcomingEvent) => boolean, make: () => HarnessLine, what: string): HarnessLine => written.lineFor(handled, make, ctx.now(), what);
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
  // Not enumerable: an adversary that wraps this replica with a spread must not pass it on.
  Object.defineProperty(replica, LOOKAHEAD, { value: written, enumerable: false });
  // Its promises only wait for the child: nothing to drain after each event (an adversary wrapping it may start work, and drops the mark).
  Object.defineProperty(replica, PLAIN_IO, { value: true, enumerable: false });
  return replica;
}
