/**
 * One child replica process: spawned once, greeted with the version handshake, then driven one
 * step at a time (an event line in; sign/verify/random requests answered in-band; a `done` line
 * with the step's effects out) under a per-step wall-clock timeout. Anything the child does wrong
 * rejects the step with a {@link SubprocessError} carrying its recent stderr.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import type { Effect, NodeId } from '../contract.js';
import { LineReader } from './line-reader.js';
import { encodeHarnessLine, excerpt, NEWEST_PROTOCOL, parseChildLine, PROTOCOL_VERSION, ProtocolError, SIGNED_FACTS_PROTOCOL, type ChildLine, type HarnessLine } from './protocol.js';
import { killedByHarness, killTree, trackChild } from './registry.js';
import { ChildReportedError, SubprocessError } from './subprocess-error.js';

export { ChildReportedError, SubprocessError, type SubprocessErrorInfo } from './subprocess-error.js';

/** `'shared'`: one child hosts every replica of a run when it speaks protocol 4; `'own'`: a child per replica. */
export type Hosting = 'shared' | 'own';

/** How to start and police one child. */
export interface ChildOptions {
  /** Program and arguments (no shell). */
  readonly argv: readonly string[];
  /** Working directory of the child. */
  readonly cwd?: string | undefined;
  /** Extra environment variables (they override the inherited ones and byzcheck's `PYTHONHASHSEED=0`). */
  readonly env?: Readonly<Record<string, string>> | undefined;
  /** Whether one child may host all replicas of a run (protocol 4; default `'shared'`, see hosted-child.ts). */
  readonly hosting?: Hosting | undefined;
  /** Wall-clock ms the child has to finish one step (or the handshake). */
  readonly stepTimeoutMs: number;
  /** Longest line accepted from the child, in bytes. */
  readonly maxLineBytes: number;
  /** How much of the child's recent stderr is kept for findings. */
  readonly stderrKeepBytes: number;
  /** The target's name, for messages. */
  readonly name: string;
}

/** Where a hosting child's lines go once diverted (hosted-child.ts), and how its death is told. */
export interface LineSink {
  /** One line the child wrote. */
  line(text: string): void;
  /** The child can no longer be used (the first reason only). */
  died(error: Error): void;
}

/** What a child may ask the harness for in the middle of a step. */
export interface StepServices {
  sign(data: string): string;
  verify(signer: NodeId, data: string, signature: string): boolean;
  random(): number;
}

/**
 * What crossed the pipes of every child of this thread (for bench/subprocess.ts): how many steps
 * ran, how many of them were written ahead, how many separate writes and reads they cost, and how
 * often byzcheck had to wait for a line (the rest had arrived already), how many in-band
 * requests (sign, verify, random) the children made, how many seats left a hosting child, and how
 * many steps were handed over at once (answered before the World asked for them).
 */
export const wireStats = { steps: 0, ahead: 0, writes: 0, reads: 0, waits: 0, asks: 0, bytesOut: 0, bytesIn: 0, moves: 0, handedAtOnce: 0 };

// A finding's stderr excerpt is most useful when it includes what the child wrote just before
// failing; stderr and stdout are separate pipes, so give stderr a moment to catch up.
const STDERR_GRACE_MS = 100;

/** A spawned child replica speaking the subprocess protocol. */
export class ChildReplicaProcess {
  /** Resolves with the child's self-reported name once the handshake succeeded. */
  readonly ready: Promise<string>;
  private readonly child: ChildProcess;
  private readonly queued: string[] = [];
  private waiter: { resolve: (line: string) => void; reject: (error: Error) => void } | null = null;
  /** Set once the child can no longer be used (exited, overflowed, desynchronised, timed out). */
  private fatal: Error | null = null;
  private stderr = '';
  private busy = false;
  /** Set once every stdio stream closed: all stderr is in, nothing to wait for. */
  private closed = false;
  /** The protocol version agreed in the handshake (2 allows pipelined events, 3 signed facts too). */
  private protocol = PROTOCOL_VERSION;
  /** Event lines written ahead of their step, oldest first: their steps consume them without writing. */
  private readonly pipelined: HarnessLine[] = [];
  /** Event lines to write ahead as soon as the current step's own line is on the wire. */
  private readonly writeAhead: HarnessLine[] = [];
  /** True right after {@link takeReady} handed a step over: its line is written already. */
  private handedOver = false;
  /** Set when the child hosts several replicas (hosted-child.ts): every line goes there, not to steps. */
  private sink: LineSink | null = null;

  constructor(private readonly options: ChildOptions) {
    const [program, ...args] = options.argv;
    if (program === undefined) throw new SubprocessError('empty command');
    this.child = spawn(program, args, {
      cwd: options.cwd,
      // A fixed hash seed makes CPython's set and dict-of-str order the same in every process
      // (the target's own env may still choose another); see docs/subprocess-protocol.md.
      env: { ...process.env, PYTHONHASHSEED: '0', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group, so a kill reaches anything the replica itself started.
      detached: true,
    });
    trackChild(this.child);
    this.wire();
    this.ready = this.handshake();
    // Handshake failures surface on the first step; never as an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  /** Process id (undefined if spawning failed). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** False once the child died, was killed for misbehaving, or byzcheck killed it (Ctrl-C, SIGTERM): the pool then starts a fresh one. */
  get usable(): boolean {
    return this.fatal === null && !killedByHarness(this.child);
  }

  /** Forgets stderr kept so far (called when the child is reset for a new run). */
  clearStderr(): void {
    this.stderr = '';
  }

  /** Kills the child (and its process group) now. */
  kill(): void {
    this.die(new SubprocessError('child was stopped by byzcheck'));
  }

  /** True when the child agreed to protocol 2: it may be sent the next events of an instant ahead of time. */
  get pipelines(): boolean {
    return this.protocol >= 2 && this.fatal === null;
  }

  /** True when the child agreed to protocol 3: its event lines may carry `signed` facts. */
  get takesSignedFacts(): boolean {
    return this.protocol >= SIGNED_FACTS_PROTOCOL && this.fatal === null;
  }

  /** The protocol version agreed in the handshake (1 until it completed). */
  get protocolVersion(): number {
    return this.protocol;
  }

  /** True when no step is running and nothing written ahead is left over: the child may be handed to a host. */
  get quiet(): boolean {
    return !this.busy && this.pipelined.length === 0 && this.writeAhead.length === 0 && this.queued.length === 0 && this.fatal === null;
  }

  /** Hands every further line to `sink` and tells it when the child dies (a quiet child, after its handshake). */
  divert(sink: LineSink): void {
    this.sink = sink;
  }

  /** Marks the child unusable with `error` and kills it (a host found its stream broken or hung). */
  abort(error: Error): void {
    this.die(error);
  }

  /** Writes raw protocol text (a host's own framing of event and answer lines). */
  send(text: string): void {
    this.writeText(text);
  }

  /** True when events were written ahead, before `line`, that no step consumed (the run ended first): {@link drain} before `line`. */
  hasLeftoversBefore(line: HarnessLine): boolean {
    return (this.pipelined.length > 0 && this.pipelined[0] !== line) || this.writeAhead.length > 0;
  }

  /**
   * Queues event lines to write right after the current step's own line, before its `done` (protocol
   * 2 only). Their steps must follow, in order, with these very line objects.
   */
  writeAheadOf(lines: readonly HarnessLine[]): void {
    if (!this.pipelines) return;
    if (!this.handedOver) {
      this.writeAhead.push(...lines);
      return;
    }
    // The step just handed over at once had its line on the wire already: these follow it now.
    this.handedOver = false;
    this.writeNow(lines);
  }

  /**
   * ReplicaChannel: the effects of `line` when `allowed`, it was written ahead and the child's
   * answer to it is a `done` read already; undefined (nothing consumed) when the step must go the
   * long way, which also reports whatever else the child wrote.
   */
  takeReady(line: HarnessLine, allowed: boolean): readonly Effect<unknown>[] | undefined {
    this.handedOver = false;
    const text = this.queued[0];
    if (!allowed || text === undefined || this.busy || this.fatal !== null || this.pipelined[0] !== line || this.writeAhead.length > 0) return undefined;
    let reply: ChildLine;
    try {
      reply = parseChildLine(text);
    } catch {
      return undefined;
    }
    if (reply.type !== 'done') return undefined;
    this.queued.shift();
    this.pipelined.shift();
    wireStats.steps++;
    wireStats.ahead++;
    wireStats.handedAtOnce++;
    this.handedOver = true;
    return reply.effects ?? [];
  }

  /**
   * Writes event lines now, in one write, while no step of the child is on its way (protocol 2
   * only): the child works on them at once. Their steps must follow, in order, with these very line
   * objects. A `reset` among them starts a new replica: lines queued for an earlier one are dropped.
   */
  writeNow(lines: readonly HarnessLine[]): void {
    if (!this.pipelines) return;
    let text: string;
    try {
      text = encodeLines(lines);
    } catch {
      return; // a payload JSON cannot carry: its own step writes it again and reports it there
    }
    if (lines.some((line) => line.type === 'reset')) this.writeAhead.length = 0;
    this.writeText(text);
    this.pipelined.push(...lines);
  }

  /**
   * Finishes the steps written ahead before `line` that the run never consumed, discarding their
   * effects and answering their requests with placeholders (the child is reset next). False if the
   * child failed meanwhile: it is then dead, and the caller needs a fresh one.
   */
  async drain(line: HarnessLine): Promise<boolean> {
    this.writeAhead.length = 0;
    while (this.pipelined.length > 0 && this.pipelined[0] !== line && this.fatal === null) {
      this.pipelined.shift();
      const timer = setTimeout(() => this.die(new SubprocessError('no answer while finishing events of an ended run', { hang: true })), this.options.stepTimeoutMs);
      try {
        await this.serve(PLACEHOLDER_SERVICES);
      } catch (error) {
        this.die(error instanceof Error ? error : new SubprocessError(String(error)));
      } finally {
        clearTimeout(timer);
      }
    }
    return this.fatal === null;
  }

  /** Runs one step: writes `line` (unless it was written ahead), serves in-band requests, returns the effects of its `done` line. */
  async step(line: HarnessLine, services: StepServices, what: string): Promise<readonly Effect<unknown>[]> {
    // Worded as a hosting child's seat words it (seat.ts): a trace must not depend on which one served.
    if (this.busy) throw new SubprocessError(`subprocess replica '${this.options.name}': ${what}: the child is still busy with another step (runs against one subprocess target must not overlap)`, { detail: this.detail() });
    this.busy = true;
    this.handedOver = false;
    let timer: NodeJS.Timeout | undefined;
    try {
      await this.ready;
      if (this.fatal !== null) throw this.fatal;
      // The timeout's length stays out of the message: a replay may run with another one.
      timer = setTimeout(() => this.die(new SubprocessError(`no answer to ${what} within the step timeout`, { hang: true })), this.options.stepTimeoutMs);
      wireStats.steps++;
      // Lines written ahead follow the event they were announced with, never the reset before it.
      const ahead = line.type === 'reset' ? [] : this.writeAhead.splice(0);
      if (this.pipelined[0] === line) {
        // Written ahead: the child may already have answered it (its lines wait in the queue).
        this.pipelined.shift();
        wireStats.ahead++;
        if (ahead.length > 0) this.writeAll(ahead);
      } else {
        if (this.pipelined.length > 0) throw new Error(`byzcheck bug: ${what} is not the event written ahead to the child`);
        if (this.queued.length > 0) throw new ProtocolError(`child wrote a line outside any step: ${excerpt(this.queued[0] as string)}`);
        this.writeAll([line, ...ahead]);
      }
      this.pipelined.push(...ahead);
      return await this.serve(services);
    } catch (error) {
      throw await this.asFinding(error);
    } finally {
      clearTimeout(timer);
      this.busy = false;
    }
  }

  private async serve(services: StepServices): Promise<readonly Effect<unknown>[]> {
    for (;;) {
      const reply = parseChildLine(await this.nextLine());
      if (reply.type === 'sign' || reply.type === 'verify' || reply.type === 'random') wireStats.asks++;
      switch (reply.type) {
        case 'done': return reply.effects ?? [];
        case 'sign': this.write({ type: 'signature', signature: services.sign(reply.data) }); break;
        case 'verify': this.write({ type: 'verified', valid: services.verify(reply.signer, reply.data, reply.signature) }); break;
        case 'random': this.write({ type: 'random', value: services.random() }); break;
        case 'error': throw new ChildReportedError(reply.message);
        case 'hello': throw new ProtocolError("child wrote 'hello' in the middle of a step");
      }
    }
  }

  /** Turns whatever ended a step badly into a finding with the child's stderr; a desynchronised child is killed. */
  async asFinding(error: unknown): Promise<Error> {
    if (error instanceof SubprocessError && error.detail !== undefined) return error;
    if (!(error instanceof ChildReportedError) && !(error instanceof SubprocessError)) {
      // A ProtocolError (or a harness-side encoding failure): the line stream can no longer be trusted.
      this.die(error instanceof Error ? error : new SubprocessError(String(error)));
    }
    if (!this.closed) await new Promise((resolve) => setTimeout(resolve, STDERR_GRACE_MS));
    const message = error instanceof Error ? error.message : String(error);
    const hang = error instanceof SubprocessError && error.hang;
    return new SubprocessError(`subprocess replica '${this.options.name}': ${error instanceof ChildReportedError ? `child reported an error: ${message}` : message}`, {
      detail: this.detail(),
      hang,
    });
  }

  private async handshake(): Promise<string> {
    const timer = setTimeout(() => this.die(new SubprocessError("no answer to 'hello' within the step timeout", { hang: true })), this.options.stepTimeoutMs);
    try {
      this.write({ type: 'hello', protocol: PROTOCOL_VERSION, newest: NEWEST_PROTOCOL });
      const hello = parseChildLine(await this.nextLine());
      if (hello.type !== 'hello') throw new ProtocolError(`expected 'hello' as the child's first line, got '${hello.type}'`);
      if (hello.protocol < PROTOCOL_VERSION || hello.protocol > NEWEST_PROTOCOL) {
        throw new ProtocolError(`child speaks subprocess protocol ${hello.protocol}; this byzcheck speaks protocols ${PROTOCOL_VERSION} to ${NEWEST_PROTOCOL}`);
      }
      this.protocol = hello.protocol;
      return hello.name ?? this.options.name;
    } catch (error) {
      const finding = await this.asFinding(error);
      this.die(finding);
      throw finding;
    } finally {
      clearTimeout(timer);
    }
  }

  private wire(): void {
    // An idle child must not keep byzcheck alive: a step in progress is kept alive by its timeout
    // timer, and the registry kills every child when byzcheck exits.
    this.child.unref();
    for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr]) (stream as Socket | null)?.unref();
    const reader = new LineReader(this.options.maxLineBytes, {
      line: (text) => this.deliver(text),
      overflow: (message) => this.die(this.failure(message)),
    });
    this.child.stdout?.on('data', (chunk: Buffer) => {
      wireStats.reads++;
      wireStats.bytesIn += chunk.length;
      reader.push(chunk);
    });
    this.child.stderr?.on('data', (chunk: Buffer) => this.keepStderr(chunk));
    // Writing to a child that just died raises EPIPE here; the exit itself is what gets reported.
    this.child.stdin?.on('error', () => undefined);
    this.child.on('error', (error) => this.die(this.failure(`cannot run ${JSON.stringify(this.options.argv.join(' '))}: ${error.message}`)));
    this.child.on('close', (code, signal) => {
      this.closed = true;
      const how = signal !== null ? `was killed by ${signal}` : `exited with code ${String(code)}`;
      const partial = reader.partial > 0 ? ` (leaving ${reader.partial} bytes of an unterminated line)` : '';
      this.die(this.failure(`child ${how}${partial}`));
    });
  }

  private deliver(text: string): void {
    if (this.sink !== null) {
      this.sink.line(text);
      return;
    }
    const waiter = this.waiter;
    if (waiter === null) {
      this.queued.push(text);
      return;
    }
    this.waiter = null;
    waiter.resolve(text);
  }

  private nextLine(): Promise<string> {
    const line = this.queued.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.fatal !== null) return Promise.reject(this.fatal);
    wireStats.waits++;
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  /** Writes event lines in one write, each but the last marked `more` (protocol 2): the child flushes its `done`s once, after the last. */
  private writeAll(lines: readonly HarnessLine[]): void {
    this.writeText(encodeLines(lines));
  }

  /** Writes one line; `more` (protocol 2) tells the child another event follows at once, so its `done` may wait in its buffer. */
  private write(line: HarnessLine, more = false): void {
    this.writeText(encodeHarnessLine(line, more));
  }

  private writeText(text: string): void {
    if (this.fatal !== null) throw this.fatal;
    wireStats.writes++;
    wireStats.bytesOut += text.length;
    this.child.stdin?.write(text);
  }

  /** Marks the child unusable with `error` (the first reason wins), kills it, and fails a waiting step. */
  private die(error: Error): void {
    if (this.fatal === null) {
      this.fatal = error;
      killTree(this.child);
      this.sink?.died(error);
    }
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.reject(this.fatal);
  }

  private failure(message: string): SubprocessError {
    return new SubprocessError(message);
  }

  private keepStderr(chunk: Buffer): void {
    const keep = this.options.stderrKeepBytes;
    this.stderr = (this.stderr + chunk.toString('utf8')).slice(-keep);
  }

  /** The pid and recent stderr: what a person needs to debug the child, and what no trace may hold. */
  detail(): string {
    const text = this.stderr.trim();
    const pid = this.child.pid === undefined ? 'never started' : `pid ${this.child.pid}`;
    return `${pid}; stderr: ${text === '' ? '(empty)' : text}`;
  }
}

/** Event lines as one text, each but the last marked `more` (protocol 2): the child flushes its `done`s once, after the last. */
function encodeLines(lines: readonly HarnessLine[]): string {
  let text = '';
  for (const [i, line] of lines.entries()) text += encodeHarnessLine(line, i < lines.length - 1);
  return text;
}

/** Answers for the requests of steps whose run has ended: never seen by any run. */
export const PLACEHOLDER_SERVICES: StepServices = { sign: () => '', verify: () => false, random: () => 0 };
