import { fnv64 } from './digest.js';

/** Balance of an account the first time it is touched: accounts need no opening operation. */
export const INITIAL_BALANCE = 1000;

/** The result of an operation the service does not understand. */
export const UNKNOWN_OP = 'err:unknown-op';

/** The last answer a client got: replayed for duplicates, part of the checkpointed state. */
export interface StoredReply {
  readonly requestId: number;
  readonly result: string;
}

/**
 * The replicated service: a key-value store plus a bank (seed 001's "transfer 100 from Alice to
 * Bob"), and the per-client reply table PBFT checkpoints with it. Every operation string has a
 * deterministic result, so replicas agree on results for any input.
 */
export class BankKvService {
  private kv = new Map<string, string>();
  private balances = new Map<string, number>();
  private replies = new Map<number, StoredReply>();

  /** Executes one operation and returns its result. */
  execute(operation: string): string {
    const words = operation.split(' ');
    switch (words[0]) {
      case 'put':
        if (words.length < 3) return 'err:usage';
        this.kv.set(words[1] as string, words.slice(2).join(' '));
        return 'ok';
      case 'get':
        return words.length === 2 ? (this.kv.get(words[1] as string) ?? 'nil') : 'err:usage';
      case 'balance':
        return words.length === 2 ? String(this.balance(words[1] as string)) : 'err:usage';
      case 'transfer':
        return this.transfer(words);
      default:
        return UNKNOWN_OP;
    }
  }

  /** Accepts `transfer AMOUNT FROM TO` and seed 001's `transfer AMOUNT from FROM to TO`. */
  private transfer(words: readonly string[]): string {
    const long = words.length === 6 && words[2] === 'from' && words[4] === 'to';
    if (!long && words.length !== 4) return 'err:usage';
    const amountText = words[1] as string;
    const from = (long ? words[3] : words[2]) as string;
    const to = (long ? words[5] : words[3]) as string;
    if (!/^\d{1,9}$/.test(amountText)) return 'err:bad-amount';
    const amount = Number(amountText);
    const available = this.balance(from);
    if (available < amount) return 'err:insufficient-funds';
    this.balances.set(from, available - amount);
    this.balances.set(to, this.balance(to) + amount);
    return `ok:${this.balance(from)}:${this.balance(to)}`;
  }

  private balance(account: string): number {
    return this.balances.get(account) ?? INITIAL_BALANCE;
  }

  /** The last reply stored for `client`, if any. */
  lastReply(client: number): StoredReply | undefined {
    return this.replies.get(client);
  }

  /** Remembers the reply to a client's latest request. */
  recordReply(client: number, requestId: number, result: string): void {
    this.replies.set(client, { requestId, result });
  }

  /**
   * Canonical text of the whole state: sorted keys, strings length-prefixed (so any content is
   * unambiguous), cheap to build at every checkpoint.
   */
  snapshot(): string {
    let text = `kv${this.kv.size}|`;
    for (const k of [...this.kv.keys()].sort()) {
      const v = this.kv.get(k) as string;
      text += `${k.length}:${k}${v.length}:${v}`;
    }
    text += `bal${this.balances.size}|`;
    for (const a of [...this.balances.keys()].sort()) text += `${a.length}:${a}${this.balances.get(a) as number};`;
    text += `rep${this.replies.size}|`;
    for (const c of [...this.replies.keys()].sort((x, y) => x - y)) {
      const r = this.replies.get(c) as StoredReply;
      text += `${c},${r.requestId},${r.result.length}:${r.result}`;
    }
    return text;
  }

  /** Digest of the state, as carried in CHECKPOINT messages. */
  digest(): string {
    return fnv64(this.snapshot());
  }

  /** Replaces the state with a snapshot; false (state untouched) if the text is malformed. */
  restore(text: string): boolean {
    const parsed = parseSnapshot(text);
    if (parsed === null) return false;
    this.kv = parsed.kv;
    this.balances = parsed.balances;
    this.replies = parsed.replies;
    return true;
  }
}

/** Digest of a snapshot text, the value a checkpoint certifies. */
export function snapshotDigest(text: string): string {
  return fnv64(text);
}

/** Reads a snapshot back; every read is bounds-checked, since the text comes from a peer. */
class Reader {
  private at = 0;
  constructor(private readonly text: string) {}

  /** Digits up to (and consuming) `stop`, as a non-negative integer. */
  int(stop: string): number {
    const end = this.text.indexOf(stop, this.at);
    if (end < 0) throw new Error('truncated');
    const digits = this.text.slice(this.at, end);
    if (!/^\d{1,15}$/.test(digits)) throw new Error('bad number');
    this.at = end + 1;
    return Number(digits);
  }

  /** A length-prefixed string. */
  str(): string {
    const length = this.int(':');
    if (this.at + length > this.text.length) throw new Error('truncated');
    const s = this.text.slice(this.at, this.at + length);
    this.at += length;
    return s;
  }

  /** Consumes a literal tag. */
  tag(t: string): void {
    if (!this.text.startsWith(t, this.at)) throw new Error(`expected ${t}`);
    this.at += t.length;
  }

  get done(): boolean {
    return this.at === this.text.length;
  }
}

interface ParsedState {
  readonly kv: Map<string, string>;
  readonly balances: Map<string, number>;
  readonly replies: Map<number, StoredReply>;
}

function parseSnapshot(text: string): ParsedState | null {
  try {
    const r = new Reader(text);
    const kv = new Map<string, string>();
    const balances = new Map<string, number>();
    const replies = new Map<number, StoredReply>();
    r.tag('kv');
    for (let i = r.int('|'); i > 0; i--) kv.set(r.str(), r.str());
    r.tag('bal');
    for (let i = r.int('|'); i > 0; i--) balances.set(r.str(), r.int(';'));
    r.tag('rep');
    for (let i = r.int('|'); i > 0; i--) {
      const client = r.int(',');
      const requestId = r.int(',');
      replies.set(client, { requestId, result: r.str() });
    }
    return r.done ? { kv, balances, replies } : null;
  } catch {
    return null;
  }
}
