/**
 * Child processes of one subprocess target, reused across runs: spawning a process per run is far
 * too slow, so each replica instance of a run leases a process (reset at its first event) and all
 * leases return to the pool when the next run starts.
 */
import type { ReplicaConfig } from '../contract.js';
import { ChildReplicaProcess, type ChildOptions } from './child.js';
import { Lease, type LeaseHost } from './lease.js';
import { HangMemo } from './transcript.js';

export { Lease } from './lease.js';

/** The processes of one subprocess target. */
export class ProcessPool implements LeaseHost {
  /** Confirmed hangs of this target's replica (see {@link Lease}). */
  readonly hangs = new HangMemo();
  private readonly idle: ChildReplicaProcess[] = [];
  private leases: Lease[] = [];
  /** Identifies the run whose replicas hold the current leases (see {@link ProcessPool.lease}). */
  private runKey: object | null = null;

  constructor(private readonly options: ChildOptions) {}

  /** The target's name, for messages. */
  get name(): string {
    return this.options.name;
  }

  /** A fresh child process of this target. */
  spawn(): ChildReplicaProcess {
    return new ChildReplicaProcess(this.options);
  }

  /**
   * Starts one child and waits for its handshake, so a command that cannot run (or does not speak
   * the protocol) is known before a campaign starts; the child then serves the first run.
   */
  async probe(): Promise<void> {
    const child = this.spawn();
    await child.ready;
    this.idle.push(child);
  }

  /**
   * A process for a new replica instance. The World gives every replica of one run the same
   * `config.clients` array, so a different array means a new run: the previous run's leases end.
   * Extra instances in one run (twins, a restart without state) get extra processes.
   */
  lease(config: ReplicaConfig): Lease {
    if (config.clients !== this.runKey) this.startRun(config.clients);
    let child = this.idle.pop();
    while (child !== undefined && !child.usable) child = this.idle.pop();
    const lease = new Lease(child ?? this.spawn(), this);
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
