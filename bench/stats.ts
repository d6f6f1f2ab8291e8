/**
 * Small statistics and formatting helpers for the benchmarks: medians with their spread (the
 * machine is shared and noisy, so no figure is ever a single timing) and Markdown tables.
 */

/** Repeated measurements of one quantity, summarised. */
export interface Summary {
  /** Median of the samples. */
  readonly median: number;
  /** Smallest sample. */
  readonly min: number;
  /** Largest sample. */
  readonly max: number;
  /** Every sample, in the order measured. */
  readonly samples: readonly number[];
}

/** A table to print and to write as Markdown. */
export interface Table {
  /** Caption printed above the table. */
  readonly caption: string;
  /** Column headers. */
  readonly headers: readonly string[];
  /** Rows of cells, as text. */
  readonly rows: readonly (readonly string[])[];
}

/** The median of some numbers (mean of the middle two for an even count); NaN for none. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Median, min and max of some samples. */
export function summarize(samples: readonly number[]): Summary {
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples), samples: [...samples] };
}

/** Summarises one numeric field of a list of measurements. */
export function summarizeBy<T>(items: readonly T[], field: (item: T) => number): Summary {
  return summarize(items.map(field));
}

/** A number with thousands separators and `digits` decimals. */
export function fmt(x: number, digits = 0): string {
  if (!Number.isFinite(x)) return String(x);
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A number with about three significant digits (integers keep all theirs), for rates and ratios. */
export function fmt3(x: number): string {
  const a = Math.abs(x);
  return fmt(x, a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3);
}

/** `median (min–max)` of a summary, each with {@link fmt3}, or with `digits` decimals when given. */
export function fmtSummary(s: Summary, digits?: number): string {
  const f = (x: number): string => (digits === undefined ? fmt3(x) : fmt(x, digits));
  return `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
}

/** The table as GitHub-flavoured Markdown: numbers (cells starting with a digit) right-aligned. */
export function markdownTable(table: Table): string {
  const numeric = table.headers.map((_, c) => table.rows.length > 0 && table.rows.every((r) => /^[-−+]?[\d.,]/.test(r[c] ?? '')));
  const line = (cells: readonly string[]): string => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  const rule = `|${numeric.map((right) => (right ? '---:' : ':---')).join('|')}|`;
  return [`**${table.caption}**`, '', line(table.headers), rule, ...table.rows.map(line)].join('\n');
}

/** The table as aligned plain text for the console. */
export function textTable(table: Table): string {
  const all = [table.headers, ...table.rows];
  const widths = table.headers.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const numeric = table.headers.map((_, c) => table.rows.length > 0 && table.rows.every((r) => /^[-−+]?[\d.,]/.test(r[c] ?? '')));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, c) => (numeric[c] === true ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [table.caption, line(table.headers), rule, ...table.rows.map(line)].join('\n');
}
