/**
 * Child processes of one subprocess target, reused across runs: spawning a process per run is far
 * too slow, so each replica instance of a run leases a process (reset at its first event) and all
 * leases return to the pool when the next run starts. A p-queue bounds how many steps are in
 * flight across all processes of this thread.
 */
import { availableParallelism } from 'node:os';
import PQueue from 'p-queue';
import type { Effect, ReplicaConfig } from '../contract.js';
import { ChildReplicaProcess, SubprocessError, type ChildOptions, type StepServices } from './child.js';
import type { HarnessLine } from './protocol.js';

/** Steps in flight across every child of this thread; runs are sequential, so this rarely binds. */
const IO_QUEUE = new PQueue({ concurrency: Math.max(2, availableParallelism()) });

/** One replica instance's hold on a child process, valid until the next run starts. */
export class Lease {
  private current = true;

  constructor(private readonly child: ChildReplicaProcess, private readonly name: string) {}

  /** The leased process (for diagnostics and tests). */
  get process(): ChildReplicaProcess {
    return this.child;
  }

  /** Ends the lease: the replica instance belongs to a finished run. */
  revoke(): void {
    this.current = false;
  }

  /** Runs one step on the leased child, through the thread's I/O queue. */
  step(line: HarnessLine, services: StepServices, what: string): Promise<readonly Effect<unknown>[]> {
    if (!this.current) {
      return Promise.reject(new SubprocessError(`a replica of an earlier run of '${this.name}' handled ${what} after a new run had started: runs against one subprocess target must not overlap in one thread`));
    }
    return IO_QUEUE.add(() => this.child.step(line, services, what));
  }
}

/** The processes of one subprocess target. */
export class ProcessPool {
  private readonly idle: ChildReplicaProcess[] = [];
  private leases: Lease[] = [];
  /** Identifies the run whose replicas hold the current leases (see {@link ProcessPool.lease}). */
  private runKey: object | null = null;

  constructor(private readonly options: ChildOptions) {}

  /**
   * A process for a new replica instance. The World gives every replica of one run the same
   * `config.clients` array, so a different array means a new run: the previous run's leases end.
   * Extra instances in one run (twins, a restart without state) get extra processes.
   */
  lease(config: ReplicaConfig): Lease {
    if (config.clients !== this.runKey) this.startRun(config.clients);
    let child = this.idle.pop();
    while (child !== undefined && !child.usable) child = this.idle.pop();
    const lease = new Lease(child ?? new ChildReplicaProcess(this.options), this.options.name);
    this.leases.push(lease);
    return lease;
  }

  /** Every process of this pool, leased or idle (for tests). */
  processes(): ChildReplicaProcess[] {
    return [...this.idle, ...this.leases.map((l) => l.process)];
  }

  /** Kills every process of this pool; the next run spawns fresh ones. */
  close(): void {
    for (const child of this.processes()) child.kill();
    this.idle.length = 0;
    this.leases = [];
    this.runKey = null;
  }

  private startRun(key: object): void {
    for (const lease of this.leases) {
      lease.revoke();
      if (lease.process.usable) this.idle.push(lease.process);
    }
    this.leases = [];
    this.runKey = key;
  }
}
