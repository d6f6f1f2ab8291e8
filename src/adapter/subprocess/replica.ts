/**
 * The Replica a subprocess target hands the World: every handler writes its event as a line to the
 * leased child and returns a Promise of the child's effects, which the World applies (and drains)
 * before virtual time advances. The first event of an instance is preceded by a `reset`.
 */
import type { ClientRequest, Effect, NodeId, Replica, ReplicaContext, TimerId } from '../contract.js';
import { SubprocessError, type StepServices } from './child.js';
import type { Lease } from './pool.js';
import type { HarnessLine } from './protocol.js';

/** Builds the replica instance for `ctx` on a leased child process. */
export function subprocessReplica(ctx: ReplicaContext<unknown>, lease: Lease): Replica<unknown> {
  const services: StepServices = {
    sign: (data) => ctx.sign(data),
    verify: (signer, data, signature) => ctx.verify(signer, data, signature),
    random: () => ctx.random(),
  };
  let resetDone: Promise<void> | null = null;
  const { id, n, f, clients } = ctx.config;
  const reset = (): Promise<void> => {
    lease.process.clearStderr();
    return lease.step({ type: 'reset', config: { id, n, f, clients } }, services, 'reset').then((effects) => {
      if (effects.length > 0) throw new SubprocessError(`the child answered 'reset' with ${effects.length} effect(s); a reset has none`);
    });
  };
  const run = (line: HarnessLine, what: string): Promise<readonly Effect<unknown>[]> => {
    resetDone ??= reset();
    return resetDone.then(() => lease.step(line, services, what));
  };
  return {
    init: () => run({ type: 'init', now: ctx.now() }, 'init'),
    onMessage: (from: NodeId, payload: unknown) => run({ type: 'message', now: ctx.now(), from, payload: payload ?? null }, `message from ${from}`),
    onTimer: (timer: TimerId) => run({ type: 'timer', now: ctx.now(), id: timer }, `timer ${JSON.stringify(timer)}`),
    onRequest: (r: ClientRequest) => {
      const { client, requestId, operation } = r;
      // The client's signature travels only when the harness' clients sign (the child may verify it in-band).
      const signed = typeof r.signature === 'string' ? { signature: r.signature } : {};
      return run({ type: 'request', now: ctx.now(), client, requestId, operation, ...signed }, `request ${requestId} of client ${client}`);
    },
  };
}
