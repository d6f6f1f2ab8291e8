/**
 * Child processes of one subprocess target, reused across runs: spawning a process per run is far
 * too slow, so each replica instance of a run leases a process (reset at its first event) and all
 * leases return to the pool when the next run starts.
 */
import type { ReplicaConfig } from '../contract.js';
import { ChildReplicaProcess, type ChildOptions } from './child.js';
import { Lease, type LeaseHost } from './lease.js';
import { SignatureBook } from './signature-book.js';
import { StepOrder } from './step-order.js';
import { HangMemo } from './transcript.js';

export { Lease } from './lease.js';

/** The processes of one subprocess target. */
export class ProcessPool implements LeaseHost {
  private readonly idle: ChildReplicaProcess[] = [];
  private leases: Lease[] = [];
  /** Processes of finished runs still busy with a step a faulty replica's wrapper left behind. */
  private readonly draining = new Set<ChildReplicaProcess>();
  /** Identifies the run whose replicas hold the current leases (see {@link ProcessPool.lease}). */
  private runKey: object | null = null;
  /** The valid signatures the current run's children signed or verified (protocol 3). */
  private book = new SignatureBook();
  /** The hand-over order of the current run's steps (see step-order.ts). */
  private order = new StepOrder();

  /** `hangs`: confirmed hangs of this target's replica (see {@link Lease}), shared with the pools of its forks. */
  constructor(private readonly options: ChildOptions, readonly hangs: HangMemo = new HangMemo()) {}

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
    const lease = new Lease(child ?? this.spawn(), this, this.book, this.order);
    this.leases.push(lease);
    return lease;
  }

  /** Every process of this pool, leased or idle (for tests). */
  processes(): ChildReplicaProcess[] {
    return [...this.idle, ...this.draining, ...this.leases.map((l) => l.process)];
  }

  /** Kills every process of this pool; the next run spawns fresh ones. */
  close(): void {
    for (const child of this.processes()) child.kill();
    this.idle.length = 0;
    this.draining.clear();
    this.leases = [];
    this.runKey = null;
  }

  private drain(lease: Lease): void {
    const child = lease.process;
    this.draining.add(child);
    void lease.whenIdle().then(() => {
      // close() forgets (and kills) draining processes: one it forgot must not come back.
      if (!this.draining.delete(child)) return;
      if (child.usable) this.idle.push(child);
    });
  }

  private startRun(key: object): void {
    for (const lease of this.leases) {
      lease.revoke();
      // A step still in flight (work a faulty replica's wrapper started and never awaited) belongs to
      // the finished run: the process may serve a new run only once it has answered, or a new run's
      // reset would find it busy and blame a replica for byzcheck's own overlap.
      if (lease.busy) this.drain(lease);
      else if (lease.process.usable) this.idle.push(lease.process);
    }
    this.leases = [];
    this.runKey = key;
    this.book = new SignatureBook();
    this.order = new StepOrder();
  }
}
