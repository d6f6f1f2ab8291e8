import { describe, expect, it } from 'vitest';
import { formatRate } from '../src/report/rate.js';

describe('the runs/s a campaign prints', () => {
  it('keeps two significant digits below 10 runs/s, so a slow subprocess campaign is not shown as 0 runs/s', () => {
    expect(formatRate(45, 156.6)).toBe('0.29');
    expect(formatRate(3, 1000)).toBe('0.003');
    expect(formatRate(15, 2)).toBe('7.5');
  });

  it('rounds to whole runs from 10 runs/s up, and says 0 only when nothing ran', () => {
    expect(formatRate(500, 4.2)).toBe('119');
    expect(formatRate(0, 3)).toBe('0');
    expect(formatRate(5, 0)).toBe('0');
  });
});
