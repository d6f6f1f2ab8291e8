/**
 * Runs per second as printed: whole numbers from 10 up, else two significant digits, so a slow
 * subprocess campaign (a quarter of a run per second) reads "0.25 runs/s", never "0 runs/s".
 */
export function formatRate(count: number, seconds: number): string {
  if (!(seconds > 0) || count <= 0) return '0';
  const perSecond = count / seconds;
  if (perSecond >= 10) return String(Math.round(perSecond));
  return String(Number(perSecond.toPrecision(2)));
}
