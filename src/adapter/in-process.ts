import type { Effect, HandlerResult, ReplicaContext } from './contract.js';

/** A replica broke the adapter contract (bad effect, bad field); a finding about the replica. */
export class ContractError extends Error {
  override readonly name = 'ContractError';
}

const EFFECT_KINDS = 'send, broadcast, setTimer, cancelTimer, commit, execute, reply, installState, membership, log';

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** Replays returned effect objects through the context, naming the first malformed field. */
export function applyEffects<M>(ctx: ReplicaContext<M>, effects: unknown): void {
  if (!Array.isArray(effects)) {
    throw new ContractError(`handler returned ${typeof effects}; expected nothing, an array of effects, or a Promise of either`);
  }
  for (let i = 0; i < effects.length; i++) applyEffect(ctx, effects[i] as unknown, i);
}

function applyEffect<M>(ctx: ReplicaContext<M>, raw: unknown, i: number): void {
  if (typeof raw !== 'object' || raw === null) throw new ContractError(`effects[${i}]: expected an object, got ${String(raw)}`);
  const e = raw as Effect<M>;
  switch (e.kind) {
    case 'send': return ctx.send(e.to, e.payload);
    case 'broadcast': return ctx.broadcast(e.payload);
    case 'setTimer': return ctx.setTimer(e.id, e.afterMs);
    case 'cancelTimer': return ctx.cancelTimer(e.id);
    case 'commit': return ctx.commit(e.seq, e.value);
    case 'execute': return ctx.execute(e.seq, e.operation, e.result, e.origin);
    case 'reply': return ctx.reply(e.client, e.requestId, e.result);
    case 'installState': return ctx.installState(e.seq, e.digest);
    case 'membership': return ctx.membership?.(e.fromSeq, e.members);
    case 'log': return ctx.log(e.message);
    default:
      throw new ContractError(`effects[${i}].kind: unknown effect ${JSON.stringify((raw as { kind?: unknown }).kind)}; expected one of ${EFFECT_KINDS}`);
  }
}

// setImmediate runs after every queued microtask: the replica's promise chains (including work it
// did not return to us) settle before virtual time advances. No real I/O happens in a run, so the
// order of that work is deterministic.
/** Resolves once every queued microtask (and the replica work chained on them) has run. */
export function drainPendingWork(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Finishes one handler call of the in-process binding: applies returned effects, and for a handler
 * that returned a Promise, returns a Promise that settles once its effects are applied and the
 * replica's pending work is drained (`drain` false skips that for promises that are plain I/O and
 * start no work). Synchronous handlers cost one `undefined` check.
 */
export function settleHandler<M>(ctx: ReplicaContext<M>, result: HandlerResult<M>, drain = true): Promise<void> | undefined {
  if (result === undefined) return undefined;
  if (isThenable(result)) {
    const applied = Promise.resolve(result).then((effects) => {
      if (effects !== undefined) applyEffects(ctx, effects);
    });
    return drain ? applied.then(drainPendingWork) : applied;
  }
  applyEffects(ctx, result);
  return undefined;
}
