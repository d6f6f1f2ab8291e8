/**
 * One replica instance's hold on a child process for one run, and the one wall-clock verdict: a
 * step that times out is retried once on a fresh process fed the same transcript. A second
 * timeout confirms the hang, which is remembered, so the same events (the traced replay of the
 * run, in this process) report it at once instead of waiting for the timeout again.
 */
import { availableParallelism } from 'node:os';
import PQueue from 'p-queue';
import type { Effect } from '../contract.js';
import type { ReplicaChannel } from './channel.js';
import { SubprocessError, type ChildReplicaProcess, type StepServices } from './child.js';
import { Seat, SeatMoved } from './hosted-child.js';
import { excerpt, type HarnessLine } from './protocol.js';
import { SignatureBook } from './signature-book.js';
import { StepOrder } from './step-order.js';
import { recording, replaying, type HangMemo, type RecordedStep } from './transcript.js';

/**
 * Steps in flight across every child of this thread. One run has one step in flight at a time, so
 * this bounds how many children work at once: at least one per core, and one per lane in use.
 */
const IO_QUEUE = new PQueue({ concurrency: Math.max(2, availableParallelism()) });

/** Lets `lanes` runs of this thread have a step in flight at once (each lane waits on its own child). */
export function allowStepsInFlight(lanes: number): void {
  if (lanes > IO_QUEUE.concurrency) IO_QUEUE.concurrency = lanes;
}

/** How many of the events before a hang a finding quotes. */
const LAST_EVENTS_SHOWN = 3;

/** What a lease needs from its pool. */
export interface LeaseHost {
  /** The target's name, for messages. */
  readonly name: string;
  /** Confirmed hangs of this target. */
  readonly hangs: HangMemo;
  /** Starts a fresh child (to confirm a hang). */
  spawn(): ChildReplicaProcess;
}

/** One replica instance's hold on a child process, valid until the next run starts. */
export class Lease {
  private current = true;
  private readonly steps: RecordedStep[] = [];
  /** Steps queued or running: a faulty replica's wrapper may leave one behind when its run ends. */
  private readonly inFlight = new Set<Promise<unknown>>();

  /**
   * `book`: the valid signatures of the run this lease serves; `order`: the hand-over order of its
   * steps. Both are shared by the run's replicas.
   */
  constructor(
    private child: ReplicaChannel,
    private readonly host: LeaseHost,
    readonly book: SignatureBook = new SignatureBook(),
    private readonly order: StepOrder = new StepOrder(),
  ) {}

  /** The leased channel: a process, or a seat in a hosting one (a fresh process replaces it when a hang is being confirmed or the seat moves). */
  get process(): ReplicaChannel {
    return this.child;
  }

  /** Ends the lease: the replica instance belongs to a finished run. */
  revoke(): void {
    this.current = false;
  }

  /** True while a step of this lease is queued or running. */
  get busy(): boolean {
    return this.inFlight.size > 0;
  }

  /** Settles (never rejects) once no step of this lease is queued or running. */
  async whenIdle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Runs one step on the leased child, through the thread's I/O queue. */
  step(line: HarnessLine, services: StepServices, what: string): Promise<readonly Effect<unknown>[]> {
    if (!this.current) {
      return Promise.reject(new SubprocessError(`a replica of an earlier run of '${this.host.name}' handled ${what} after a new run had started: runs against one subprocess target must not overlap in one thread`));
    }
    // A hosting child handles one line at a time anyway: its seats' steps skip the queue (and its cost per step).
    const start = (): Promise<readonly Effect<unknown>[]> => (this.child instanceof Seat ? this.run(line, services, what) : IO_QUEUE.add(() => this.run(line, services, what)));
    // A strategy may call several handlers at once (view-change-storm fires every pending timer of
    // one instance, twins hand a request to both copies): in process they run one after the other,
    // in call order. Here too: a step starts once every earlier step of the run settled. Left to the
    // I/O queue, two steps of one child would run at once, or not, as other lanes' steps happened to
    // fill the queue, and two children's asks would draw from the run's generator in wall-clock order.
    const step = this.order.idle ? start() : this.order.settled().then(start);
    this.inFlight.add(step);
    const done = (): void => void this.inFlight.delete(step);
    step.then(done, done);
    return this.order.inTurn(step);
  }

  /**
   * The effects of `line` at once, when its child answered it already and every earlier step of
   * the run was handed over (so the hand-over order is kept); undefined when it must be stepped.
   * The run then goes on without waiting a turn of the event loop: no promise per step.
   */
  stepNow(line: HarnessLine, what: string): readonly Effect<unknown>[] | undefined {
    const allowed = this.current && this.inFlight.size === 0 && this.order.idle && this.host.hangs.size === 0;
    const effects = this.child.takeReady?.(line, allowed);
    if (effects !== undefined) this.steps.push({ line, what, answers: [] });
    return effects;
  }

  private async run(line: HarnessLine, services: StepServices, what: string): Promise<readonly Effect<unknown>[]> {
    const known = this.host.hangs.lookup(this.steps, line);
    if (known !== undefined) {
      throw new SubprocessError(known.message, { hang: true, detail: `${known.detail ?? ''} (this hang was confirmed earlier in this byzcheck process: not waited for again)` });
    }
    // Events written ahead in an earlier run that ended first are finished before the child is reset.
    if (line.type === 'reset' && this.child.hasLeftoversBefore(line) && !(await this.child.drain(line))) this.child = this.host.spawn();
    const step: RecordedStep = { line, what, answers: [] };
    let effects: readonly Effect<unknown>[];
    try {
      effects = await this.child.step(line, recording(services, step.answers), what);
    } catch (error) {
      effects = await this.recover(error, step, services);
    }
    this.steps.push(step);
    return effects;
  }

  /** A step that failed for the harness' sake (a seat moved, a hang) goes on; any other failure is the finding. */
  private async recover(error: unknown, step: RecordedStep, services: StepServices): Promise<readonly Effect<unknown>[]> {
    let failure = error;
    if (error instanceof SeatMoved) {
      if (!this.current) throw new SubprocessError(`a replica of an earlier run of '${this.host.name}' handled ${step.what} after a new run had started`);
      try {
        return await this.moveOut(step, services);
      } catch (again) {
        failure = again;
      }
    }
    if (!(failure instanceof SubprocessError) || !failure.hang) throw failure;
    return this.confirmHang(step, services, failure);
  }

  /**
   * The seat left its hosting child (hosted-child.ts): a child of its own is fed this instance's
   * recorded steps with their recorded answers, then runs `step`. Nothing of `step` was answered
   * by the host (a seat leaves only with its waiting steps unstarted), so the run sees each ask once.
   */
  private async moveOut(step: RecordedStep, services: StepServices): Promise<readonly Effect<unknown>[]> {
    const own = this.host.spawn();
    this.child = own;
    step.answers.length = 0;
    for (const earlier of this.steps) await own.step(earlier.line, replaying(earlier.answers, null), earlier.what);
    return own.step(step.line, recording(services, step.answers), step.what);
  }

  /**
   * Replays the transcript on a fresh process: a slow moment of the machine passes (the run goes on
   * with the fresh process' answer, as if nothing happened); a real hang repeats and is confirmed.
   */
  private async confirmHang(step: RecordedStep, services: StepServices, first: SubprocessError): Promise<readonly Effect<unknown>[]> {
    const fresh = this.host.spawn();
    this.child = fresh;
    try {
      for (const earlier of this.steps) await fresh.step(earlier.line, replaying(earlier.answers, null), earlier.what);
      return await fresh.step(step.line, replaying(step.answers, services), step.what);
    } catch (error) {
      const again = error instanceof SubprocessError ? error : new SubprocessError(String(error));
      if (!again.hang) {
        throw new SubprocessError(`${first.message}; a fresh process fed the same events then failed otherwise: ${again.message}`, { detail: again.detail });
      }
      const confirmed = new SubprocessError(
        `${first.message}, twice (the second time on a fresh process fed the same ${this.steps.length + 1} event(s)); the last events it got: ${lastEvents([...this.steps, step])}`,
        { hang: true, detail: again.detail },
      );
      this.host.hangs.remember(this.steps, step.line, confirmed);
      throw confirmed;
    }
  }
}

/** The last few event lines of a transcript, as the child got them. */
function lastEvents(steps: readonly RecordedStep[]): string {
  return steps.slice(-LAST_EVENTS_SHOWN).map((s) => excerpt(JSON.stringify(s.line), 160)).join(', ');
}
