import { describe, expect, it } from 'vitest';
import { escapeXml, lineChartSvg, niceCeiling } from '../src/report/svg-chart.js';

describe('the SVG line chart', () => {
  it('escapes every piece of text', () => {
    expect(escapeXml(`<script>&"'`)).toBe('&lt;script&gt;&amp;&quot;&apos;');
    const svg = lineChartSvg({ title: '<x>', xLabel: 'a & b', yLabel: '"y"', points: [{ x: 0, y: 1 }] });
    expect(svg).toContain('&lt;x&gt;');
    expect(svg).toContain('a &amp; b');
    expect(svg).toContain('&quot;y&quot;');
    expect(svg).not.toMatch(/<x>|a & b/);
  });

  it('draws a marker per known value and breaks the line at missing ones', () => {
    const svg = lineChartSvg({ title: 't', xLabel: 'x', yLabel: 'y', points: [{ x: 0, y: 1 }, { x: 1, y: 2 }, { x: 2, y: null }, { x: 3, y: 3 }, { x: 4, y: 2 }] });
    expect(svg.match(/<circle /g)).toHaveLength(4);
    expect(svg.match(/<polyline /g)).toHaveLength(2);
  });

  it('rounds the y axis up to 1, 2 or 5 times a power of ten', () => {
    expect(niceCeiling(87)).toBe(100);
    expect(niceCeiling(130)).toBe(200);
    expect(niceCeiling(0.4)).toBe(0.5);
    expect(niceCeiling(0)).toBe(1);
  });
});
