/** The sweep's two charts, as the seed plots them: latency vs malicious, success rate vs malicious. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lineChartSvg } from '../report/svg-chart.js';
import type { SweepResult } from './run.js';

/** The chart files of a sweep. */
export interface SweepCharts {
  readonly latency: string;
  readonly success: string;
}

/** The two SVG documents of a sweep. */
export function sweepChartSvgs(result: SweepResult): { latency: string; success: string } {
  const subtitle = `${result.target}, n=${result.n} (f=${result.f})`;
  return {
    latency: lineChartSvg({
      title: `Latency vs malicious nodes — ${subtitle}`,
      xLabel: `Number of malicious (${result.adversary}) nodes`,
      yLabel: 'Consensus latency (virtual ms), mean over successes',
      points: result.points.map((p) => ({ x: p.malicious, y: p.meanLatencyMs })),
      formatY: (y) => y.toFixed(0),
    }),
    success: lineChartSvg({
      title: `Success rate vs malicious nodes — ${subtitle}`,
      xLabel: `Number of malicious (${result.adversary}) nodes`,
      yLabel: 'Success rate',
      points: result.points.map((p) => ({ x: p.malicious, y: p.successRate })),
      yMin: 0,
      yMax: 1,
    }),
  };
}

/** A folder name for a target: `pbft`, `seed002-python`, or a slug of a path or command. */
export function targetSlug(target: string): string {
  return target.replace(/\.[cm]?[jt]s$/, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'target';
}

/** Writes `latency.svg` and `success-rate.svg` under `<outDir>/sweep/<target>/`; returns their paths. */
export function writeSweepCharts(result: SweepResult, outDir: string): SweepCharts {
  const dir = join(outDir, 'sweep', targetSlug(result.target));
  mkdirSync(dir, { recursive: true });
  const svgs = sweepChartSvgs(result);
  const latency = join(dir, 'latency.svg');
  const success = join(dir, 'success-rate.svg');
  writeFileSync(latency, svgs.latency);
  writeFileSync(success, svgs.success);
  return { latency, success };
}
