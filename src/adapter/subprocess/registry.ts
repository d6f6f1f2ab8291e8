/**
 * Every live child replica process of this thread, so none outlives byzcheck: they are killed when
 * the process exits, on SIGINT/SIGTERM (after which the signal's default action is re-raised), and
 * on demand by {@link closeAllChildren} (tests call it in `afterAll`).
 */
import type { ChildProcess } from 'node:child_process';
import { isMainThread } from 'node:worker_threads';

const live = new Set<ChildProcess>();
let installed = false;
/**
 * Children a kill was sent to. Their exit is noticed only on a later turn of the event loop, but a
 * campaign stopped by a signal goes on at once (it replays its counterexample for the reports):
 * a killed child still looking usable would be leased, and its death blamed on the replica.
 */
const killed = new WeakSet<ChildProcess>();

/** True once byzcheck sent `child` a kill: it must serve no further step, and its death is no finding. */
export function killedByHarness(child: ChildProcess): boolean {
  return killed.has(child);
}

/** Kills a child and (it leads its own process group) anything it started; never throws. */
export function killTree(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  killed.add(child);
  const pid = child.pid;
  try {
    if (pid !== undefined) process.kill(-pid, signal);
  } catch {
    // The group is gone already, or the child never got its own group: kill the child alone.
    try {
      child.kill(signal);
    } catch {
      // Already dead.
    }
  }
  child.stdin?.destroy();
}

function killAllNow(): void {
  for (const child of live) killTree(child);
  live.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  killAllNow();
  process.off(signal, onSignal);
  // Our listener suppressed the default action; restore it unless someone else handles the signal.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killAllNow);
  // Worker threads receive no signals; their children die with the main thread's handlers or on stdin EOF.
  if (isMainThread) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
}

/** Registers a freshly spawned child; it is forgotten once it exits. */
export function trackChild(child: ChildProcess): void {
  install();
  live.add(child);
  child.once('exit', () => live.delete(child));
}

/** PIDs of the live children this thread started (for tests and diagnostics). */
export function liveChildPids(): number[] {
  return [...live].flatMap((c) => (c.pid === undefined ? [] : [c.pid]));
}

/** Kills every live child and resolves once all of them have exited. */
export async function closeAllChildren(): Promise<void> {
  const waiting = [...live].map((child) => {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    // Children are unref'd so that idle ones keep nothing alive; one being waited for must keep the
    // event loop alive until its exit arrives, or a top-level await of this never settles (exit 13).
    child.ref();
    return new Promise<void>((resolve) => child.once('exit', () => resolve()));
  });
  killAllNow();
  await Promise.all(waiting);
}
