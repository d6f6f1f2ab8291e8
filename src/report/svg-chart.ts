/**
 * A minimal line chart as a standalone SVG string: axes with ticks, a polyline with point markers,
 * gaps where a value is missing. Pure string building; every piece of text is XML-escaped.
 */

/** One point; `y: null` is drawn as a gap (e.g. no successful trial, so no latency). */
export interface ChartPoint {
  readonly x: number;
  readonly y: number | null;
}

/** What to draw. */
export interface LineChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly points: readonly ChartPoint[];
  /** Fixed y range (default: 0 to a rounded maximum of the data). */
  readonly yMin?: number;
  readonly yMax?: number;
  /** Formats y tick labels (default: up to 2 decimals). */
  readonly formatY?: (y: number) => string;
}

const WIDTH = 640;
const HEIGHT = 400;
const MARGIN = Object.freeze({ left: 70, right: 20, top: 40, bottom: 55 });
const Y_TICKS = 5;

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A "nice" upper bound for an axis: 1, 2 or 5 times a power of ten. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

const defaultFormat = (y: number): string => String(Math.round(y * 100) / 100);

interface Frame {
  readonly sx: (x: number) => number;
  readonly sy: (y: number) => number;
  readonly xs: readonly number[];
  readonly yMin: number;
  readonly yMax: number;
}

function frameOf(spec: LineChartSpec): Frame {
  const xs = [...new Set(spec.points.map((p) => p.x))].sort((a, b) => a - b);
  const xMin = xs[0] ?? 0;
  const xMax = xs[xs.length - 1] ?? 1;
  const ys = spec.points.flatMap((p) => (p.y === null ? [] : [p.y]));
  const yMin = spec.yMin ?? 0;
  const yMax = spec.yMax ?? niceCeiling(Math.max(yMin + 1e-9, ...ys));
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  return {
    xs, yMin, yMax,
    sx: (x) => MARGIN.left + (xMax === xMin ? plotW / 2 : ((x - xMin) / (xMax - xMin)) * plotW),
    sy: (y) => MARGIN.top + plotH - ((y - yMin) / (yMax - yMin || 1)) * plotH,
  };
}

function axes(spec: LineChartSpec, frame: Frame): string[] {
  const format = spec.formatY ?? defaultFormat;
  const bottom = HEIGHT - MARGIN.bottom;
  const out = [
    `<line x1="${MARGIN.left}" y1="${bottom}" x2="${WIDTH - MARGIN.right}" y2="${bottom}" stroke="#333"/>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${bottom}" stroke="#333"/>`,
  ];
  for (const x of frame.xs) {
    const px = frame.sx(x).toFixed(1);
    out.push(`<line x1="${px}" y1="${bottom}" x2="${px}" y2="${bottom + 5}" stroke="#333"/>`);
    out.push(`<text x="${px}" y="${bottom + 18}" text-anchor="middle">${escapeXml(String(x))}</text>`);
  }
  for (let i = 0; i <= Y_TICKS; i++) {
    const y = frame.yMin + ((frame.yMax - frame.yMin) * i) / Y_TICKS;
    const py = frame.sy(y).toFixed(1);
    out.push(`<line x1="${MARGIN.left}" y1="${py}" x2="${WIDTH - MARGIN.right}" y2="${py}" stroke="#ddd"/>`);
    out.push(`<text x="${MARGIN.left - 8}" y="${py}" text-anchor="end" dominant-baseline="middle">${escapeXml(format(y))}</text>`);
  }
  return out;
}

function series(spec: LineChartSpec, frame: Frame): string[] {
  const out: string[] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (run.length > 1) out.push(`<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="${run.join(' ')}"/>`);
    run = [];
  };
  for (const p of [...spec.points].sort((a, b) => a.x - b.x)) {
    if (p.y === null) {
      flush();
      continue;
    }
    const cx = frame.sx(p.x).toFixed(1);
    const cy = frame.sy(p.y).toFixed(1);
    run.push(`${cx},${cy}`);
    out.push(`<circle cx="${cx}" cy="${cy}" r="4" fill="#1f77b4"><title>${escapeXml(`${p.x}: ${(spec.formatY ?? defaultFormat)(p.y)}`)}</title></circle>`);
  }
  flush();
  return out;
}

/** Renders a line chart as a complete SVG document. */
export function lineChartSvg(spec: LineChartSpec): string {
  const frame = frameOf(spec);
  const midX = (MARGIN.left + WIDTH - MARGIN.right) / 2;
  const midY = (MARGIN.top + HEIGHT - MARGIN.bottom) / 2;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${midX}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(spec.title)}</text>`,
    ...axes(spec, frame),
    ...series(spec, frame),
    `<text x="${midX}" y="${HEIGHT - 12}" text-anchor="middle">${escapeXml(spec.xLabel)}</text>`,
    `<text transform="translate(16 ${midY}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}
