/**
 * Blames a rejection nobody awaited on the replica whose handler started the work.
 *
 * Node's 'unhandledRejection' listener runs in its own async context, not the promise's, so the
 * promise must be labelled when it is born: an async_hooks `init` hook gives each new promise (and
 * timer or immediate) the scope of the replica handler running synchronously at that moment
 * (`runningHandler`, two field writes per handler call), or else the scope of the async resource
 * whose callback creates it — work chained on replica work stays that replica's. The hook is on only
 * while runs are in progress (reference-counted), so neither a user's test process nor a
 * synchronous replica pays for it between or outside runs.
 */
import { createHook, executionAsyncResource } from 'node:async_hooks';
import { runningHandler, type HandlerScope } from '../sim/handler-scope.js';

const scopes = new WeakMap<object, HandlerScope>();
const claimed = new WeakSet<Promise<unknown>>();

const hook = createHook({
  init(_asyncId, _type, _triggerAsyncId, resource: object) {
    const owner = runningHandler.owner;
    const scope = owner !== null ? owner.scopeOf(runningHandler.node) : scopes.get(executionAsyncResource());
    if (scope !== undefined) scopes.set(resource, scope);
  },
});

let users = 0;

/**
 * Reports an unhandled rejection to the run whose replica started the work, once; false when the
 * promise was not born of replica work (the harness's or the user's own: an internal error).
 */
export function claimRejection(reason: unknown, promise: Promise<unknown>): boolean {
  if (claimed.has(promise)) return true;
  const scope = scopes.get(promise);
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
    hook.enable();
    process.on('unhandledRejection', onUnhandledRejection);
  }
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    if (--users === 0) {
      hook.disable();
      process.off('unhandledRejection', onUnhandledRejection);
    }
  };
}
