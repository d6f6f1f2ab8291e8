/**
 * Child processes of one subprocess target, reused across runs: spawning a process per run is far
 * too slow, so each replica instance of a run leases a process (reset at its first event) and all
 * leases return to the pool when the next run starts. When a child speaks protocol 4, one child
 * instead hosts every replica instance of a run (hosted-child.ts), until a seat has to leave it.
 */
import type { ReplicaConfig } from '../contract.js';
import { ChildReplicaProcess, type ChildOptions } from './child.js';
import { HostedChild, Seat } from './hosted-child.js';
import { Lease, type LeaseHost } from './lease.js';
import { HOSTING_PROTOCOL } from './protocol.js';
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
  /** The child hosting the current run's replicas, if one does (protocol 4). */
  private host: HostedChild | null = null;
  /** The current run's seats in its host, in lease order. */
  private seats: Seat[] = [];
  /**
   * False once a seat had to leave its host (the replica asks while the child works ahead, or the
   * child failed): later runs then give each replica a child of its own, which never needs a replay.
   */
  private hostingPays: boolean;

  /** `hangs`: confirmed hangs of this target's replica (see {@link Lease}), shared with the pools of its forks. */
  constructor(private readonly options: ChildOptions, readonly hangs: HangMemo = new HangMemo()) {
    this.hostingPays = options.hosting !== 'own';
  }

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
    if (this.host !== null) {
      const seat = this.host.seat(this.seats.length);
      this.seats.push(seat);
      const lease = new Lease(seat, this, this.book, this.order);
      this.leases.push(lease);
      return lease;
    }
    let child = this.idle.pop();
    while (child !== undefined && !child.usable) child = this.idle.pop();
    const lease = new Lease(child ?? this.spawn(), this, this.book, this.order);
    this.leases.push(lease);
    return lease;
  }

  /** Every process of this pool, leased, hosting or idle (for tests). */
  processes(): ChildReplicaProcess[] {
    const leased = this.leases.map((l) => l.process).filter((c): c is ChildReplicaProcess => c instanceof ChildReplicaProcess);
    return [...this.idle, ...this.draining, ...leased, ...(this.host === null ? [] : [this.host.process])];
  }

  /** Kills every process of this pool; the next run spawns fresh ones. */
  close(): void {
    for (const child of this.processes()) child.kill();
    this.idle.length = 0;
    this.draining.clear();
    this.leases = [];
    this.seats = [];
    this.host = null;
    this.runKey = null;
  }

  private drain(lease: Lease, child: ChildReplicaProcess): void {
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
      const channel = lease.process;
      if (!(channel instanceof ChildReplicaProcess)) continue;
      // A step still in flight (work a faulty replica's wrapper started and never awaited) belongs to
      // the finished run: the process may serve a new run only once it has answered, or a new run's
      // reset would find it busy and blame a replica for byzcheck's own overlap.
      if (lease.busy) this.drain(lease, channel);
      else if (channel.usable) this.idle.push(channel);
    }
    this.leases = [];
    this.runKey = key;
    this.book = new SignatureBook();
    this.order = new StepOrder();
    this.host?.retire(this.seats);
    this.seats = [];
    this.host = this.nextHost();
    this.host?.process.clearStderr();
  }

  /**
   * The child to host the new run: the current host while it lives, else a quiet idle child that
   * agreed to protocol 4, else (no child yet) a fresh one. Idle children that speak an older
   * protocol serve as children of their own: the run is the same either way.
   */
  private nextHost(): HostedChild | null {
    if (!this.hostingPays) {
      if (this.host !== null) this.host.process.kill();
      return null;
    }
    if (this.host?.usable === true) return this.host;
    const stop = (): void => void (this.hostingPays = false);
    const i = this.idle.findIndex((c) => c.usable && c.quiet && c.protocolVersion >= HOSTING_PROTOCOL);
    if (i >= 0) return new HostedChild(this.idle.splice(i, 1)[0] as ChildReplicaProcess, this.options.name, this.options.stepTimeoutMs, stop);
    // Nothing known yet (no probe): a fresh child hosts, its lines waiting for its handshake.
    if (this.idle.length === 0 && this.draining.size === 0) return new HostedChild(this.spawn(), this.options.name, this.options.stepTimeoutMs, stop);
    return null;
  }
}
