/**
 * What a child was told since its reset: every event line and every answer to its in-band
 * requests, in order. A deterministic child fed the same transcript does the same thing, which
 * lets a hang be confirmed on a fresh process (without drawing new random numbers from the run)
 * and lets a confirmed hang be recognised again without waiting for it.
 */
import { SubprocessError, type StepServices } from './child.js';
import type { HarnessLine } from './protocol.js';

/** One answer the harness gave a child in the middle of a step. */
export type Answer =
  | { readonly kind: 'sign'; readonly value: string }
  | { readonly kind: 'verify'; readonly value: boolean }
  | { readonly kind: 'random'; readonly value: number };

/** One step a child was given: its event line, how findings name it, and the answers it got. */
export interface RecordedStep {
  readonly line: HarnessLine;
  readonly what: string;
  readonly answers: Answer[];
}

/** `services`, recording every answer into `answers`. */
export function recording(services: StepServices, answers: Answer[]): StepServices {
  return {
    sign: (data) => remember(answers, { kind: 'sign', value: services.sign(data) }),
    verify: (signer, data, signature) => remember(answers, { kind: 'verify', value: services.verify(signer, data, signature) }),
    random: () => remember(answers, { kind: 'random', value: services.random() }),
  };
}

function remember<A extends Answer>(answers: Answer[], answer: A): A['value'] {
  answers.push(answer);
  return answer.value;
}

/**
 * Services that give back `answers` in order; past the last one they ask `live` (and record its
 * answers), or, without `live`, report that the child asked for more than it did the first time.
 */
export function replaying(answers: Answer[], live: StepServices | null): StepServices {
  let next = 0;
  const take = (kind: Answer['kind'], ask: (s: StepServices) => Answer['value']): Answer['value'] => {
    const answer = answers[next];
    if (answer === undefined && live !== null) {
      next++;
      const value = ask(live);
      answers.push({ kind, value } as Answer);
      return value;
    }
    if (answer === undefined || answer.kind !== kind) {
      throw new SubprocessError(`fed the same events again, the child asked for '${kind}' where it first asked for ${answer === undefined ? 'nothing more' : `'${answer.kind}'`}: the replica is nondeterministic`);
    }
    next++;
    return answer.value;
  };
  return {
    sign: (data) => take('sign', (s) => s.sign(data)) as string,
    verify: (signer, data, signature) => take('verify', (s) => s.verify(signer, data, signature)) as boolean,
    random: () => take('random', (s) => s.random()) as number,
  };
}

/** Confirmed hangs seen by one target in this thread, keyed by the transcript that led to them. */
export class HangMemo {
  /** Enough for any shrinking session; the oldest is forgotten first. */
  private static readonly CAPACITY = 64;
  private readonly known = new Map<string, SubprocessError>();

  /** How many confirmed hangs are remembered. */
  get size(): number {
    return this.known.size;
  }

  /** The confirmed hang that `line` after `steps` led to before, if any. */
  lookup(steps: readonly RecordedStep[], line: HarnessLine): SubprocessError | undefined {
    return this.known.size === 0 ? undefined : this.known.get(HangMemo.key(steps, line));
  }

  /** Remembers that `line` after `steps` hung, confirmed. */
  remember(steps: readonly RecordedStep[], line: HarnessLine, error: SubprocessError): void {
    if (this.known.size >= HangMemo.CAPACITY) this.known.delete(this.known.keys().next().value as string);
    this.known.set(HangMemo.key(steps, line), error);
  }

  private static key(steps: readonly RecordedStep[], line: HarnessLine): string {
    return JSON.stringify([...steps.map((s) => [s.line, s.answers]), line]);
  }
}
