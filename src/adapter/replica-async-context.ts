/**
 * Blames a rejection nobody awaited on the replica whose handler started the work.
 *
 * Node's 'unhandledRejection' listener runs in its own async context, not the promise's, so the
 * promise must be labelled when it is born. V8's promise hooks (on only while runs are in progress,
 * reference-counted) give each new promise the scope of the replica handler running synchronously
 * at that moment (`runningHandler`: two field writes per handler call), or else the scope of the
 * promise reaction running it or of its parent promise: work chained on replica work, or resumed
 * after an `await` in it, stays that replica's. V8's hooks rather than `async_hooks`: with those an
 * async replica ran at about 60 % of its speed, with these at about 85-95 %; the price is that a
 * promise born in a `setImmediate`, timer or `queueMicrotask` callback is not labelled (its
 * rejection is then no replica's: an internal error in the CLI).
 */
import { promiseHooks } from 'node:v8';
import { runningHandler, type HandlerScope } from '../sim/handler-scope.js';

/** Each labelled promise carries its scope under this key: cheaper than a WeakMap entry per promise. */
const SCOPE = Symbol('byzcheck.replicaScope');
type Labelled = { [SCOPE]?: HandlerScope };
const scopeOfPromise = (p: object): HandlerScope | undefined => (p as Labelled)[SCOPE];
const claimed = new WeakSet<Promise<unknown>>();

/** The scope of the promise reaction running now (reactions never nest: one variable suffices). */
let reacting: HandlerScope | undefined;

const hooks = {
  init(promise: Promise<unknown>, parent: Promise<unknown> | undefined): void {
    const owner = runningHandler.owner;
    const scope = owner !== null ? owner.scopeOf(runningHandler.node) : (reacting ?? (parent === undefined ? undefined : scopeOfPromise(parent)));
    if (scope !== undefined) (promise as Labelled)[SCOPE] = scope;
  },
  before(promise: Promise<unknown>): void {
    reacting = scopeOfPromise(promise);
  },
  after(): void {
    reacting = undefined;
  },
};
let stopHooks: (() => void) | null = null;

let users = 0;

/**
 * Reports an unhandled rejection to the run whose replica started the work, once; false when the
 * promise was not born of replica work (the harness's or the user's own: an internal error).
 */
export function claimRejection(reason: unknown, promise: Promise<unknown>): boolean {
  if (claimed.has(promise)) return true;
  const scope = scopeOfPromise(promise);
  if (scope === undefined) return false;
  claimed.add(promise);
  scope.owner.unawaitedRejection(scope, reason);
  return true;
}

function onUnhandledRejection(reason: unknown, promise: Promise<unknown>): void {
  if (claimRejection(reason, promise)) return;
  // Not replica work. Test runners (vitest) leave a rejection to user code while any other listener
  // exists, so this one would vanish: hand it on as if this listener were not there.
  process.off('unhandledRejection', onUnhandledRejection);
  try {
    if (process.listenerCount('unhandledRejection') > 0) process.emit('unhandledRejection', reason, promise);
    else {
      process.nextTick(() => {
        throw reason;
      });
    }
  } finally {
    if (users > 0) process.on('unhandledRejection', onUnhandledRejection);
  }
}

/**
 * Starts tracking replica async work (if not already on) and returns the function that stops it;
 * every start must be paired with a stop, so no listener or hook outlives the runs that need it.
 */
export function trackReplicaAsyncWork(): () => void {
  if (users++ === 0) {
    stopHooks = promiseHooks.createHook(hooks) as () => void;
    process.on('unhandledRejection', onUnhandledRejection);
  }
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    if (--users === 0) {
      stopHooks?.();
      stopHooks = null;
      reacting = undefined;
      process.off('unhandledRejection', onUnhandledRejection);
    }
  };
}
