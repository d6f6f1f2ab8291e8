/**
 * Splits a child's stdout into `\n`-terminated UTF-8 lines with a length limit, so a child that
 * writes an endless line cannot make the harness buffer without bound.
 */

const NEWLINE = 0x0a;

/** Receives what the reader finds: each complete line, or the one error that stops it. */
export interface LineSink {
  /** A complete line, without its `\n` (a trailing `\r` is dropped too). */
  line(text: string): void;
  /** The stream broke the limit; nothing more is read after this. */
  overflow(message: string): void;
}

/** Incremental line splitter over Buffer chunks. */
export class LineReader {
  private parts: Buffer[] = [];
  private pending = 0;
  private broken = false;

  /** `maxLineBytes` bounds a line's length, newline excluded. */
  constructor(private readonly maxLineBytes: number, private readonly sink: LineSink) {}

  /** Feeds one chunk of stdout. */
  push(chunk: Buffer): void {
    let start = 0;
    while (!this.broken) {
      const nl = chunk.indexOf(NEWLINE, start);
      const end = nl === -1 ? chunk.length : nl;
      if (this.pending + (end - start) > this.maxLineBytes) {
        this.broken = true;
        this.parts = [];
        this.sink.overflow(`child wrote a line longer than the limit of ${this.maxLineBytes} bytes`);
        return;
      }
      if (nl === -1) {
        if (end > start) this.keep(chunk.subarray(start));
        return;
      }
      this.emit(chunk.subarray(start, nl));
      start = nl + 1;
    }
  }

  /** Bytes received after the last newline (a child that exits mid-line left them). */
  get partial(): number {
    return this.pending;
  }

  private keep(piece: Buffer): void {
    // Copy: the stream may reuse the chunk's memory.
    this.parts.push(Buffer.from(piece));
    this.pending += piece.length;
  }

  private emit(last: Buffer): void {
    const whole = this.parts.length === 0 ? last : Buffer.concat([...this.parts, last]);
    this.parts = [];
    this.pending = 0;
    let text = whole.toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    this.sink.line(text);
  }
}
