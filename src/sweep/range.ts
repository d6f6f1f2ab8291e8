/** Parses the sweep's `--malicious` values: a range `0..10`, a list `0,2,4`, or one number. */
export function parseMaliciousRange(text: string): number[] {
  const range = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(text);
  if (range !== null) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    if (from > to) throw new Error(`'${text}': a range must go upwards, e.g. 0..10`);
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length === 0 || parts.some((p) => !/^\d+$/.test(p))) throw new Error(`'${text}' is not a range like 0..10 or a list like 0,2,4`);
  return [...new Set(parts.map(Number))].sort((a, b) => a - b);
}
