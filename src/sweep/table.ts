/** The sweep's terminal table, in the spirit of the seed's per-point `print`. */
import type { SweepResult } from './run.js';

function pad(text: string, width: number): string {
  return text.length >= width ? text : ' '.repeat(width - text.length) + text;
}

const ms = (v: number | null): string => (v === null ? 'NA' : v.toFixed(1));

/** One header line, one line per point, and a note on the fault bound. */
export function formatSweepTable(result: SweepResult): string[] {
  const header = ['malicious', 'success', 'rate', 'mean ms', 'p95 ms', 'agreement', 'regime'];
  const widths = [9, 9, 6, 9, 9, 10, 9];
  const row = (cells: readonly string[]): string => cells.map((c, i) => pad(c, widths[i] as number)).join('  ');
  const lines = [
    `sweep: target ${result.target}, n=${result.n} (f=${result.f}), adversary ${result.adversary}, timeout ${result.timeoutMs} virtual ms, seed ${result.seed}`,
    row(header),
  ];
  for (const p of result.points) {
    lines.push(row([
      String(p.malicious),
      `${p.successes}/${p.trials}`,
      p.successRate.toFixed(2),
      ms(p.meanLatencyMs),
      ms(p.p95LatencyMs),
      `${p.agreements}/${p.successes}`,
      p.malicious > result.f ? 'beyond f' : 'within f',
    ]) + (p.replicaErrors > 0 ? `  (${p.replicaErrors} trial(s) with replica errors)` : ''));
  }
  return lines;
}
