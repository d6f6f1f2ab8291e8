import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, Counterexample } from '../src/check/driver.js';
import { emptyStats } from '../src/check/stats.js';
import { junitXml, xmlEscape } from '../src/report/junit.js';
import { HOSTILE, inject, naiveCampaign, settings } from './report-fixtures.js';

const ENTITY = /&(lt|gt|amp|quot|apos|#\d+);/g;
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/** A small XML well-formedness check: balanced elements, one root, quoted attributes, only known entities, no forbidden characters. */
function parseXml(xml: string): { name: string; attrs: Record<string, string>; text: string }[] {
  expect(xml).not.toMatch(FORBIDDEN);
  const body = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/y;
  const stack: string[] = [];
  const elements: { name: string; attrs: Record<string, string>; text: string }[] = [];
  let roots = 0;
  let at = 0;
  while (at < body.length) {
    token.lastIndex = at;
    const m = token.exec(body);
    if (m === null) throw new Error(`not well-formed at ${at}: ${body.slice(at, at + 40)}`);
    at = token.lastIndex;
    const [, close, name, attrText, selfClose, text] = m;
    if (text !== undefined) {
      if (stack.length === 0) expect(text.trim()).toBe('');
      expect(text.replace(ENTITY, '')).not.toMatch(/[&<>]/);
      const top = elements[elements.length - 1];
      if (top !== undefined && stack.length > 0) top.text += text;
      continue;
    }
    if (close === '/') {
      expect(stack.pop()).toBe(name);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (attrText ?? '').matchAll(/([\w.-]+)="([^"]*)"/g)) {
      expect(a[2]?.replace(ENTITY, '')).not.toMatch(/[&<>']/);
      attrs[a[1] as string] = a[2] as string;
    }
    if (stack.length === 0) roots++;
    elements.push({ name: name as string, attrs, text: '' });
    if (selfClose !== '/') stack.push(name as string);
  }
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
  return elements;
}

let result: CheckResult & { counterexample: Counterexample };
beforeAll(async () => {
  result = await naiveCampaign();
});

describe('xmlEscape', () => {
  it('escapes the five markup characters and makes forbidden control characters visible', () => {
    expect(xmlEscape(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&apos;');
    expect(xmlEscape('a\u0000b\u0007c\u001bd\tf\ng')).toBe('a\\u0000b\\u0007c\\u001bd\tf\ng');
    expect(xmlEscape('lone \ud800 surrogate, pair \ud83d\ude00 kept')).toBe('lone \\ud800 surrogate, pair \ud83d\ude00 kept');
  });
});

describe('junitXml', () => {
  it('has one testsuite named after the target with one testcase per property checked, time in seconds', () => {
    const xml = junitXml({ settings, result, seed: 1, elapsedSeconds: 1.23456, reportPath: 'reports/a/counterexample.json' });
    const elements = parseXml(xml);
    const suite = elements.find((e) => e.name === 'testsuite');
    expect(suite?.attrs).toMatchObject({ name: 'naive-broadcast', tests: String(settings.properties.length), time: '1.235', errors: '0' });
    const cases = elements.filter((e) => e.name === 'testcase').map((e) => e.attrs['name']);
    expect(cases).toEqual(settings.properties);
    const violated = new Set(result.counterexample.verdict.violations.map((v) => v.property));
    expect(elements.filter((e) => e.name === 'failure')).toHaveLength(violated.size);
    expect(suite?.attrs['failures']).toBe(String(violated.size));
  });

  it('puts the violation messages and evidence in the failure and ends it with the replay command', () => {
    const xml = junitXml({ settings, result, seed: 1, elapsedSeconds: 1, reportPath: 'reports/a/counterexample.json' });
    const failure = parseXml(xml).find((e) => e.name === 'failure');
    const v = result.counterexample.verdict.violations[0];
    expect(failure?.attrs['message']).toContain(xmlEscape(v?.message ?? '?'));
    expect(failure?.text).toContain('evidence: nodes');
    expect(failure?.text.trimEnd().split('\n').pop()).toBe('Replay: npx byzcheck replay reports/a/counterexample.json');
  });

  it('stays well-formed with markup, quotes and control characters in payload-derived text', () => {
    const nasty = `${HOSTILE} <>&"' \u0001\u0008\u001f ]]> &amp;`;
    const hostile = { ...result, counterexample: inject(result.counterexample, 'get a', nasty) };
    const xml = junitXml({ settings: { ...settings, target: `t<"&'>` }, result: hostile, seed: 1, elapsedSeconds: 0, reportPath: "it's <here>.json" });
    const elements = parseXml(xml);
    expect(xml).not.toContain('<img');
    expect(xml).not.toContain('<script');
    expect(xml).toContain('\\u0001');
    expect(elements.find((e) => e.name === 'testsuite')?.attrs['name']).toBe('t&lt;&quot;&amp;&apos;&gt;');
  });

  it('reports every property as passing when there is no counterexample', () => {
    const clean: CheckResult = { runs: 10, shrinks: 0, deliveries: 5, interrupted: false, stats: emptyStats(), counterexample: null };
    const elements = parseXml(junitXml({ settings, result: clean, seed: 3, elapsedSeconds: 0.5, reportPath: 'x.json' }));
    expect(elements.filter((e) => e.name === 'testcase')).toHaveLength(settings.properties.length);
    expect(elements.some((e) => e.name === 'failure')).toBe(false);
  });
});
