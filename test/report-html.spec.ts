import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Counterexample } from '../src/check/driver.js';
import { counterexampleHtml, htmlEscape, scriptSafeJson, timelineData } from '../src/report/html.js';
import { codec, HOSTILE, inject, naiveCampaign, settings } from './report-fixtures.js';

let cx: Counterexample;
beforeAll(async () => {
  cx = (await naiveCampaign()).counterexample;
});

function dataBlock(html: string): string {
  const m = /<script type="application\/json" id="byzcheck-data">([\s\S]*?)<\/script>/.exec(html);
  if (m?.[1] === undefined) throw new Error('no data block');
  return m[1];
}

describe('scriptSafeJson', () => {
  it('escapes <, >, & and U+2028/2029 yet parses back to the same value', () => {
    const value = { s: `${HOSTILE} & <!-- \u2028\u2029` };
    const json = scriptSafeJson(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('counterexampleHtml', () => {
  it('is one standalone document: no external resources, a strict CSP pinning the inline script by hash', () => {
    const html = counterexampleHtml({ settings, counterexample: cx, reportPath: 'r/counterexample.json', codec });
    expect(html).not.toMatch(/\b(src|href)=|@import|url\((?!#)/);
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(script).digest('base64');
    expect(html).toContain(`script-src 'sha256-${hash}'`);
    expect(html).toContain("default-src 'none'");
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
  });

  it('embeds hostile payloads only inside the escaped JSON block', () => {
    const hostile = inject(cx, 'get a', HOSTILE);
    const html = counterexampleHtml({ settings, counterexample: hostile, reportPath: 'r/counterexample.json', codec });
    expect(html).not.toContain('<img');
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    const data = JSON.parse(dataBlock(html)) as { events: { ev: { payload?: string } }[] };
    expect(data.events.some((e) => e.ev.payload?.includes(HOSTILE))).toBe(true);
  });

  it('marks the causal slice and the evidence, and labels messages with the codec', () => {
    const data = timelineData({ settings, counterexample: cx, reportPath: 'x', codec });
    expect(data.events).toHaveLength(cx.trace.length);
    expect(data.events.filter((e) => e.slice).length).toBeGreaterThan(0);
    expect(data.events.filter((e) => e.slice).length).toBeLessThan(cx.trace.length);
    expect(data.events.filter((e) => e.hot).every((e) => e.slice)).toBe(true);
    expect(data.events.some((e) => e.ev.kind === 'deliver' && e.label.startsWith('VALUE seq'))).toBe(true);
    const { n, clients } = cx.scenario;
    expect(data.lanes.map((l) => l.name)).toEqual(Array.from({ length: n + clients }, (_, i) => `${i < n ? 'R' : 'C'}${i}`));
    expect(data.lanes.filter((l) => l.adversary !== null).map((l) => l.node)).toEqual(cx.scenario.byzantine.map((b) => b.node));
  });

  it('is deterministic: the same counterexample gives the same bytes', () => {
    const a = counterexampleHtml({ settings, counterexample: cx, reportPath: 'x', codec });
    const b = counterexampleHtml({ settings, counterexample: structuredClone(cx), reportPath: 'x', codec });
    expect(a).toBe(b);
  });

  it('escapes text for HTML', () => {
    expect(htmlEscape(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
